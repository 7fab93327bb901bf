// A first visit: the quick demo is the first choice, the default experiment's estimate is measured
// on this machine (not a guess), and the settings start on the first screen at 1366x768.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useBrowser } from './browser.mjs';

const { base: BASE, browser: currentBrowser } = useBrowser();

test('first visit at 1366x768: quick demo first, a measured estimate, settings on the first screen', async () => {
  const s = await openPage(currentBrowser(), BASE, { viewport: { width: 1366, height: 768 } });
  try {
    const page = s.page;
    const intro = page.locator('[data-testid=intro]');
    await intro.waitFor();
    const buttons = intro.locator('.intro-actions button');
    assert.equal(await buttons.first().getAttribute('data-action'), 'intro-quick');
    assert.match((await buttons.first().getAttribute('class')) ?? '', /primary/);
    assert.equal(await buttons.nth(1).getAttribute('data-action'), 'intro-run');
    // The estimate starts as a guess and becomes this machine's measurement, with no run started.
    await intro.locator('.intro-plan', { hasText: /at ~?[\d,]+ samples\/s \(measured on this machine\)/ }).waitFor({ timeout: 120_000 });
    assert.equal(await page.locator('[data-testid=status]').textContent(), 'idle');
    assert.match(await buttons.nth(1).innerText(), /Run these settings \(\d+ (s|min|h)/);
    const settings = await page.locator('#experiment-settings').boundingBox();
    assert.ok(settings && settings.y < 768 - 100, `the settings start on the first screen (y = ${settings?.y})`);
    await page.locator('[data-action=to-settings]').click();
    assert.match(page.url(), /#experiment-settings$/);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});
