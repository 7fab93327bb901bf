// While a run goes on: charts update live, the page stays responsive, charts export as SVG/PNG,
// several seeds draw a band, and the link can be copied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openPage, useBrowser, waitForStatus } from './browser.mjs';

const { base: BASE, browser: currentBrowser } = useBrowser();

const points = (page) => page.locator('[data-panel=accuracy-vs-remaining] [data-mark=point]').count();

test('charts grow while the run goes on, and the page never freezes', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?dataset=spiral&model=mlp-64-64&rate=0.4&rounds=6&iters=400&lr=0.01&eval=50&evalSize=1000&controls=none&run=1`);
  try {
    const page = s.page;
    await waitForStatus(page, /running/);
    await page.waitForFunction(() => document.querySelectorAll('[data-panel=accuracy-vs-remaining] [data-mark=point]').length >= 2, null, { timeout: 60_000 });
    const early = await points(page);
    // Frames the main thread paints in one second while the worker trains.
    const frames = await page.evaluate(
      () =>
        new Promise((resolve) => {
          let n = 0;
          const t0 = performance.now();
          const tick = () => (performance.now() - t0 < 1000 ? (n++, requestAnimationFrame(tick)) : resolve(n));
          requestAnimationFrame(tick);
        }),
    );
    assert.ok(frames >= 20, `only ${frames} frames in a second during training`);
    const midRun = await page.locator('[data-testid=status]').innerText();
    await waitForStatus(page, /complete/);
    const late = await points(page);
    assert.match(midRun, /running/i);
    assert.ok(late > early, `points ${early} -> ${late}`);
    assert.equal(late, 7);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('several seeds: mean points and a min-max band per arm', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?dataset=gauss&model=mlp-16-16&rounds=2&iters=40&eval=20&seeds=2&run=1`);
  try {
    await waitForStatus(s.page, /complete/);
    assert.equal(await s.page.locator('[data-panel=accuracy-vs-remaining] [data-mark=band]').count(), 3);
    assert.equal(await points(s.page), 7);
    assert.match(await s.page.locator('[data-panel=accuracy-vs-remaining]').innerText(), /2 seeds/);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('a chart exports as SVG and PNG; the link can be copied', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?dataset=xor&model=mlp-8&rounds=1&iters=20&eval=10&run=1`);
  try {
    const page = s.page;
    await waitForStatus(page, /complete/);
    const card = page.locator('[data-panel=accuracy-vs-remaining]');
    const [svg] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'SVG' }).click()]);
    const svgText = await readFile(await svg.path(), 'utf8');
    assert.match(svgText, /^<\?xml|^<svg/);
    assert.match(svgText, /xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svgText, /Accuracy vs. weights remaining/);
    // The caption: the settings in words and the link that runs them again.
    assert.match(svgText, /pruning round/);
    assert.match(svgText, /dataset=xor&amp;/);
    assert.match(svg.suggestedFilename(), /\.svg$/);
    const [png] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'PNG' }).click()]);
    const bytes = await readFile(await png.path());
    assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.locator('[data-action=copy-link]').click();
    await page.locator('[data-testid=share-note]').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /[?&]dataset=xor&/);
    assert.doesNotMatch(copied, /run=1/);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});
