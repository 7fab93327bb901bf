// npm run bench [-- --steps N] [--only browser|node] [--backends wasm,webgl] [--out file.json]
//                [--max-seconds S] [--build] [--dist DIR]
//
// Times LeNet-300-100 training (batch 60, Adam 1.2e-3, MNIST) on each tfjs backend: in Node
// (in-process: wasm, cpu) and in headless chromium (bench.html, whose Web Worker runs the same
// src/bench/bench-core.ts as Node: webgpu, webgl, wasm, cpu, one fresh page per backend).
// Prints ONE JSON document on stdout; progress goes to stderr. See docs/bench.md.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { benchBackend, BENCH_BATCH, DEFAULT_MAX_SECONDS, DEFAULT_STEPS, type BenchBackend, type BenchRow } from '../src/bench/bench-core';
import { nodeFetchBytes } from '../src/node/fetch-bytes';
import { nodeWasmPaths } from '../src/node/wasm-paths';
import { useNodeWasmThreads } from '../src/node/wasm-threads';
// @ts-expect-error: plain .mjs helpers without type declarations
import { serveStatic } from '../e2e/serve.mjs';
// @ts-expect-error: plain .mjs helpers without type declarations
import { launchBrowser, chromiumPath } from '../e2e/browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let distDir = path.join(root, 'dist');
// 'wasm' is single-threaded, 'wasm-threads' multi-threaded (the pages are cross-origin isolated).
/** Time the browser page gets for the 'experiment' row, on top of the timed loops. */
const EXPERIMENT_ALLOWANCE_S = 600;
const ALL_BROWSER: BenchBackend[] = ['webgpu', 'webgl', 'wasm', 'wasm-threads', 'cpu'];
// tfjs-backend-wasm 4.22 has no threads in Node (docs/bench.md).
// wasm-threads first: once the threaded module runs, 'wasm' is the same module on one thread.
const ALL_NODE: BenchBackend[] = ['wasm-threads', 'wasm', 'cpu'];

// Anything a library prints with console.log must not end up in the JSON on stdout.
const log = (...args: unknown[]) => console.error(...args);
console.log = log;
console.info = log;

interface Args {
  steps?: number;
  only?: 'browser' | 'node';
  backends?: BenchBackend[];
  out?: string;
  maxSeconds: number;
  build: boolean;
  dist?: string;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const a: Args = { maxSeconds: DEFAULT_MAX_SECONDS, build: false };
  const value = (i: number, flag: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--') continue;
    const [name, inline] = flag.split('=', 2) as [string, string | undefined];
    const get = () => (inline !== undefined ? inline : value(i++, name));
    if (name === '--steps') {
      a.steps = Number(get());
      if (!Number.isInteger(a.steps) || a.steps < 1) throw new UsageError('--steps must be a positive integer');
    } else if (name === '--only') {
      const v = get();
      if (v !== 'browser' && v !== 'node') throw new UsageError('--only must be browser or node');
      a.only = v;
    } else if (name === '--backends') {
      const list = get().split(',').map((s) => s.trim()).filter(Boolean);
      for (const b of list) if (!ALL_BROWSER.includes(b as BenchBackend)) throw new UsageError(`unknown backend "${b}"`);
      a.backends = list as BenchBackend[];
    } else if (name === '--out') {
      a.out = get();
    } else if (name === '--max-seconds') {
      a.maxSeconds = Number(get());
      if (!(a.maxSeconds > 0)) throw new UsageError('--max-seconds must be positive');
    } else if (name === '--dist') {
      a.dist = path.resolve(get());
    } else if (name === '--build') {
      a.build = true;
    } else if (name === '--help' || name === '-h') {
      log('usage: npm run bench -- [--steps N] [--only browser|node] [--backends wasm,webgl] [--out file.json] [--max-seconds S] [--build] [--dist DIR]');
      process.exit(0);
    } else {
      throw new UsageError(`unknown argument "${flag}" (try --help)`);
    }
  }
  return a;
}

