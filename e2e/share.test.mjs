// Copy link when the browser refuses the clipboard: the page says the copy failed, offers the link
// selected in a field to copy by hand, keeps it until closed, and never covers the run controls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useBrowser } from './browser.mjs';

const { base: BASE, browser: currentBrowser } = useBrowser();

const overlaps = (a, b) => a && b && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('a refused clipboard: "Copy failed", the link selected to copy by hand, closed with ✕', async () => {
  const s = await openPage(currentBrowser(), `${BASE}?dataset=xor&model=mlp-8&rounds=2`, { viewport: { width: 1366, height: 768 } });
  try {
    const page = s.page;
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    });
    await page.locator('[data-action=copy-link]').click();
    const note = page.locator('[data-testid=share-note]');
    await note.waitFor();
    assert.equal(await note.getAttribute('role'), 'alert');
    assert.match(await note.locator("div").first().innerText(), /^Copy failed: the browser did not let the page use the clipboard/);
    const field = note.getByRole('textbox', { name: 'The link to copy' });
    const link = await field.inputValue();
    assert.match(link, /[?&]dataset=xor&/);
    assert.equal(await page.evaluate(() => window.getSelection()?.toString() || document.activeElement?.value?.slice(document.activeElement.selectionStart, document.activeElement.selectionEnd)), link, 'the link is selected');
    for (const control of ['[data-action=run]', '[data-action=stop]', '[data-action=reset]', '.progress']) {
      const box = await page.locator(control).first().boundingBox();
      assert.ok(!overlaps(await note.boundingBox(), box), `the note does not cover ${control}`);
    }
    await note.getByRole('button', { name: 'Close this message' }).click();
    await note.waitFor({ state: 'detached' });
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});
