// A tiny experiment from a link with run=1: the worker picks a backend (auto skips SwiftShader's
// WebGPU), trains every round, and the page shows the results table and the backend with its reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useBrowser, waitForStatus } from './browser.mjs';

const { base: BASE, browser: currentBrowser } = useBrowser();

test('auto backend: runs a tiny experiment to the end in the worker', async (t) => {
  const s = await openPage(currentBrowser(), `${BASE}?dataset=gauss&model=mlp-16-16&rounds=2&iters=60&eval=20&batch=32&run=1`);
  try {
    await waitForStatus(s.page, /complete/);
    const rows = await s.page.locator('[data-testid=results-table] tbody tr').count();
    assert.equal(rows, 3, 'round 0 (dense) and two pruning rounds');
    const backend = await s.page.locator('[data-testid=backend]').innerText();
    t.diagnostic(backend);
    // Under SwiftShader the auto choice must not be WebGPU, and must say why.
    assert.match(backend, /Backend: (WASM|WebGL|CPU)/);
    assert.match(backend, /this machine's GPU is emulated in software/);
    assert.match(await s.page.locator('[data-testid=backend]').getAttribute('title'), /software adapter/i);
    const lastRow = await s.page.locator('[data-testid=results-table] tbody tr').last().innerText();
    assert.match(lastRow, /^2\s+\d+\.\d%/);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('WebGPU when the link asks for it: the software adapter still trains', async (t) => {
  const s = await openPage(currentBrowser(), `${BASE}?dataset=xor&model=mlp-8&rounds=1&iters=20&eval=10&batch=16&controls=none&backend=webgpu&run=1`);
  try {
    await waitForStatus(s.page, /complete/);
    const backend = await s.page.locator('[data-testid=backend]').innerText();
    t.diagnostic(backend);
    assert.match(backend, /Backend: WebGPU/);
    assert.equal(await s.page.locator('[data-testid=results-table] tbody tr').count(), 2);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('MNIST loads from the shipped files with a progress report and trains', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?dataset=mnist&model=lenet300&rounds=1&iters=30&eval=30&controls=reinit&backend=wasm&run=1`);
  try {
    await waitForStatus(s.page, /complete/, 180_000);
    const rows = s.page.locator('[data-testid=results-table] tbody tr');
    assert.equal(await rows.count(), 2);
    const row1 = await rows.last().innerText();
    // Round 1 keeps 80% of fc1/fc2 and 90% of the output layer: 80.0% of all weights.
    assert.match(row1, /^1\s+80\.0%/);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});
