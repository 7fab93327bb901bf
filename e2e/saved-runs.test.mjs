// Saved runs: a finished run is listed under its name, renamed in place, opened, exported and
// deleted (after asking); a reload comes back to the open run; a run interrupted by a reload goes
// on from its last finished round and ends with the numbers of the same run uninterrupted (CPU
// backend: bit-equal); Run over finished results keeps them in the list without asking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openPage, useBrowser, waitForStatus } from './browser.mjs';

const { base: BASE, browser: currentBrowser } = useBrowser();
const TINY = 'dataset=gauss&model=mlp-16-16&rounds=3&iters=40&eval=20&batch=32&rate=0.5&backend=cpu&seed=3';
const TINY_NAME = 'gaussians MLP 16-16 50%/round 3 rounds 40 iters batch 32 eval every 20 seed 3';
// Long enough that the page can be paused and reloaded mid-run.
const LONGER = 'dataset=gauss&model=mlp-16-16&rounds=4&iters=300&eval=50&batch=32&rate=0.5&backend=cpu&seed=4';

const rows = (page) => page.locator('[data-testid=saved-runs] tbody tr');
const resultRows = (page) => page.locator('[data-testid=results-table] tbody tr').count();
const dialog = (page) => page.locator('[role=dialog]');
/** The page's results document (what ⬇ Results JSON writes), without wall-clock times. */
const numbers = (page) =>
  page.evaluate(() => JSON.parse(JSON.stringify(window.ticketLab.store.getState().document, (k, v) => (k === 'seconds' || k === 'createdAt' ? undefined : v))));

/** The saved runs' meta records and their resume points' rounds, read from IndexedDB itself. */
const savedRecords = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('ticket-lab-runs');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['runs', 'parts']);
          const runs = tx.objectStore('runs').getAll();
          const out = [];
          runs.onsuccess = () => {
            let left = runs.result.length;
            if (!left) resolve(out);
            for (const meta of runs.result) {
              const point = tx.objectStore('parts').get([meta.id, 'resume']);
              point.onsuccess = () => {
                out.push({ ...meta, pointRound: point.result?.round ?? null });
                if (--left === 0) {
                  db.close();
                  resolve(out);
                }
              };
            }
          };
        };
      }),
  );

