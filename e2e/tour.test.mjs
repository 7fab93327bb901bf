// The guided tour as a student follows it: tour=N opens a chapter, Next and Back move through them
// and the link follows, each chapter's experiment runs from its own Run button until its chart
// draws (then Stop: the first round is enough), and with large text on a 1366x768 screen the tour
// box stays on screen beside the chart it points at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useBrowser, waitForStatus } from './browser.mjs';

const { base: BASE, browser: currentBrowser } = useBrowser();
const CHAPTERS = 7;
const LAPTOP = { width: 1366, height: 768 };

const tourBox = (page) => page.locator('[data-testid=tour]');
const chapterOf = async (page) => Number(await tourBox(page).getAttribute('data-chapter'));
/** The chart the chapter marks, as the page marks it. */
const watched = (page) => page.locator('main .panels [data-tour-watch]');

test('tour=1 opens chapter 1; Next goes to chapter 2 and the link says so; Back returns', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?tour=1`);
  try {
    const { page } = s;
    await tourBox(page).waitFor();
    assert.equal(await tourBox(page).locator('h2').innerText(), 'Winning tickets');
    assert.match(await tourBox(page).innerText(), /chapter 1 of 7/);
    assert.equal(await page.locator('[data-action=tour-back]').isDisabled(), true);
    assert.equal(await watched(page).getAttribute('data-panel'), 'accuracy-vs-remaining');
    assert.equal(await watched(page).getAttribute('data-tour-watch'), 'Watch this chart');
    // The label is drawn on the chart itself.
    assert.equal(await watched(page).evaluate((el) => getComputedStyle(el, '::before').content), '"Watch this chart"');
    assert.match(await page.evaluate(() => location.search), /[?&]tour=1$/);
    // The chapter's experiment is in the settings (and in the link).
    assert.equal(await page.locator('input[type=range][data-field=rounds]').inputValue(), '4');

    // Space in the chapter's text (a focusable, scrollable region) scrolls it; it does not start a run.
    await page.evaluate(() => {
      window.spacesSeen = 0;
      window.addEventListener('keydown', (e) => e.code === 'Space' && (window.spacesSeen += 1));
    });
    await page.locator('.tour-body').focus();
    await page.keyboard.press('Space');
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    assert.equal(await page.evaluate(() => window.spacesSeen), 1, 'the key reached the page');
    assert.equal(await page.locator('[data-testid=status]').textContent(), 'idle');
    // With nothing focused Space still runs (and a second Space pauses it).
    await page.evaluate(() => document.activeElement.blur());
    await page.keyboard.press('Space');
    await waitForStatus(page, /starting|running/);
    await page.locator('[data-action=stop]').click();
    await waitForStatus(page, /stopped|idle|complete/);

    await page.locator('[data-action=tour-next]').click();
    await page.waitForFunction(() => /[?&]tour=2$/.test(location.search));
    assert.equal(await chapterOf(page), 2);
    assert.equal(await tourBox(page).locator('h2').innerText(), 'Accuracy before any training');
    assert.equal(await watched(page).getAttribute('data-panel'), 'untrained-accuracy');
    assert.equal(await page.locator('[data-panel=accuracy-vs-remaining][data-tour-watch]').count(), 0);

    await page.locator('[data-action=tour-back]').click();
    await page.waitForFunction(() => /[?&]tour=1$/.test(location.search));
    assert.equal(await chapterOf(page), 1);
    assert.equal(await watched(page).getAttribute('data-panel'), 'accuracy-vs-remaining');

    // ✕ leaves the tour: the box, the mark and tour= go; the entry point comes back.
    await page.getByRole('button', { name: 'Leave the guided tour' }).click();
    await page.waitForFunction(() => !location.search.includes('tour='));
    assert.equal(await tourBox(page).count(), 0);
    assert.equal(await watched(page).count(), 0);
    await page.locator('[data-action=tour-start]').click();
    await page.waitForFunction(() => /[?&]tour=1$/.test(location.search));
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('a tour= that is no chapter is named in the banner and opens none', async () => {
  for (const [raw, message] of [
    ['9', 'tour=9: the guided tour has chapters 1 to 7; no chapter opened'],
    ['two', 'tour=two: not a chapter number; use tour=1 to tour=7; no chapter opened'],
  ]) {
    const s = await openPage(currentBrowser(), `${BASE}?tour=${raw}`);
    try {
      const { page } = s;
      await page.locator('[data-testid=config-banner]', { hasText: message }).waitFor();
      assert.equal(await tourBox(page).count(), 0);
      assert.equal(await page.evaluate(() => location.search.includes('tour=')), false);
      assert.deepEqual(s.errors, []);
    } finally {
      await s.close();
    }
  }
});

for (let chapter = 1; chapter <= CHAPTERS; chapter++) {
  test(`chapter ${chapter}: its experiment runs from the tour and draws the chart it marks`, async () => {
    const s = await openPage(currentBrowser(), `${BASE}?tour=${chapter}`, { viewport: LAPTOP });
    try {
      const { page } = s;
      await tourBox(page).waitFor();
      assert.equal(await chapterOf(page), chapter);
      await page.locator('[data-action=tour-run]').click();
      // The first points (or the summary's figures) in the marked chart: the first evaluation or round.
      const drawn = page.locator('main .panels [data-tour-watch] :is([data-mark=point], [data-mark=stat])').first();
      await drawn.waitFor({ timeout: 300_000 });
      await page.locator('[data-action=stop]').click();
      await waitForStatus(page, /stopped|complete/);
      // Scrolled into view (smoothly: waited for), beside the tour box rather than under it.
      await page.waitForFunction(() => {
        const r = document.querySelector('main .panels [data-tour-watch]')?.getBoundingClientRect();
        return r !== undefined && r.top >= 0 && r.top < window.innerHeight * 0.75;
      });
      const card = await watched(page).boundingBox();
      const box = await tourBox(page).boundingBox();
      assert.ok(card && box);
      // The backend line (the page chose the backend here, so it says why at length) is cut short, not
      // widening the page: a page wider than the window once left this chart scrolled out to the left.
      const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: document.documentElement.clientWidth }));
      assert.ok(widths.page <= widths.window + 1, `chapter ${chapter}: the page scrolls sideways (${widths.page} > ${widths.window})`);
      assert.ok(card.x >= box.x + box.width, `the chart (x ${card.x}) is right of the tour box (right edge ${box.x + box.width})`);
      assert.deepEqual(s.errors, []);
    } finally {
      await s.close();
    }
  });
}

test('with large text at 1366x768 every chapter’s box stays in the viewport and the page does not scroll sideways', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?tour=1&big=1`, { viewport: LAPTOP });
  try {
    const { page } = s;
    await tourBox(page).waitFor();
    for (let chapter = 1; chapter <= CHAPTERS; chapter++) {
      await page.waitForFunction((n) => document.querySelector('[data-testid=tour]')?.getAttribute('data-chapter') === String(n), chapter);
      const box = await tourBox(page).boundingBox();
      assert.ok(box, `chapter ${chapter}: the box is drawn`);
      assert.ok(box.x >= 0 && box.y >= 0, `chapter ${chapter}: top left inside (${box.x}, ${box.y})`);
      assert.ok(box.x + box.width <= LAPTOP.width && box.y + box.height <= LAPTOP.height, `chapter ${chapter}: bottom right inside (${box.x + box.width}, ${box.y + box.height})`);
      // Its buttons are inside the box, so on screen, whatever the text's length.
      for (const action of ['tour-back', 'tour-run', 'tour-next']) {
        const b = await page.locator(`[data-action=${action}]`).boundingBox();
        assert.ok(b && b.y >= box.y && b.y + b.height <= box.y + box.height + 0.5, `chapter ${chapter}: ${action} inside the box`);
      }
      // Large text: the chapter text is 20 px, not the page's 15 px.
      assert.equal(await tourBox(page).evaluate((el) => getComputedStyle(el.closest('.app')).fontSize), '20px');
      // The marked chart's outline and label stay inside the window too.
      const card = await watched(page).boundingBox();
      if (card) assert.ok(card.x + card.width + 7 <= LAPTOP.width, `chapter ${chapter}: the marked chart's outline inside (${card.x + card.width} + 7)`);
      if (chapter < CHAPTERS) await page.locator('[data-action=tour-next]').click();
    }
    // The tour adds no sideways scroll: the page is as wide with the box as without it. (At big=1
    // some chapters' settings make the learning-curve card's buttons overflow by themselves.)
    const withTour = await page.evaluate(() => document.documentElement.scrollWidth);
    await page.getByRole('button', { name: 'Leave the guided tour' }).click();
    await tourBox(page).waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), withTour);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});
