// @vitest-environment happy-dom
// Which keys the page's shortcuts may take: Space runs only with nothing focused (a focused button
// presses, the tour's scrollable text scrolls), the arrows move projector charts from the page or a
// button but not from a scrollable region, ? works on buttons too; fields and dialogs keep every key.
import { afterEach, describe, expect, it } from 'vitest';
import { keyBelongsToFocus, type ShortcutKey } from '../src/controls/page-keys';

afterEach(() => {
  document.body.innerHTML = '';
});

/** What keyBelongsToFocus says of the event dispatched on `target`, asked where the page's shortcuts listen (window). */
function askOnWindow(target: Element, key: ShortcutKey, init: KeyboardEventInit = {}): boolean {
  let answer: boolean | null = null;
  const listen = (e: Event) => {
    answer = keyBelongsToFocus(e as KeyboardEvent, key);
  };
  window.addEventListener('keydown', listen);
  target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
  window.removeEventListener('keydown', listen);
  if (answer === null) throw new Error('the event did not reach window');
  return answer;
}

const owned = (html: string, selector: string, key: ShortcutKey, init: KeyboardEventInit = {}) => {
  document.body.innerHTML = html;
  const target = selector === 'body' ? document.body : document.querySelector(selector)!;
  return askOnWindow(target, key, init);
};

describe('keyBelongsToFocus', () => {
  it('gives the page every shortcut when nothing has focus', () => {
    for (const key of ['space', 'arrow', 'other'] as const) expect(owned('<p>text</p>', 'body', key)).toBe(false);
  });

  it('keeps Space for a focused button, checkbox, link or scrollable text (the tour box)', () => {
    expect(owned('<button>Run</button>', 'button', 'space')).toBe(true);
    expect(owned('<input type="checkbox">', 'input', 'space')).toBe(true);
    expect(owned('<a href="#x">link</a>', 'a', 'space')).toBe(true);
    expect(owned('<div class="tour-body" tabindex="0">chapter text</div>', '.tour-body', 'space')).toBe(true);
  });

  it('lets the arrows through from a button or a link, not from a scrollable region or a slider', () => {
    expect(owned('<button>›</button>', 'button', 'arrow')).toBe(false);
    expect(owned('<a href="#x">link</a>', 'a', 'arrow')).toBe(false);
    expect(owned('<div tabindex="0">chapter text</div>', 'div', 'arrow')).toBe(true);
    expect(owned('<input type="range">', 'input', 'arrow')).toBe(true);
  });

  it('lets ? through on buttons and scrollable text, not in a field, a contenteditable or a dialog', () => {
    expect(owned('<button>Run</button>', 'button', 'other')).toBe(false);
    expect(owned('<div tabindex="0">t</div>', 'div', 'other')).toBe(false);
    expect(owned('<input type="text">', 'input', 'other')).toBe(true);
    expect(owned('<textarea></textarea>', 'textarea', 'other')).toBe(true);
    expect(owned('<div role="dialog"><button>OK</button></div>', 'button', 'other')).toBe(true);
    expect(owned('<dialog open><p tabindex="-1">x</p></dialog>', 'p', 'other')).toBe(true);
  });

  it('leaves keys with a modifier, or already handled, alone', () => {
    expect(owned('<p>t</p>', 'body', 'space', { ctrlKey: true })).toBe(true);
    expect(owned('<p>t</p>', 'body', 'arrow', { altKey: true })).toBe(true);
    document.body.innerHTML = '<div role="toolbar"><button>a</button></div>';
    document.querySelector('[role=toolbar]')!.addEventListener('keydown', (e) => e.preventDefault());
    expect(askOnWindow(document.querySelector('button')!, 'arrow')).toBe(true);
  });
});
