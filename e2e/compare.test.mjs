// Runs compared side by side: a sweep link asks with its estimate, runs both rates, and overlays
// them (one line per run, the legend naming the rate); the link written back reopens the saved
// runs without asking; two saved runs picked in the Runs list overlay the same way; a bad sweep is
// named in the link banner; the sweep form checks values and asks before it runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useBrowser } from './browser.mjs';

const { base: BASE, browser: currentBrowser } = useBrowser();
const TINY = 'dataset=gauss&model=mlp-16-16&rounds=2&iters=40&eval=20&batch=32&backend=wasm&seed=5';
const dialog = (page) => page.locator('[role=dialog]');
const comparison = (page) => page.locator('[data-testid=comparison]');
const accuracyLines = (page) => page.locator('[data-testid=comparison] [data-panel=compare-accuracy] [data-mark=line]');
const legend = (page, id) => page.locator(`[data-testid=comparison] [data-panel=${id}] [data-legend-item]`).allInnerTexts();

/** Waits until the comparison's accuracy chart draws `n` lines, then returns the legend texts of each chart. */
async function comparedCharts(page, n, timeout = 240_000) {
  try {
    await page.locator(`[data-testid=comparison] [data-panel=compare-accuracy] [data-mark=line] >> nth=${n - 1}`).waitFor({ state: 'attached', timeout });
  } catch (e) {
    // Say where the page was: the run's status and progress, the sweep's line, a note.
    const text = async (sel) => ((await page.locator(sel).count()) ? (await page.locator(sel).first().innerText()).replace(/\s+/g, ' ') : '-');
    throw new Error(`${e.message}\nprogress: ${await text('.progress')}\nsweep: ${await text('[data-testid=sweep-progress]')}\nnote: ${await text('[data-testid=comparison-note]')}`);
  }
  assert.equal(await accuracyLines(page).count(), n);
  for (const id of ['compare-untrained', 'compare-early-stop']) assert.equal(await page.locator(`[data-testid=comparison] [data-panel=${id}] [data-mark=line]`).count(), n, id);
  return legend(page, 'compare-accuracy');
}

test('a sweep link asks with its estimate, runs each rate, overlays them; the link reopens them; two picked runs overlay', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?${TINY}&sweep=rate:0.2,0.5`);
  try {
    const page = s.page;
    const box = dialog(page);
    await box.waitFor();
    assert.match(await box.innerText(), /Run the 2 compared runs\?[\s\S]*This link compares 2 runs\. None of them is saved in this browser; all 2 run one after another, estimated at about .+ in all on this machine\./);
    assert.equal(await page.locator('[data-testid=status]').textContent(), 'idle', 'nothing runs before the click');
    await box.locator('[data-action=confirm-yes]').click();
    await page.locator('[data-testid=sweep-progress]', { hasText: /run 1 of 2 \(20%\/round\)/ }).waitFor();

    assert.deepEqual(await comparedCharts(page, 2), ['20%/round', '50%/round']);
    const colours = await accuracyLines(page).evaluateAll((paths) => paths.map((p) => p.getAttribute('stroke')));
    assert.equal(new Set(colours).size, 2, 'each run its own colour');
    assert.equal(await page.locator('[data-testid=sweep-progress]').count(), 0);
    // The address names the comparison; the Runs list holds both runs.
    const link = await page.evaluate(() => location.search);
    assert.match(link, /[?&]rate=0\.5&/);
    assert.match(link, /&sweep=rate:0\.2,0\.5$/);
    await page.locator('[data-testid=saved-runs] tr[data-run-id][data-status=complete] >> nth=1').waitFor();

    // The same link again: both runs are saved here, so they open compared without a question.
    await page.goto(`${BASE}${link}`);
    assert.deepEqual(await comparedCharts(page, 2, 60_000), ['20%/round', '50%/round']);
    assert.equal(await box.count(), 0, 'nothing to run, nothing asked');

    await page.locator('[data-action=close-comparison]').click();
    assert.equal(await comparison(page).count(), 0);
    assert.doesNotMatch(await page.evaluate(() => location.search), /sweep=/);

    // Two saved runs picked in the Runs list.
    const picks = page.locator('[data-testid=saved-runs] [data-action=pick-run]');
    assert.equal(await picks.count(), 2);
    await picks.nth(0).check();
    await picks.nth(1).check();
    await page.locator('[data-action=compare-runs]').click();
    const picked = await comparedCharts(page, 2, 60_000);
    assert.deepEqual([...picked].sort(), ['20%/round', '50%/round']);
    assert.match(await page.evaluate(() => location.search), /&sweep=rate:0\.[25],0\.[25]$/);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('a bad sweep is named in the link banner and runs nothing; the sweep form checks values and asks first', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?${TINY}&sweep=speed:1,2`);
  try {
    const page = s.page;
    const banner = page.locator('[data-testid=config-banner]');
    await banner.waitFor();
    assert.match(await banner.innerText(), /sweep=speed:1,2: no setting is called "speed"; no sweep/);
    assert.equal(await dialog(page).count(), 0);

    const form = page.locator('[data-testid=sweep-form]');
    await page.locator('.comparison-area summary').click();
    await form.locator('[data-sweep=field]').selectOption('rate');
    const values = form.locator('[data-sweep=values]');
    await values.fill('0.2,abc');
    assert.match(await form.locator('[data-sweep=note]').innerText(), /rate=abc: not a decimal number; left out of the sweep/);
    assert.equal(await form.locator('[data-action=run-sweep]').isDisabled(), true);
    await values.fill('0.2,0.4,0.6');
    assert.match(await form.locator('[data-sweep=note]').innerText(), /^3 runs, one after another: about .+ in all\./);
    await form.locator('[data-action=run-sweep]').click();
    const box = dialog(page);
    assert.match(await box.innerText(), /Run a sweep of 3 runs\?[\s\S]*One run each for 20%\/round; 40%\/round; 60%\/round, one after another: estimated at about .+ in all on this machine/);
    await box.locator('[data-action=confirm-no]').click();
    assert.equal(await box.count(), 0);
    assert.equal(await page.locator('[data-testid=status]').textContent(), 'idle');
    assert.equal(await page.locator('[data-testid=sweep-progress]').count(), 0);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('a runs= link names runs that differ in several settings: asked, run, overlaid, and kept in the address', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?${TINY}&runs=rate:0.3;seed:6`);
  try {
    const page = s.page;
    const box = dialog(page);
    await box.waitFor();
    assert.match(await box.innerText(), /Run the 2 compared runs\?/);
    await box.locator('[data-action=confirm-yes]').click();
    assert.deepEqual(await comparedCharts(page, 2), ['30%/round, seed 5', '20%/round, seed 6']);
    // Not one setting's values: the address names each run against the config on screen (the last run's).
    assert.match(await page.evaluate(() => location.search), /&seed=6&.*&runs=rate:0\.3,seed:5;$/);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});