const withTimeout = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: timed out after ${Math.round(ms / 1000)} s`)), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });

async function nodeRows(backends: BenchBackend[], args: Args): Promise<BenchRow[]> {
  // The wasm-threads row needs the threaded module: every core, whatever the CLI's default.
  if (backends.includes('wasm-threads')) useNodeWasmThreads(os.cpus().length);
  const rows: BenchRow[] = [];
  for (const b of backends) {
    log(`bench: node ${b}`);
    rows.push(
      ...(await benchBackend(b, {
        fetchBytes: nodeFetchBytes(),
        wasmPaths: nodeWasmPaths(),
        steps: args.steps,
        maxSeconds: args.maxSeconds,
        where: 'node',
        onProgress: (m) => log(`  ${m}`),
      })),
    );
  }
  return rows;
}

function ensureBuilt(force: boolean) {
  if (!force && existsSync(path.join(distDir, 'bench.html'))) return;
  if (distDir !== path.join(root, 'dist')) throw new Error(`${distDir}/bench.html not found (--build only builds dist/)`);
  log('bench: building the site (npx vite build)…');
  // stdout of the build goes to our stderr: stdout is reserved for the JSON.
  // vite-node runs this script with NODE_ENV=development, and a vite build inherits it: React's
  // development build (586 KB instead of 359 KB) would then be what the bench and later commands serve.
  execFileSync('npx', ['vite', 'build', '--mode', 'production'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr], env: { ...process.env, NODE_ENV: 'production' } });
  if (!existsSync(path.join(distDir, 'bench.html'))) throw new Error('vite build did not produce dist/bench.html');
}

interface PageResult {
  rows: BenchRow[];
  error?: string;
}

async function browserRows(
  backends: BenchBackend[],
  args: Args,
): Promise<{ rows: BenchRow[]; chromium: string }> {
  ensureBuilt(args.build);
  const server = await serveStatic(distDir, { port: 0 });
  let browser: Browser | undefined;
  const rows: BenchRow[] = [];
  try {
    browser = (await launchBrowser()) as Browser;
    const chromium = browser.version();
    log(`bench: chromium ${chromium} (${chromiumPath()}), serving ${distDir} at ${server.url}`);
    for (const b of backends) {
      const steps = args.steps ?? DEFAULT_STEPS[b];
      // Data + backend start + warm-up + four timed loops (each capped by maxSeconds) + evaluation,
      // and the end-to-end experiment row (84 s on one core of a fast CPU, minutes on a slow one).
      const limitMs = (90 + 5 * args.maxSeconds + EXPERIMENT_ALLOWANCE_S) * 1000;
      log(`bench: browser ${b}`);
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        page.on('console', (m) => {
          const t = m.text();
          if (t.startsWith('[bench]')) log(`  ${t.slice(8)}`);
          else if (m.type() === 'error' || m.type() === 'warning') log(`  [page ${m.type()}] ${t}`);
        });
        page.on('pageerror', (e) => log(`  [page error] ${e.message}`));
        const failed: string[] = [];
        page.on('response', (r) => {
          if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
        });
        page.on('requestfailed', (r) => failed.push(`${r.failure()?.errorText ?? 'failed'} ${new URL(r.url()).pathname}`));
        const url = `${server.url}bench.html?backend=${b}&steps=${steps}&maxSeconds=${args.maxSeconds}`;
        let result: PageResult;
        try {
          await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
          // The page script sets __benchRows first thing: if it never does, its code did not load
          // (e.g. dist/ was being rebuilt by someone else): fail now rather than after limitMs.
          await page
            .waitForFunction(() => (window as unknown as { __benchRows?: unknown }).__benchRows !== undefined, undefined, {
              timeout: 20_000,
            })
            .catch(() => {
              throw new Error(`bench page did not start${failed.length ? ` (${failed.join(', ')})` : ''}`);
            });
          await withTimeout(
            page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench !== undefined, undefined, {
              timeout: 0,
              polling: 500,
            }),
            limitMs,
            `browser ${b}`,
          );
          result = (await page.evaluate(() => (window as unknown as { __bench: PageResult }).__bench)) as PageResult;
          if (result.error && failed.length) result.error += ` (failed requests: ${failed.join(', ')})`;
        } catch (e) {
          // Keep whatever rows the page finished; the rest get a note.
          const partial = await withTimeout(
            page.evaluate(() => (window as unknown as { __benchRows?: BenchRow[] }).__benchRows ?? []),
            5_000,
            'reading partial rows',
          ).catch(() => [] as BenchRow[]);
          const why = (e as Error).message;
          result = { rows: partial, error: failed.length && !why.includes(failed[0]) ? `${why}; failed requests: ${failed.join(', ')}` : why };
        }
        const got = result.rows ?? [];
        rows.push(...got);
        for (const loop of ['imp', 'plain'] as const) {
          if (!got.some((r) => r.loop === loop)) {
            rows.push({
              backend: b,
              where: 'browser',
              loop,
              samplesPerSecond: null,
              steps: 0,
              evalTestMs: null,
              note: result.error ?? 'no result from the page',
            });
          }
        }
        if (result.error) log(`  ${b}: ${result.error}`);
      } finally {
        await withTimeout(context.close(), 15_000, 'closing the page').catch((e) => log(`  ${(e as Error).message}`));
      }
    }
    return { rows, chromium };
  } finally {
    if (browser) await withTimeout(browser.close(), 15_000, 'closing chromium').catch((e) => log(`bench: ${(e as Error).message}`));
    await server.close();
  }
}

const round2 = (v: number) => Math.round(v * 100) / 100;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.dist) distDir = args.dist;
  const pick = (all: BenchBackend[]) => (args.backends ? all.filter((b) => args.backends!.includes(b)) : all);
  const started = Date.now();
  const loadBefore = os.loadavg();
  const rows: BenchRow[] = [];
  let chromium: string | null = null;

  if (args.only !== 'browser') rows.push(...(await nodeRows(pick(ALL_NODE), args)));
  if (args.only !== 'node') {
    const backends = pick(ALL_BROWSER);
    if (backends.length) {
      const r = await browserRows(backends, args);
      rows.push(...r.rows);
      chromium = r.chromium;
    }
  }

  const steps = args.steps ?? DEFAULT_STEPS;
  const doc = {
    date: new Date().toISOString(),
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      platform: `${os.platform()} ${os.release()}`,
      chromium,
      node: process.version,
      // Other work on the machine slows every row: 1-minute load average before and after the run.
      loadAverage: { before: round2(loadBefore[0]), after: round2(os.loadavg()[0]) },
    },
    model: 'LeNet-300-100 (784-300-100-10), MNIST, Adam lr 1.2e-3',
    // A number when --steps was given, else the default timed steps per backend.
    steps,
    batch: BENCH_BATCH,
    maxSecondsPerRow: args.maxSeconds,
    totalSeconds: Math.round((Date.now() - started) / 1000),
    rows,
  };
  const json = JSON.stringify(doc, null, 2);
  if (args.out) {
    writeFileSync(args.out, json + '\n');
    log(`bench: wrote ${args.out}`);
  }
  process.stdout.write(json + '\n', () => process.exit(0));
}

main().catch((e) => {
  log(`bench: ${e instanceof UsageError ? e.message : ((e as Error).stack ?? e)}`);
  process.exit(1);
});
