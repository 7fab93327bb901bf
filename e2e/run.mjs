// E2E runner: serves dist/ with e2e/serve.mjs and runs e2e/*.test.mjs with
// node's built-in test runner, one file at a time, against that server.
//
//   npm run build && node e2e/run.mjs                 # all e2e tests
//   node e2e/run.mjs e2e/smoke.test.mjs               # only some files
//   node e2e/run.mjs --test-name-pattern=adapter      # extra flags go to `node --test`
//
// Env: TICKET_LAB_URL is set for the tests (the served dist/ root, ends in "/");
// CHROMIUM_PATH overrides /usr/bin/chromium; TICKET_LAB_TEST_TIMEOUT (ms) is the
// default per-test timeout (10 min).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './serve.mjs';
import { chromiumPath } from './browser.mjs';
import { ensureChromium } from './ensure-chromium.mjs';

const e2eDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(e2eDir, '..');
// TICKET_LAB_DIST: another build folder (a second build beside dist/, e.g. a parallel session's).
const distDir = path.resolve(process.env.TICKET_LAB_DIST || path.join(root, 'dist'));

if (!existsSync(path.join(distDir, 'index.html'))) {
  console.error(`e2e: ${path.relative(process.cwd(), distDir) || distDir}/index.html not found.`);
  console.error('e2e: build the site first:  npm run build');
  process.exit(1);
}
ensureChromium();

const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('-'));
let files = args.filter((a) => !a.startsWith('-'));
if (files.length === 0) {
  files = readdirSync(e2eDir)
    .filter((f) => f.endsWith('.test.mjs'))
    .sort()
    .map((f) => path.join(e2eDir, f));
}
if (files.length === 0) {
  console.error('e2e: no e2e/*.test.mjs files found.');
  process.exit(1);
}
if (!flags.some((f) => f.startsWith('--test-timeout'))) {
  flags.push(`--test-timeout=${Number(process.env.TICKET_LAB_TEST_TIMEOUT) || 600_000}`);
}

const server = await serveStatic(distDir, { port: 0 });
console.log(`e2e: serving ${distDir} at ${server.url}`);
console.log(`e2e: chromium ${chromiumPath()}; ${files.length} test file(s)`);

const child = spawn(process.execPath, ['--test', '--test-concurrency=1', ...flags, ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TICKET_LAB_URL: server.url },
});

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (child.exitCode === null) child.kill(sig);
  });
}

const code = await new Promise((resolve) => {
  child.on('error', (err) => {
    console.error('e2e: failed to start the test runner:', err);
    resolve(1);
  });
  child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
});
await server.close();
process.exit(code);
