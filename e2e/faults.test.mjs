// Faults forced in a real run: the WebGPU device destroyed, a 32 GB allocation on WASM, the engine's
// worker crashing. Each stops the run with a plain sentence, keeps the finished rounds, and the run
// goes on from the last one on the backend picked, to the end. On the CPU backend the resumed run's
// numbers are the uninterrupted run's, bit for bit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useBrowser, waitForStatus } from './browser.mjs';

const { base: BASE, browser: currentBrowser } = useBrowser();
const SMALL = 'dataset=gauss&model=mlp-16-16&rounds=2&batch=32&seed=3&controls=random';
const notice = (page) => page.locator('[data-testid=fault-notice]');
const rows = (page) => page.locator('[data-testid=results-table] tbody tr').count();

/** The run's rounds as numbers, without wall-clock times. */
const roundsOf = (page) =>
  page.evaluate(() => JSON.parse(JSON.stringify(window.ticketLab.store.getState().document.rounds, (k, v) => (k === 'seconds' ? undefined : v))));

/**
 * Opens the link running, asks the run to pause once round 0 ends (whatever this machine's speed),
 * waits for round 0's resume point to be saved, then forces the fault.
 */
async function openAndForceAfterRound0(url, kind) {
  const s = await openPage(currentBrowser(), url);
  await s.page.evaluate(() => window.ticketLab.lab.stepRound());
  await waitForStatus(s.page, /paused/, 240_000);
  await s.page.waitForFunction(() => window.ticketLab.savedRuns.getState().runs.some((r) => r.resumeRound === 0), null, { timeout: 60_000 });
  await s.page.evaluate((k) => window.ticketLab.lab.forceFault(k), kind);
  await notice(s.page).waitFor({ timeout: 120_000 });
  return s;
}

/** Known noise of a destroyed device: WebGPU reports the loss on the console itself. */
const unexpected = (errors) => errors.filter((e) => !/device (was )?lost|destroyed|Instance dropped|GPUDevice/i.test(e));

test('a lost WebGPU device: the run stops, round 0 is kept, and it resumes on WASM to the end', async () => {
  const s = await openAndForceAfterRound0(`${BASE}?${SMALL}&iters=80&eval=40&backend=webgpu&run=1`, 'device-lost');
  try {
    const page = s.page;
    assert.equal(await notice(page).getAttribute('data-fault'), 'device-lost');
    assert.match(await notice(page).innerText(), /The connection to the GPU \(WebGPU\) was lost/);
    await waitForStatus(page, /failed/);
    assert.equal(await rows(page), 1, 'round 0 is kept');
    // A lost device is not offered again.
    assert.equal(await notice(page).locator('button[data-backend=webgpu]').count(), 0);
    await notice(page).locator('button[data-backend=wasm]').click();
    await waitForStatus(page, /complete/, 240_000);
    assert.equal(await rows(page), 3);
    assert.equal(await notice(page).count(), 0, 'the notice goes when the run goes on');
    assert.equal(await page.evaluate(() => window.ticketLab.store.getState().document.backend.name), 'wasm');
    assert.deepEqual(unexpected(s.errors), []);
  } finally {
    await s.close();
  }
});

test('out of memory on WASM: the run stops with a plain sentence and resumes on WASM', async () => {
  const s = await openAndForceAfterRound0(`${BASE}?${SMALL}&iters=400&eval=200&backend=wasm&run=1`, 'out-of-memory');
  try {
    const page = s.page;
    assert.equal(await notice(page).getAttribute('data-fault'), 'out-of-memory');
    assert.match(await notice(page).innerText(), /WebAssembly ran out of memory/);
    await waitForStatus(page, /failed/);
    assert.equal(await rows(page), 1, 'round 0 is kept');
    await notice(page).locator('button[data-backend=wasm]').click();
    await waitForStatus(page, /complete/, 240_000);
    assert.equal(await rows(page), 3);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('a crashed worker: the run stops, and resumed on the CPU it gives the uninterrupted numbers bit for bit', async () => {
  const config = `${SMALL}&iters=400&eval=200&backend=cpu`;
  const whole = await openPage(currentBrowser(), `${BASE}?${config}&run=1`);
  let expected;
  try {
    await waitForStatus(whole.page, /complete/, 240_000);
    expected = await roundsOf(whole.page);
  } finally {
    await whole.close();
  }
  const s = await openAndForceAfterRound0(`${BASE}?${config}&run=1`, 'crash');
  try {
    const page = s.page;
    assert.equal(await notice(page).getAttribute('data-fault'), 'crash');
    assert.match(await notice(page).innerText(), /The engine stopped unexpectedly/);
    await waitForStatus(page, /failed/);
    assert.equal(await rows(page), 1, 'round 0 is kept');
    await notice(page).locator('button[data-backend=cpu]').click();
    await waitForStatus(page, /complete/, 240_000);
    assert.deepEqual(await roundsOf(page), expected);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});
