// Accessibility: an axe-core audit of the page idle, with the keyboard shortcuts open, with the
// show / hide panel open and after a tiny run (no serious or critical violation), and the keyboard
// paths: Run within the first Tab stops, ? and Escape, the show / hide panel's focus, and the
// glossary tooltip on focus and hover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { openPage, useBrowser, waitForStatus } from './browser.mjs';

const { base: BASE, browser: currentBrowser } = useBrowser();
const TINY = 'dataset=mnist&model=mlp-32-16&rounds=2&iters=40&eval=20&evalSize=500&batch=32&backend=wasm&seed=3';
// The page's policy allows only its own scripts (no inline <script>, so no addScriptTag): axe is
// evaluated through the debugging protocol instead, which the policy does not govern.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe's serious and critical violations on the page as it is now, each with its first elements. */
async function seriousViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}x) ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`).join(' | ')}`);
}

const assertNoSerious = async (page, when) => {
  const found = await seriousViolations(page);
  assert.deepEqual(found, [], `axe, ${when}:\n${found.join('\n')}`);
};

const focused = (page) => page.evaluate(() => document.activeElement?.getAttribute('data-action') ?? document.activeElement?.tagName);
const dialogNamed = (page, name) => page.getByRole('dialog', { name });

/** Counts Space keydowns that get as far as window, where the page's Space-to-run listens. */
const countSpaceReachingWindow = (page) =>
  page.evaluate(() => {
    window.spacesSeen = 0;
    window.addEventListener('keydown', (e) => {
      if (e.code === 'Space') window.spacesSeen += 1;
    });
  });
const spacesSeen = (page) => page.evaluate(() => window.spacesSeen);

test('idle page: no serious violations, Run within the first five Tab stops', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?${TINY}`);
  try {
    const page = s.page;
    await page.locator('[data-action=run]').waitFor();
    await assertNoSerious(page, 'idle page');
    // A box in a group is named by its own label, not the group's ("Controls").
    for (const name of ['random re-init', 'random mask']) assert.equal(await page.getByRole('checkbox', { name, exact: true }).count(), 1, name);
    const stops = [];
    for (let i = 0; i < 5 && stops.at(-1) !== 'run'; i++) {
      await page.keyboard.press('Tab');
      stops.push(await focused(page));
    }
    assert.equal(stops.at(-1), 'run', `Tab stops from load: ${stops.join(', ')}`);
    // The header's buttons are one toolbar: one Tab stop, arrow keys between its buttons.
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(page), 'copy-link');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focused(page), 'copy-slide-link');
    await page.keyboard.press('End');
    assert.equal(await focused(page), 'help');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focused(page), 'copy-link', 'wraps around');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'run', 'one Tab from anywhere in the toolbar to Run');
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('? opens the keyboard shortcuts: focus inside, Space stays out, Escape closes and focus returns', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?${TINY}`);
  try {
    const page = s.page;
    const run = page.locator('[data-action=run]');
    await run.focus();
    await countSpaceReachingWindow(page);
    await page.keyboard.press('?');
    const help = dialogNamed(page, 'Keyboard shortcuts');
    await help.waitFor();
    assert.equal(await help.getAttribute('aria-modal'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.closest('[role=dialog]') !== null), true, 'focus is inside');
    assert.match(await help.innerText(), /Space[\s\S]*Run, pause or resume/);
    await assertNoSerious(page, 'keyboard shortcuts open');
    // A click on the backdrop leaves focus on the body: Space must still not reach the page.
    await page.mouse.click(3, 790);
    assert.equal(await page.evaluate(() => document.activeElement === document.body), true);
    await page.keyboard.press('Space');
    assert.equal(await spacesSeen(page), 0, 'Space reached the page behind the dialog');
    assert.equal(await page.locator('[data-testid=status]').textContent(), 'idle');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    assert.equal(await focused(page), 'run', 'focus returns to what had it');
    // The same ? from the button: it says which key opens it.
    const button = page.locator('[data-action=help]');
    assert.equal(await button.getAttribute('aria-keyshortcuts'), '?');
    await button.click();
    await help.waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    assert.equal(await focused(page), 'help');
    // Typing ? in a field types it.
    await page.locator('input[data-field=rewinds]').fill('');
    await page.locator('input[data-field=rewinds]').press('?');
    assert.equal(await help.count(), 0);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('Show / hide takes focus, names settings by their labels, leaves the run controls in sight, closes on Escape', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?${TINY}`);
  try {
    const page = s.page;
    const opener = page.locator('[data-action=lecture]');
    await opener.focus();
    await page.keyboard.press('Enter');
    const panel = dialogNamed(page, 'Show or hide parts of the page');
    await panel.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.closest('[role=dialog]')?.getAttribute('aria-labelledby') !== undefined), true);
    assert.equal(await page.evaluate(() => document.activeElement?.matches('[role=dialog] input[type=checkbox]')), true, 'focus on the first checkbox');
    const text = await panel.innerText();
    for (const label of ['Evaluate every', 'Conv pruning rate', 'Learning rate', 'Optimizer', 'Presets (sidebar)']) assert.ok(text.includes(label), `offers ${label}`);
    for (const internal of ['evalEvery', 'convRate', 'transferLr']) assert.ok(!text.includes(internal), `no internal name ${internal}`);
    const box = await panel.boundingBox();
    for (const selector of ['[data-action=run]', '.progress-bar', '[data-action=stop]']) {
      const r = await page.locator(selector).boundingBox();
      const overlaps = r.x < box.x + box.width && box.x < r.x + r.width && r.y < box.y + box.height && box.y < r.y + r.height;
      assert.equal(overlaps, false, `${selector} is covered`);
    }
    await assertNoSerious(page, 'show / hide open');
    // Hiding a panel from the keyboard: Space on its checkbox.
    await panel.locator('[data-hide=presets]').focus();
    await page.keyboard.press('Space');
    await page.locator('#presets').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    assert.equal(await focused(page), 'lecture', 'focus returns to Show / hide');
    assert.equal(await opener.getAttribute('aria-expanded'), 'false');
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('a glossary word explains itself on focus and on hover; Escape hides it', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?${TINY}`);
  try {
    const page = s.page;
    const term = page.locator('[data-term=rewind]').first();
    await term.focus();
    const tip = page.getByRole('tooltip');
    await tip.waitFor();
    assert.match(await tip.innerText(), /^Resetting the surviving weights/);
    assert.equal(await term.getAttribute('aria-describedby'), await tip.getAttribute('id'));
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-term')), 'rewind', 'focus stays on the word');
    await page.locator('[data-panel] [data-term=ticket]').first().hover();
    await tip.waitFor();
    assert.match(await tip.innerText(), /^The pruned network/);
    const box = await tip.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 1280, 'inside the viewport');
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('after a tiny run: no serious violations, every export button names its chart', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?${TINY}&run=1`);
  try {
    const page = s.page;
    await waitForStatus(page, /complete/);
    await page.locator('[data-testid=results-table] tbody tr').nth(2).waitFor();
    await assertNoSerious(page, 'after a run');
    await page.getByRole('button', { name: 'Download the Accuracy vs. weights remaining chart as SVG' }).waitFor();
    const names = await page.locator('button.chart-export').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
    assert.ok(names.length >= 4);
    assert.equal(new Set(names).size, names.length, `export buttons share a name: ${names.join(', ')}`);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});
