// The lab as a lecturer and a student use it: links set the controls and controls write the link,
// a tiny run makes every panel draw, results export, validate and import, bad links show a banner.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPage, useBrowser, waitForStatus } from './browser.mjs';

const { base: BASE, browser: currentBrowser } = useBrowser();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = path.join(root, 'test-results');
// MNIST with a small MLP: the first-layer unit masks need 784 inputs; 500 evaluation images keep it quick.
const TINY = 'dataset=mnist&model=mlp-32-16&rounds=2&iters=40&eval=20&evalSize=500&batch=32&backend=wasm&seed=3';
before(() => mkdir(artifacts, { recursive: true }));

/** Marks drawn by each panel: what a student would see. */
async function countMarks(page) {
  const count = (sel) => page.locator(sel).count();
  return {
    accuracyPoints: await count('[data-panel=accuracy-vs-remaining] [data-mark=point]'),
    untrainedPoints: await count('[data-panel=untrained-accuracy] [data-mark=point]'),
    curves: await count('[data-panel=learning-curves] [data-mark=line]'),
    earlyStopPoints: await count('[data-panel=early-stop-vs-remaining] [data-mark=point]'),
    histogramBars: await count('[data-panel=weight-histograms] [data-mark=bar]'),
    planes: await count('[data-panel=criterion-plane] [data-mark=plane]'),
    heatmaps: await count('[data-panel=mask-heatmap] [data-mark=heatmap]'),
    units: await count('[data-panel=first-layer-masks] [data-mark=units]'),
    stats: await count('[data-panel=summary] [data-mark=stat]'),
    tableRows: await count('[data-testid=results-table] tbody tr'),
  };
}

