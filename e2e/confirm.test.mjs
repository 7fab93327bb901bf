// Destructive and long actions ask first: a long run=1 link waits for Start, Run over finished
// results and Reset ask (Cancel keeps them), Escape closes the dialog and focus goes back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useBrowser, waitForStatus } from './browser.mjs';

const { base: BASE, browser: currentBrowser } = useBrowser();
const TINY = 'dataset=mnist&model=mlp-32-16&rounds=2&iters=40&eval=20&evalSize=500&batch=32&backend=wasm&seed=3';
const status = (page) => page.locator('[data-testid=status]').textContent();
const dialog = (page) => page.locator('[role=dialog]');

test('a long run=1 link shows its estimate and waits; a tiny one starts at once', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?rounds=30&iters=50000&run=1`);
  try {
    const page = s.page;
    const box = dialog(page);
    await box.waitFor();
    assert.equal(await box.getAttribute('aria-modal'), 'true');
    const label = await box.getAttribute('aria-labelledby');
    assert.ok(label && (await page.locator(`[id="${label}"]`).innerText()).length > 0, 'labelled');
    assert.match(await box.innerText(), /This link starts a run estimated at about .+ on this machine/);
    assert.equal(await page.evaluate(() => document.activeElement?.closest('[role=dialog]') !== null), true, 'focus is inside');
    await page.waitForTimeout(1500);
    assert.match(await status(page), /^idle$/);
    await box.locator('[data-action=confirm-no]').click();
    assert.equal(await box.count(), 0);
    await page.waitForTimeout(1000);
    assert.match(await status(page), /^idle$/);
    assert.equal(await page.locator('[data-testid=results-table] tbody tr').count(), 0);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
  const t = await openPage(currentBrowser(), `${BASE}?rounds=30&iters=50000&run=1`);
  try {
    await dialog(t.page).locator('[data-action=confirm-yes]').click();
    await waitForStatus(t.page, /running/, 180_000);
    await t.page.locator('[data-action=stop]').click();
    await waitForStatus(t.page, /stopped/);
    assert.deepEqual(t.errors, []);
  } finally {
    await t.close();
  }
  const u = await openPage(currentBrowser(), `${BASE}?${TINY}&run=1`);
  try {
    await waitForStatus(u.page, /complete/);
    assert.equal(await dialog(u.page).count(), 0);
    assert.deepEqual(u.errors, []);
  } finally {
    await u.close();
  }
});

test('over results not saved, Run and Reset ask; Cancel keeps the results, Escape closes, Replace starts', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?${TINY}&run=1`);
  try {
    const page = s.page;
    await waitForStatus(page, /complete/);
    const rows = () => page.locator('[data-testid=results-table] tbody tr').count();
    const n = await rows();
    assert.ok(n > 0);
    // Saved results are kept without asking (saved-runs.test.mjs); once their saved run is deleted, Run asks.
    await page.locator('[data-testid=saved-runs] tr[data-status=complete]').waitFor();
    await page.locator('[data-action=delete-run]').click();
    await dialog(page).locator('[data-action=confirm-yes]').click();
    await page.locator('[data-testid=saved-runs]', { hasText: 'No saved runs yet.' }).waitFor();

    const run = page.locator('[data-action=run]');
    await run.click();
    assert.match(await dialog(page).innerText(), /Replace the results on screen\?[\s\S]*Export them first/);
    const buttons = await dialog(page).locator('button').allInnerTexts();
    assert.deepEqual(buttons, ['Export JSON', 'Replace', 'Cancel']);
    // Tab stays inside: three Tabs from the first button come back to it.
    const focused = () => page.evaluate(() => document.activeElement?.textContent);
    assert.equal(await focused(), 'Export JSON');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    assert.equal(await focused(), 'Export JSON');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), 'Cancel');
    await dialog(page).locator('[data-action=confirm-no]').click();
    assert.equal(await dialog(page).count(), 0);
    assert.match(await status(page), /complete/);
    assert.equal(await rows(), n, 'Cancel keeps the results');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-action')), 'run', 'focus back on Run');

    // Space goes through the same question; Escape cancels it.
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('Space');
    await dialog(page).waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await dialog(page).count(), 0);
    assert.match(await status(page), /complete/);

    const reset = page.locator('[data-action=reset]');
    await reset.click();
    assert.match(await dialog(page).innerText(), /Export them first/);
    await page.keyboard.press('Escape');
    assert.equal(await dialog(page).count(), 0);
    assert.equal(await rows(), n, 'Escape keeps the results');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-action')), 'reset', 'focus back on Reset');

    await run.click();
    await dialog(page).locator('[data-action=confirm-yes]').click();
    await waitForStatus(page, /complete/);
    await reset.click();
    await dialog(page).locator('[data-action=confirm-yes]').click();
    assert.equal(await rows(), 0, 'Reset cleared the results');
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});
