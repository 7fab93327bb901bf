// The lab as open_lth's front end and viewer, in the browser: the commands panel beside "Copy link"
// shows the link's open_lth commands, and importing an open_lth folder (a fixture open_lth wrote,
// see tests/openlth.test.ts) draws the charts from its levels, replicates and branches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPage, useBrowser } from './browser.mjs';

const { base: BASE, browser: currentBrowser } = useBrowser();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(root, 'tests', 'fixtures', 'open_lth');
// The two-replicate run: 3 levels, both controls as branches in replicate 1.
const RUN = path.join(fixtures, readdirSync(fixtures).find((d) => existsSync(path.join(fixtures, d, 'replicate_2'))));

test('the open_lth commands panel shows the commands and notes for the link', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?rounds=3&seeds=2&rate=0.3`);
  try {
    const page = s.page;
    await page.locator('[data-action=open-lth]').click();
    const panel = page.locator('[data-testid=open-lth-panel]');
    await panel.waitFor();
    const commands = (await page.locator('[data-testid=open-lth-commands]').innerText()).trim().split('\n');
    assert.equal(commands.length, 6, 'lottery + 2 branches for each of 2 replicates');
    assert.match(commands[0], /^python open_lth\.py lottery .*--pruning_fraction=0\.3 .*--replicate=1 --levels=3$/);
    assert.match(commands[2], /^python open_lth\.py lottery_branch randomly_prune .*--levels=1-3 --seed=1 --strategy=layerwise$/);
    assert.ok((await page.locator('[data-testid=open-lth-notes] li').count()) >= 5);
    assert.match(await panel.innerText(), /one threshold across the layers it prunes/);
    // A setting changed in the page changes the commands.
    await page.locator('input[type=range][data-field=rounds]').fill('5');
    await page.waitForFunction(() => document.querySelector('[data-testid=open-lth-commands]')?.textContent?.includes('--levels=5'));
    await page.locator('[data-action=close-open-lth]').click();
    assert.equal(await panel.count(), 0);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('importing an open_lth folder draws its rounds in the same panels', async () => {
  const s = await openPage(currentBrowser(), BASE);
  try {
    const page = s.page;
    await page.locator('[data-testid=import-open-lth]').setInputFiles(RUN);
    await page.locator('[data-testid=share-note]', { hasText: /Imported open_lth LeNet-300-100 on mnist: 3 levels, 2 replicates, complete/ }).waitFor();
    await page.locator('[data-testid=results-table] tbody tr').nth(2).waitFor();
    const count = (sel) => page.locator(sel).count();
    assert.equal(await count('[data-testid=results-table] tbody tr'), 3);
    // Round 0's ticket, then the ticket and both controls in rounds 1 and 2.
    assert.equal(await count('[data-panel=accuracy-vs-remaining] [data-mark=point]'), 7);
    assert.ok((await count('[data-panel=learning-curves] [data-mark=line]')) >= 3);
    assert.equal(await count('[data-panel=untrained-accuracy] [data-mark=point]'), 7);
    // The settings follow the run's hparams.log.
    assert.equal(await page.locator('select[data-field=dataset]').inputValue(), 'mnist');
    assert.equal(await page.locator('input[type=range][data-field=rate]').inputValue(), '50');
    assert.equal(await page.locator('input[type=range][data-field=rounds]').inputValue(), '2');
    // What did not map is listed in the banner, as for any import.
    assert.match(await page.locator('body').innerText(), /open_lth logs only the test set/);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('a folder that is not an open_lth lottery run is refused with one sentence', async () => {
  const s = await openPage(currentBrowser(), BASE);
  try {
    const page = s.page;
    await page.locator('[data-testid=import-open-lth]').setInputFiles(path.join(root, 'docs'));
    await page.locator('[data-testid=share-note]', { hasText: /This folder has no open_lth files/ }).waitFor();
    assert.equal(await page.locator('[data-testid=results-table] tbody tr').count(), 0);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});
