// The built site is cross-origin isolated (e2e/serve.mjs sends COOP/COEP): the engine's worker runs
// tfjs-backend-wasm's multi-threaded build on every core and finishes its runs; the automatic
// choice measures the backends and shows its figures (then reuses them from IndexedDB); an explicit
// backend in the link wins; a host without the headers still runs, single-threaded, and says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPage, useBrowser, waitForStatus } from './browser.mjs';
import { serveStatic } from './serve.mjs';

const { base: BASE, browser: currentBrowser } = useBrowser();
const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');

/** The backend line as "Backend: <how> · <detail>": the page says why in plain words, the technical detail is its data-detail. */
async function backendText(page) {
  const line = page.locator('[data-testid=backend]');
  return `${(await line.innerText()).split(' · ')[0]} · ${await line.getAttribute('data-detail')}`;
}

/** The engine's worker (the pthread workers tfjs-backend-wasm starts from it are blob: URLs). */
async function engineWorker(page) {
  const find = () => page.workers().find((w) => /engine\.worker/.test(w.url()));
  return find() ?? page.waitForEvent('worker', { predicate: (w) => /engine\.worker/.test(w.url()), timeout: 30_000 });
}

test('WASM trains on more than one thread in the cross-origin isolated built site', async (t) => {
  const s = await openPage(currentBrowser(), `${BASE}?dataset=gauss&model=mlp-16-16&rounds=2&iters=60&eval=20&batch=32&backend=wasm&run=1`);
  try {
    const page = s.page;
    const blobWorkers = [];
    page.on('worker', (w) => w.url().startsWith('blob:') && blobWorkers.push(w.url()));
    assert.equal(await page.evaluate(() => globalThis.crossOriginIsolated), true, 'the page is cross-origin isolated');
    const worker = await engineWorker(page);
    assert.equal(await worker.evaluate(() => self.crossOriginIsolated), true, "the engine's worker is cross-origin isolated");
    // Read on the page: while WASM starts, the worker's navigator reports twice its cores (backend.ts).
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    await waitForStatus(page, /complete/);
    const backend = await backendText(page);
    t.diagnostic(`${backend} (hardwareConcurrency ${cores}, ${blobWorkers.length} pthread workers seen)`);
    const threads = Number(/Backend: WASM \((?:threads ×(\d+)|(1) thread)\)/.exec(backend)?.slice(1).find(Boolean));
    assert.ok(threads >= 1, `the backend line names its threads: ${backend}`);
    assert.equal(threads, Math.min(8, cores), 'one thread per core (tfjs-backend-wasm has 8 pthread workers at most)');
    if (cores >= 2) assert.ok(threads > 1);
    // The worker's navigator reports its real cores again once WASM has started.
    assert.equal(await worker.evaluate(() => navigator.hardwareConcurrency), cores);
    assert.equal(await page.locator('[data-testid=results-table] tbody tr').count(), 3);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('auto measures the backends, shows the figures, and reuses them when the link opens again', async (t) => {
  const link = `${BASE}?dataset=xor&model=mlp-8&rounds=1&iters=20&eval=10&batch=16&controls=none&run=1`;
  const s = await openPage(currentBrowser(), link);
  try {
    const page = s.page;
    await waitForStatus(page, /complete/);
    const first = await backendText(page);
    t.diagnostic(first);
    const m = /^Backend: (.+?) · fastest in training \(measured in ([\d.]+) s\): (.+)$/.exec(first);
    assert.ok(m, `the backend line shows a measurement: ${first}`);
    assert.ok(Number(m[2]) <= 3, `the measurement took ${m[2]} s`);
    // Headless chromium: WebGPU and WebGL are SwiftShader (software), so WASM wins, measured on one
    // thread and on every core (whichever trains this model faster here).
    assert.match(m[1], /^WASM \((threads ×\d+|1 thread)\)$/);
    assert.match(m[3], /^WASM \((threads ×\d+|1 thread)\): [\d,]+ samples\/s; /);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    if (cores >= 2) {
      assert.match(m[3], /WASM \(1 thread\): [\d,]+ samples\/s/);
      assert.match(m[3], new RegExp(`WASM \\(threads ×${Math.min(8, cores)}\\): [\\d,]+ samples/s`));
    }
    assert.match(m[3], /WebGPU \(software adapter\): not measured/);
    assert.equal(await page.locator('[data-testid=results-table] tbody tr').count(), 2);

    // Same browser profile, new page and worker: the figures come from IndexedDB. (A reload
    // would not do: the address bar loses run=1 once the run starts.)
    await page.goto(link);
    await waitForStatus(page, /complete/);
    const second = await backendText(page);
    t.diagnostic(second);
    assert.equal(second.split(' · ')[0], `Backend: ${m[1]}`, 'the cached winner, with its threads');
    assert.match(second, /^Backend: WASM \([^)]+\) · fastest in training \(measured \d{4}-\d\d-\d\d, cached\): WASM \([^)]+\): [\d,]+ samples\/s/);
    assert.equal(second.split('cached): ')[1], m[3], 'the same figures as measured');

    // Another batch size in the same page (same worker, WASM's thread pool already made): measured again.
    await page.locator('select[data-field=batch]').selectOption('32');
    await page.locator('[data-action=run]').click();
    // Run over finished results keeps them as a saved run and starts without asking.
    await page.waitForFunction(
      (before) => {
        const status = document.querySelector('[data-testid=status]')?.textContent ?? '';
        const backend = document.querySelector('[data-testid=backend]')?.getAttribute('data-detail') ?? '';
        return /complete/i.test(status) && backend !== before && /measured in/.test(backend);
      },
      second,
      { timeout: 120_000 },
    );
    const third = await backendText(page);
    t.diagnostic(third);
    assert.match(third, /^Backend: WASM \((threads ×\d+|1 thread)\) · fastest in training \(measured in [\d.]+ s\): WASM /);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('an explicit backend in the link is respected: nothing is measured', async (t) => {
  const s = await openPage(currentBrowser(), `${BASE}?dataset=xor&model=mlp-8&rounds=1&iters=20&eval=10&batch=16&controls=none&backend=webgl&run=1`);
  try {
    await waitForStatus(s.page, /complete/);
    const backend = await backendText(s.page);
    t.diagnostic(backend);
    assert.match(backend, /^Backend: WebGL( \(software renderer\))? · chosen in the config$/);
    assert.doesNotMatch(backend, /samples\/s/);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('a host without COOP/COEP still runs the lab, single-threaded, and says so', async (t) => {
  const plain = await serveStatic(distDir, { port: 0, isolate: false });
  const s = await openPage(currentBrowser(), `${plain.url}?dataset=gauss&model=mlp-16-16&rounds=1&iters=40&eval=20&batch=32&controls=none&run=1`);
  try {
    const page = s.page;
    assert.equal(await page.evaluate(() => globalThis.crossOriginIsolated), false);
    await waitForStatus(page, /complete/);
    const backend = await backendText(page);
    t.diagnostic(backend);
    assert.match(backend, /^Backend: WASM \(single-threaded, not cross-origin isolated\) · fastest in training/);
    assert.match(backend, /WASM \(single-threaded, not cross-origin isolated\): [\d,]+ samples\/s/);
    assert.equal(await page.locator('[data-testid=results-table] tbody tr').count(), 2);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
    await plain.close();
  }
});
