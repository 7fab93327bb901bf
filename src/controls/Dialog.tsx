// A small dialog in the page: labelled, focus moves in, Escape cancels, focus returns to what had
// it before. Modal (the default): a backdrop, focus stays in, and the page's shortcuts (Space,
// ?) are off while it is open. Non-modal: no backdrop and no trap, so the page stays usable
// beside it (the lecture options: toggle panels while the run goes on).
import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface DialogProps {
  title: string;
  children: ReactNode;
  /** The buttons; the first focusable thing in the dialog gets focus. */
  actions: ReactNode;
  onCancel: () => void;
  /** Default true. */
  modal?: boolean;
  /** Extra class on the dialog box (its placement). */
  className?: string;
  /** Read the body as the dialog's description (default true; off for a long list of options). */
  describedByBody?: boolean;
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

export function Dialog({ title, children, actions, onCancel, modal = true, className, describedByBody = true }: DialogProps) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const cancel = useRef(onCancel);
  cancel.current = onCancel;
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    box.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    // Modal: Escape cancels wherever focus is (a click on the backdrop leaves it on the body), and
    // no key reaches the page's own shortcuts on window. Non-modal: only keys inside the box count
    // (onKeyDown below), the page keeps its shortcuts.
    const onDocumentKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        cancel.current();
      } else e.stopPropagation();
    };
    if (modal) document.addEventListener('keydown', onDocumentKey);
    return () => {
      if (modal) document.removeEventListener('keydown', onDocumentKey);
      // Back to where focus was, unless the reader has moved on (clicked elsewhere on a non-modal dialog).
      if (modal || !document.activeElement || document.activeElement === document.body || box.current?.contains(document.activeElement)) before?.focus?.();
    };
  }, []); // once per opening: `modal` does not change while the dialog is open
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!modal) {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      cancel.current();
      return;
    }
    if (e.key !== 'Escape') e.stopPropagation(); // Space and other page shortcuts stay out while the dialog is open
    if (e.key !== 'Tab' || !box.current) return;
    const items = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (!items.length) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  const dialog = (
    <div
      className={className ? `dialog ${className}` : 'dialog'}
      role="dialog"
      aria-modal={modal || undefined}
      aria-labelledby={`${id}-title`}
      aria-describedby={describedByBody ? `${id}-body` : undefined}
      ref={box}
      onKeyDown={onKeyDown}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`}>{children}</div>
      <div className="dialog-actions">{actions}</div>
    </div>
  );
  return modal ? <div className="dialog-backdrop">{dialog}</div> : dialog;
}
