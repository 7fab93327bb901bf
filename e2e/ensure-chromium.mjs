// Makes `npm test` set up a fresh Debian machine by itself: when chromium is missing, install
// Debian's package if this user may (root, or sudo without a password, and apt-get present);
// otherwise stop with the one command to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from './browser.mjs';

export const INSTALL_COMMAND = 'sudo apt-get install -y chromium';

/**
 * What to do, from facts about the machine (pure, for tests).
 * @param {{ exists: boolean, custom: boolean, root: boolean, sudo: boolean, apt: boolean }} m
 * @returns {{ action: 'ok' } | { action: 'install', prefix: string[] } | { action: 'stop', message: string }}
 */
export function chromiumPlan(m) {
  if (m.exists) return { action: 'ok' };
  if (m.custom) return { action: 'stop', message: `CHROMIUM_PATH=${chromiumPath()} is not there; point it at a chromium binary, or unset it to use Debian's.` };
  if (m.apt && (m.root || m.sudo)) return { action: 'install', prefix: m.root ? [] : ['sudo', '-n'] };
  return { action: 'stop', message: `chromium is not installed. Install it with:\n\n  ${INSTALL_COMMAND}\n\n(or set CHROMIUM_PATH to a chromium binary), then run npm test again.` };
}

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

/** Installs chromium when it is missing and allowed; exits with the command to run otherwise. */
export function ensureChromium() {
  const plan = chromiumPlan({
    exists: existsSync(chromiumPath()),
    custom: Boolean(process.env.CHROMIUM_PATH),
    root: process.getuid?.() === 0,
    sudo: has('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0,
    apt: has('apt-get'),
  });
  if (plan.action === 'ok') return;
  if (plan.action === 'stop') {
    console.error(`e2e: ${plan.message}`);
    process.exit(1);
  }
  console.log(`e2e: ${chromiumPath()} missing: installing Debian's chromium (${[...plan.prefix, 'apt-get install -y chromium'].join(' ')})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => execFileSync(plan.prefix[0] ?? args[0], plan.prefix.length ? [...plan.prefix.slice(1), 'env', 'DEBIAN_FRONTEND=noninteractive', ...args] : args.slice(1), { stdio: 'inherit', env });
  run(['apt-get', 'update']);
  run(['apt-get', 'install', '-y', 'chromium']);
  if (!existsSync(chromiumPath())) {
    console.error(`e2e: the install finished but ${chromiumPath()} is still missing; install chromium by hand: ${INSTALL_COMMAND}`);
    process.exit(1);
  }
}