test('opening a link sets the controls', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?dataset=fashion&model=mlp-64-32&rate=0.5&rounds=3&iters=800&seed=9&controls=reinit`);
  try {
    const page = s.page;
    assert.equal(await page.locator('select[data-field=dataset]').inputValue(), 'fashion');
    assert.equal(await page.locator('input[type=range][data-field=rate]').inputValue(), '50');
    assert.equal(await page.locator('input[type=range][data-field=rounds]').inputValue(), '3');
    assert.equal(await page.locator('input[type=number][data-field=seed]').inputValue(), '9');
    assert.equal(await page.locator('input[type=checkbox][data-field=controls][value=random]').isChecked(), false);
    assert.equal(await page.locator('input[type=checkbox][data-field=controls][value=reinit]').isChecked(), true);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('moving a slider changes the link in place', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?rate=0.2`);
  try {
    const page = s.page;
    const historyBefore = await page.evaluate(() => history.length);
    await page.locator('input[type=range][data-field=rate]').fill('35');
    await page.waitForFunction(() => location.search.includes('rate=0.35'));
    await page.locator('input[type=range][data-field=rounds]').fill('12');
    await page.waitForFunction(() => location.search.includes('rounds=12'));
    assert.equal(await page.evaluate(() => history.length), historyBefore, 'replaceState, not a new history entry');
    // The implication next to the slider follows: 35% per round x 12 rounds.
    const text = await page.locator('[data-field=rate]').first().locator('xpath=ancestor-or-self::*[@data-field][1]').innerText();
    assert.match(text, /35%/);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('a tiny run draws every panel; its export passes the schema and imports to the same charts', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?${TINY}&run=1`);
  try {
    const page = s.page;
    await waitForStatus(page, /complete/);
    await page.waitForTimeout(300);
    const marks = await countMarks(page);
    assert.deepEqual(
      { ...marks, histogramBars: marks.histogramBars > 10, stats: marks.stats >= 4 },
      {
        accuracyPoints: 7, // round 0 ticket + 2 rounds x 3 arms
        untrainedPoints: 7,
        curves: 3, // the ticket's curve of each round
        earlyStopPoints: 7,
        histogramBars: true,
        planes: 1,
        heatmaps: 3, // one per layer of 784-32-16-10
        units: 1,
        stats: true,
        tableRows: 3,
      },
    );
    await page.screenshot({ path: path.join(artifacts, 'lab-run.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action=export-json]').click()]);
    const file = path.join(artifacts, 'exported-results.json');
    await download.saveAs(file);
    const check = spawnSync('npx', ['vite-node', 'scripts/check-results.ts', file], { cwd: root, encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr + check.stdout);
    const doc = JSON.parse(await readFile(file, 'utf8'));
    assert.equal(doc.rounds.length, 3);
    assert.equal(doc.config.model, 'mlp-32-16');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action=export-csv]').click()]);
    const csvText = await readFile(await csv.path(), 'utf8');
    assert.equal(csvText.trim().split('\n').length, 4);

    // A fresh page, nothing run: importing the file draws the same result charts.
    const t = await openPage(currentBrowser(), BASE);
    try {
      await t.page.locator('[data-testid=import-file]').setInputFiles(file);
      await t.page.locator('[data-testid=results-table] tbody tr').nth(2).waitFor();
      const imported = await countMarks(t.page);
      for (const key of ['accuracyPoints', 'untrainedPoints', 'curves', 'earlyStopPoints', 'tableRows']) assert.equal(imported[key], marks[key], key);
      assert.equal(await t.page.locator('select[data-field=dataset]').inputValue(), 'mnist');
      assert.deepEqual(t.errors, []);
    } finally {
      await t.close();
    }
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('Zhou et al.: the supermask preset writes its keys to the link; tiny runs draw the (w_i, w_f) plane, compared criteria and a learned supermask', async () => {
  const s = await openPage(currentBrowser(), BASE);
  try {
    const page = s.page;
    await page.locator('[data-preset=supermask]').click();
    await page.waitForFunction(() => /criterion=large_final_same_sign/.test(location.search) && /start=constant_sign/.test(location.search));
    assert.equal(await page.locator('select[data-field=criterion]').inputValue(), 'large_final_same_sign');
    assert.equal(await page.locator('select[data-field=start]').inputValue(), 'constant_sign');
    assert.match(await page.locator('[data-preset=supermask]').innerText(), /Look for:/);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
  // The same keys on a tiny run: the link sets the selects, the run completes and the plane draws.
  const t = await openPage(currentBrowser(), `${BASE}?${TINY}&criterion=movement&compare=random&start=reshuffle_sign&pruned=toward_zero&run=1`);
  try {
    const page = t.page;
    assert.equal(await page.locator('select[data-field=criterion]').inputValue(), 'movement');
    assert.equal(await page.locator('select[data-field=pruned]').inputValue(), 'toward_zero');
    await waitForStatus(page, /complete/);
    await page.locator('[data-panel=criterion-plane] [data-mark=plane]').waitFor();
    assert.match(await page.locator('[data-panel=criterion-plane]').innerText(), /movement/);
    assert.match(await page.locator('[data-panel=criterion-plane] [data-stats=plane]').innerText(), /kept|nothing is pruned/);
    // The compared criterion's chain is drawn beside the ticket: the dense point and 2 rounds.
    assert.equal(await page.locator('[data-panel=accuracy-vs-remaining] [data-mark=point][data-arm="criterion:random"]').count(), 3);
    assert.equal(await page.locator('input[type=checkbox][data-field=compare][value=random]').isChecked(), true);
    assert.deepEqual(t.errors, []);
  } finally {
    await t.close();
  }
  // A learned supermask: its panel draws accuracy and density at every evaluation, and the mask heatmaps draw its mask.
  const u = await openPage(currentBrowser(), `${BASE}?${TINY}&mode=supermask&start=constant_sign&run=1`);
  try {
    const page = u.page;
    await waitForStatus(page, /complete/);
    await page.locator('[data-panel=supermask] [data-mark=point]').first().waitFor();
    assert.equal(await page.locator('[data-panel=supermask] [data-mark=point]').count(), 2 * 3); // iterations 0, 20, 40
    assert.match(await page.locator('[data-panel=supermask]').innerText(), /Learned supermask: [\d.]+% at [\d.]+% kept/);
    assert.equal(await page.locator('[data-panel=mask-heatmap] [data-mark=heatmap]').count(), 3);
    assert.deepEqual(u.errors, []);
  } finally {
    await u.close();
  }
});

test('transfer: a tiny run draws the transferred ticket, the random mask and the target’s own ticket on the target’s chart', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?${TINY}&transfer=fashion&run=1`);
  try {
    const page = s.page;
    assert.equal(await page.locator('select[data-field=transfer]').inputValue(), 'fashion');
    await waitForStatus(page, /complete/);
    const points = (arm) => page.locator(`[data-panel=transfer-accuracy] [data-mark=point][data-arm=${arm}]`).count();
    assert.equal(await points('transfer'), 2); // rounds 1 and 2
    assert.equal(await points('transferRandomMask'), 2);
    assert.equal(await points('targetTicket'), 3); // its own dense round 0 too
    assert.match(await page.locator('[data-panel=transfer-accuracy]').innerText(), /On the target: Fashion-MNIST[\s\S]*Target’s own ticket/);
    // The source's chart keeps to the source's arms.
    assert.equal(await page.locator('[data-panel=accuracy-vs-remaining] [data-mark=point][data-arm=transfer]').count(), 0);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('stability, a rewind sweep and another optimizer: a tiny run draws the path, instability, sweep and target charts', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?${TINY}&rewind=5&rewinds=0,10&stability=0,2&transferOpt=sgd&transferLr=0.05&run=1`);
  try {
    const page = s.page;
    assert.equal(await page.locator('#input-stability-2').isChecked(), true);
    assert.equal(await page.locator('#input-stability-1').isChecked(), false);
    assert.equal(await page.locator('input[data-field=rewinds]').inputValue(), '0, 10');
    assert.equal(await page.locator('select[data-field=transferOpt]').inputValue(), 'sgd');
    await waitForStatus(page, /complete/);
    // Round 2's arms: ticket, reinit, random mask, the k = 0 and k = 10 chains, three transfer arms.
    const paths = page.locator('[data-panel=stability-path] [data-series]');
    assert.equal(await paths.count(), 8);
    assert.equal(await page.locator('[data-panel=stability-path] [data-series=ticket] [data-mark=point]').count(), 11);
    assert.match(await page.locator('[data-panel=stability-path]').innerText(), /round 2/);
    // Instability per round: the ticket in rounds 0 and 2.
    assert.equal(await page.locator('[data-panel=instability] [data-mark=point][data-arm=ticket]').count(), 2);
    // The sweep: k = 0, 5 (the ticket), 10; accuracy and instability (round 2 is measured).
    assert.equal(await page.locator('[data-panel=rewind-sweep] [data-series=accuracy] [data-mark=point]').count(), 3);
    assert.equal(await page.locator('[data-panel=rewind-sweep] [data-series=instability] [data-mark=point]').count(), 3);
    assert.equal(await page.locator('[data-panel=transfer-accuracy] [data-mark=point][data-arm=targetTicket]').count(), 3);
    assert.match(await page.locator('[data-panel=transfer-accuracy]').innerText(), /with SGD/);
    // Picking round 0 in the scrubber shows round 0's path.
    await page.locator('#round-scrubber').press('Home');
    await page.locator('[data-panel=stability-path]', { hasText: 'round 0' }).waitFor();
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('each Zhou et al. and transfer preset writes its keys to the link; its link opens as that preset and starts to run and draw', async () => {
  const keys = {
    supermask: /criterion=large_final_same_sign.*start=constant_sign|start=constant_sign.*criterion=large_final_same_sign/,
    criteria: /compare=small_final(,|%2C)magnitude_increase(,|%2C)movement(,|%2C)random/,
    'zeros-signs': /start=reinit_sign/,
    'learned-supermask': /mode=supermask/,
    'transfer-fashion': /transfer=fashion/,
    'transfer-mnist': /dataset=fashion.*transfer=mnist/,
    'transfer-sgd': /transferOpt=momentum/,
    'stable-tickets': /stability=0,3,5/,
    'why-rewind': /model=conv2.*rewinds=0/,
  };
  for (const [id, pattern] of Object.entries(keys)) {
    const s = await openPage(currentBrowser(), BASE);
    let link;
    try {
      await s.page.locator(`[data-preset=${id}]`).click();
      await s.page.waitForFunction((src) => new RegExp(src).test(location.search), pattern.source);
      assert.equal(await s.page.locator(`[data-preset=${id}]`).getAttribute('data-active'), 'true', id);
      link = await s.page.evaluate(() => location.href);
      assert.deepEqual(s.errors, []);
    } finally {
      await s.close();
    }
    const t = await openPage(currentBrowser(), link);
    try {
      await t.page.locator(`[data-preset=${id}][data-active=true]`).waitFor();
      assert.equal(await t.page.locator('[data-testid=config-banner]').count(), 0, `${id}: the link has no bad value`);
      // It runs: the first evaluation draws (a full preset takes minutes; the tiny runs above go to the end).
      await t.page.locator('[data-action=run]').click();
      if (id === 'why-rewind') {
        // Estimated over 30 min: the Run button asks first (src/config/confirmations.ts).
        assert.match(await t.page.locator('[role=dialog]').innerText(), /estimated at about/);
        await t.page.locator('[role=dialog] [data-action=confirm-yes]').click();
      }
      const first = id === 'learned-supermask' ? '[data-panel=supermask] [data-mark=point]' : '[data-panel=learning-curves] [data-mark=line]';
      // The first evaluation's line is one point (zero length, so not 'visible'): wait for it to be drawn.
      await t.page.locator(first).first().waitFor({ state: 'attached', timeout: 120_000 });
      // Its own panels are on the page; the stable-tickets preset measures round 0, so its path draws within minutes.
      const own = { 'transfer-mnist': 'transfer-accuracy', 'transfer-sgd': 'transfer-accuracy', 'stable-tickets': 'stability-path', 'why-rewind': 'rewind-sweep' }[id];
      if (own) await t.page.locator(`[data-panel=${own}]`).waitFor();
      if (id === 'stable-tickets') await t.page.locator('[data-panel=stability-path] [data-mark=point]').first().waitFor({ timeout: 400_000 });
      await t.page.locator('[data-action=stop]').click();
      await waitForStatus(t.page, /stopped/);
      assert.deepEqual(t.errors, []);
    } finally {
      await t.close();
    }
  }
});

test('a bad link shows a banner naming what was ignored, and the defaults run', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?rate=7&dataset=imagenet&rounds=lots&foo=1&run=1`);
  try {
    const page = s.page;
    const banner = await page.locator('[data-testid=config-banner]').innerText();
    for (const word of ['rate', 'dataset', 'rounds', 'foo']) assert.match(banner, new RegExp(word));
    await waitForStatus(page, /running/, 180_000);
    const search = await page.evaluate(() => location.search);
    assert.match(search, /dataset=mnist/);
    assert.match(search, /rate=0\.2(&|$)/);
    await page.locator('[data-action=stop]').click();
    await waitForStatus(page, /stopped/);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('lecture options: hidden panels and settings, large text, Space runs and pauses', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?dataset=spiral&model=mlp-32-32&rounds=3&iters=3000&eval=100&hide=curves,rate&big=1`);
  try {
    const page = s.page;
    assert.equal(await page.locator('[data-panel=learning-curves]').isVisible(), false);
    assert.equal(await page.locator('input[data-field=rate]').count(), 0);
    assert.equal(await page.locator('[data-panel=accuracy-vs-remaining]').isVisible(), true);
    assert.equal(await page.locator('.app.big').count(), 1);
    await page.locator('body').press('Space');
    await waitForStatus(page, /running/);
    await page.locator('body').press('Space');
    await waitForStatus(page, /paused/);
    assert.match(await page.evaluate(() => location.search), /hide=curves,rate/);
    await page.locator('[data-action=stop]').click();
    await waitForStatus(page, /stopped/);
    // After Stop the line says where the run stopped, not a speed or a time left.
    const line = (await page.locator('section.progress .progress-text > span:not(.backend)').allInnerTexts()).join(' | ');
    assert.doesNotMatch(line, /samples\/s| left\b/);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

for (const [w, h] of [
  [1366, 768],
  [1920, 1080],
]) {
  test(`screenshot at ${w}x${h} after a run`, async () => {
    const s = await openPage(currentBrowser(), `${BASE}?dataset=spiral&model=mlp-64-64&rate=0.4&rounds=5&iters=600&lr=0.01&eval=50&evalSize=1000&run=1`);
    try {
      await s.page.setViewportSize({ width: w, height: h });
      await waitForStatus(s.page, /complete/);
      await s.page.waitForTimeout(300);
      await s.page.screenshot({ path: path.join(artifacts, `lab-${w}x${h}.png`) });
      await s.page.screenshot({ path: path.join(artifacts, `lab-${w}x${h}-full.png`), fullPage: true });
      assert.deepEqual(s.errors, []);
    } finally {
      await s.close();
    }
  });
}
