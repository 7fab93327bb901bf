// The keyboard shortcuts, listed in a dialog that the "?" key or the "? Shortcuts" button opens.
// While it is open (a modal Dialog) no key reaches the page: Space does not start a run behind it.
import { useCallback, useEffect, useState } from 'react';
import { Dialog } from './Dialog';
import { keyBelongsToFocus } from './page-keys';

/** Each shortcut: the keys (each shown as <kbd>) and what they do. */
export const SHORTCUTS: { keys: string[]; does: string }[] = [
  { keys: ['Space'], does: 'Run, pause or resume (when nothing has focus: on a button Space presses it, in a text box it scrolls)' },
  { keys: ['?'], does: 'Open this list of shortcuts' },
  { keys: ['Esc'], does: 'Close a dialog, the show / hide panel or a glossary tooltip' },
  { keys: ['Tab', 'Shift+Tab'], does: 'Next or previous control; Run is within the first few stops' },
  { keys: ['←', '→', 'Home', 'End'], does: 'Move between the buttons of the toolbar at the top' },
  { keys: ['←', '→'], does: 'Change a slider (on the slider)' },
];

/** Opens on "?" typed anywhere but in a field; the caller keeps the open state. */
function useQuestionMarkKey(open: () => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || keyBelongsToFocus(e, 'other')) return;
      e.preventDefault();
      open();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
}

export function ShortcutsView({ onClose }: { onClose: () => void }) {
  return (
    <Dialog
      title="Keyboard shortcuts"
      onCancel={onClose}
      className="help-dialog"
      describedByBody={false}
      actions={
        <button className="primary" data-action="help-close" onClick={onClose}>
          Close
        </button>
      }
    >
      <table className="shortcuts" data-testid="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.does}>
              <th scope="row">
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </th>
              <td>{s.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}

export function HelpOverlay() {
  const [open, setOpen] = useState(false);
  const show = useCallback(() => setOpen(true), []);
  useQuestionMarkKey(show);
  return (
    <>
      <button data-action="help" aria-haspopup="dialog" aria-expanded={open} aria-keyshortcuts="?" title="Keyboard shortcuts (?)" onClick={() => setOpen(true)}>
        ? Shortcuts
      </button>
      {open && <ShortcutsView onClose={() => setOpen(false)} />}
    </>
  );
}
