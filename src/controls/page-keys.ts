// Which keys a page-wide shortcut (Space runs, the arrows move projector charts, ? opens the help)
// may take. A key belongs to whatever has focus when that thing uses it: typing in a field, Space
// on a button or a checkbox, Space and the arrows scrolling a focused text region (the tour's
// chapter text), anything inside a dialog.

const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA']);
/** Focusable things that do nothing with the arrow keys. */
const ARROW_FREE = new Set(['BUTTON', 'A']);

/** What the shortcut's key is to a focused element: Space, an arrow, or a key nothing else uses (?). */
export type ShortcutKey = 'space' | 'arrow' | 'other';

/**
 * True when the focused element, not the page, handles this key event: a modifier is held, the
 * event was already handled (a toolbar moving its focus), the target is a field or in a dialog,
 * or it is a focused element that uses this key (anything but the page for Space: buttons press,
 * regions scroll; anything but a button or a link for the arrows).
 */
export function keyBelongsToFocus(e: KeyboardEvent, key: ShortcutKey): boolean {
  const el = e.target as HTMLElement | null;
  if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || !el || typeof el.closest !== 'function') return true;
  if (TYPING.has(el.tagName) || el.isContentEditable === true || el.closest('[role=dialog], dialog') !== null) return true;
  const page = el === el.ownerDocument.body || el === el.ownerDocument.documentElement;
  if (page || key === 'other') return false;
  return key === 'space' || !ARROW_FREE.has(el.tagName);
}