test('a finished run is listed; rename, reload, open, export, delete (asks first)', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?${TINY}&run=1`);
  try {
    const page = s.page;
    await waitForStatus(page, /complete/);
    const row = rows(page).first();
    await page.locator('[data-testid=saved-runs] tr[data-status=complete]').waitFor();
    assert.equal(await rows(page).count(), 1);
    assert.equal(await row.locator('[data-testid=run-name]').innerText(), TINY_NAME);
    assert.match(await row.innerText(), /complete/);
    assert.match(await page.locator('[data-testid=saved-runs]').innerText(), /up to 64 MB per run/);
    await page.locator('[data-testid=storage-use]').waitFor();
    assert.match(await page.locator('[data-testid=storage-use]').innerText(), /^[\d.]+ (bytes|KB|MB|GB) of [\d.]+ (MB|GB|TB) used\.$/);
    const n = await resultRows(page);
    assert.equal(n, 4);
    const finished = await numbers(page);

    // Rename in place: Enter saves, Escape cancels.
    await row.locator('[data-action=rename-run]').click();
    const input = row.locator('input.run-name');
    assert.equal(await input.evaluate((el) => el === document.activeElement), true, 'the name field takes focus');
    await input.fill('first ticket');
    await input.press('Enter');
    await row.locator('[data-testid=run-name]', { hasText: /^first ticket$/ }).waitFor();
    await row.locator('[data-action=rename-run]').click();
    await row.locator('input.run-name').fill('not this');
    await row.locator('input.run-name').press('Escape');
    assert.equal(await row.locator('[data-testid=run-name]').innerText(), 'first ticket');
    assert.equal(await dialog(page).count(), 0);

    // A reload (no run=1 in the link now) comes back to the open run, its name kept.
    await page.reload();
    await waitForStatus(page, /complete/);
    assert.equal(await resultRows(page), n);
    await rows(page).first().locator('[data-testid=run-name]', { hasText: /^first ticket$/ }).waitFor();
    assert.deepEqual(await numbers(page), finished);

    // Reset clears the screen (after asking); Open draws the saved run again, snapshots included.
    await page.locator('[data-action=reset]').click();
    await dialog(page).locator('[data-action=confirm-yes]').click();
    assert.equal(await resultRows(page), 0);
    await rows(page).first().locator('[data-action=open-run]').click();
    await waitForStatus(page, /complete/);
    assert.equal(await resultRows(page), n);
    assert.deepEqual(await numbers(page), finished);
    const drawn = await page.evaluate(() => {
      const s = window.ticketLab.store.getState();
      return { rounds: Object.keys(s.snapshots.rounds), start: s.snapshots.start?.length ?? 0, imported: s.imported, saved: s.savedRunId !== null };
    });
    assert.deepEqual(drawn, { rounds: ['0', '1', '2', '3'], start: 3, imported: false, saved: true });

    // Export: the same file as the toolbar's ⬇ Results JSON.
    const [download] = await Promise.all([page.waitForEvent('download'), rows(page).first().locator('[data-action=export-run]').click()]);
    const [toolbar] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action=export-json]').click()]);
    assert.equal(download.suggestedFilename(), toolbar.suggestedFilename());
    assert.equal(await readFile(await download.path(), 'utf8'), await readFile(await toolbar.path(), 'utf8'));

    // Delete asks first; Cancel keeps the run.
    await rows(page).first().locator('[data-action=delete-run]').click();
    assert.match(await dialog(page).innerText(), /Delete this saved run\?[\s\S]*“first ticket”/);
    assert.deepEqual(await dialog(page).locator('button').allInnerTexts(), ['Delete', 'Cancel']);
    await dialog(page).locator('[data-action=confirm-no]').click();
    assert.equal(await rows(page).count(), 1);
    await rows(page).first().locator('[data-action=delete-run]').click();
    await dialog(page).locator('[data-action=confirm-yes]').click();
    await page.locator('[data-testid=saved-runs]', { hasText: 'No saved runs yet.' }).waitFor();
    assert.equal((await savedRecords(page)).length, 0);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('a run interrupted by a reload resumes from its last finished round and ends as the same run uninterrupted', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?${LONGER}&run=1`);
  let resumed;
  try {
    const page = s.page;
    // Round 1's results are in and saved with its resume point.
    await page.locator('[data-testid=results-table] tbody tr').nth(1).waitFor({ timeout: 120_000 });
    await page.waitForFunction(async () => {
      const runs = await new Promise((resolve) => {
        const open = indexedDB.open('ticket-lab-runs');
        open.onsuccess = () => {
          const get = open.result.transaction('parts').objectStore('parts').getAll();
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result);
          };
        };
      });
      return runs.some((part) => part && typeof part.round === 'number' && Array.isArray(part.seeds) && part.round >= 1);
    }, null, { polling: 100, timeout: 60_000 });
    await page.reload();
    const notice = page.locator('[data-testid=interrupted-run]');
    await notice.waitFor();
    const [meta] = await savedRecords(page);
    assert.equal(meta.status, 'running');
    assert.ok(meta.pointRound >= 1 && meta.pointRound < 4, `interrupted after round ${meta.pointRound}`);
    assert.equal(await notice.innerText().then((t) => t.replace(/\s+/g, ' ').trim()), `This run was interrupted after round ${meta.pointRound}. Resume`);
    assert.match(await rows(page).first().locator('[data-testid=run-status]').innerText(), /^interrupted — resumable$/);
    // The finished rounds are drawn before it goes on.
    assert.equal(await resultRows(page), meta.pointRound + 1);
    await notice.locator('[data-action=resume-saved-run]').click();
    await waitForStatus(page, /running/);
    await waitForStatus(page, /complete/, 240_000);
    assert.equal(await resultRows(page), 5);
    resumed = await numbers(page);
    // Still one saved run, now complete, with nothing left to resume.
    await page.locator('[data-testid=saved-runs] tr[data-status=complete]').waitFor();
    const after = await savedRecords(page);
    assert.equal(after.length, 1);
    assert.equal(after[0].id, meta.id);
    assert.equal(after[0].pointRound, null);
    assert.equal(await page.locator('[data-testid=interrupted-run]').count(), 0);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
  const t = await openPage(currentBrowser(), `${BASE}?${LONGER}&run=1`);
  try {
    await waitForStatus(t.page, /complete/, 240_000);
    const uninterrupted = await numbers(t.page);
    assert.deepEqual(resumed.rounds, uninterrupted.rounds);
    assert.deepEqual(resumed.config, uninterrupted.config);
    assert.deepEqual(t.errors, []);
  } finally {
    await t.close();
  }
});

test('Run over finished results keeps them in the Runs list without asking', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?${TINY}&run=1`);
  try {
    const page = s.page;
    await waitForStatus(page, /complete/);
    await page.locator('[data-testid=saved-runs] tr[data-status=complete]').waitFor();
    await page.locator('[data-action=run]').click();
    assert.equal(await dialog(page).count(), 0, 'no Replace question');
    assert.match(await page.locator('[data-testid=saved-run-notice]').innerText(), new RegExp(`stay in Saved runs as “${TINY_NAME.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}”`));
    await waitForStatus(page, /complete/);
    await page.locator('[data-testid=saved-runs] tr[data-status=complete]').nth(1).waitFor();
    assert.equal(await rows(page).count(), 2);
    assert.deepEqual(await rows(page).locator('[data-testid=run-status]').allInnerTexts(), ['complete', 'complete']);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});
