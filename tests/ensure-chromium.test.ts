// npm test on a fresh Debian machine: chromium is installed when this user may, else the one command is named.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module of the e2e runner, without type declarations
import { chromiumPlan, INSTALL_COMMAND } from '../e2e/ensure-chromium.mjs';

const machine = { exists: false, custom: false, root: false, sudo: false, apt: true };

describe('chromium for the browser tests', () => {
  it('uses chromium when it is there', () => {
    expect(chromiumPlan({ ...machine, exists: true })).toEqual({ action: 'ok' });
  });
  it('installs it as root, or with sudo that needs no password, where apt-get exists', () => {
    expect(chromiumPlan({ ...machine, root: true })).toEqual({ action: 'install', prefix: [] });
    expect(chromiumPlan({ ...machine, sudo: true })).toEqual({ action: 'install', prefix: ['sudo', '-n'] });
  });
  it('otherwise stops with the one command to run', () => {
    for (const m of [machine, { ...machine, root: true, apt: false }]) {
      const plan = chromiumPlan(m);
      expect(plan.action).toBe('stop');
      expect(plan.message).toContain(INSTALL_COMMAND);
    }
    expect(chromiumPlan({ ...machine, custom: true, root: true }).message).toMatch(/CHROMIUM_PATH/);
  });
});
