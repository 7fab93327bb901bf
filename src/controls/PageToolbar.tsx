// The header's buttons as one ARIA toolbar: a single Tab stop (the button used last, else the
// first), arrow keys, Home and End move between the buttons. Seven buttons in the Tab order
// before Run made Run the 34th stop; now the whole header is one, and Run comes soon after.
import { useEffect, useRef, type ReactNode } from 'react';

/** The toolbar's own buttons: enabled, shown, and not inside a dialog or panel it opened. */
function toolbarButtons(root: HTMLElement): HTMLButtonElement[] {
  return [...root.querySelectorAll<HTMLButtonElement>('button')].filter((b) => !b.disabled && !b.closest('[role=dialog]') && b.getClientRects().length > 0);
}

const MOVES: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

export function PageToolbar({ label, children }: { label: string; children: ReactNode }) {
  const root = useRef<HTMLDivElement>(null);
  const current = useRef<HTMLButtonElement | null>(null);

  // One button keeps tabindex 0, the rest -1; again whenever a button appears, goes or is disabled.
  const syncTabStops = () => {
    if (!root.current) return;
    const buttons = toolbarButtons(root.current);
    if (!current.current || !buttons.includes(current.current)) current.current = buttons[0] ?? null;
    for (const b of buttons) b.tabIndex = b === current.current ? 0 : -1;
  };
  useEffect(() => {
    if (!root.current) return;
    syncTabStops();
    const observer = new MutationObserver(syncTabStops);
    observer.observe(root.current, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'hidden', 'class', 'style'] });
    return () => observer.disconnect();
  }, []);

  return (
    <div
      className="toolbar"
      role="toolbar"
      aria-label={label}
      ref={root}
      onFocus={(e) => {
        if (!root.current || !(e.target instanceof HTMLButtonElement) || !toolbarButtons(root.current).includes(e.target)) return;
        current.current = e.target;
        syncTabStops();
      }}
      onKeyDown={(e) => {
        const move = MOVES[e.key];
        if (!move || !root.current || e.altKey || e.ctrlKey || e.metaKey) return;
        const buttons = toolbarButtons(root.current);
        const index = buttons.indexOf(e.target as HTMLButtonElement);
        if (index < 0) return; // a key inside a dialog or panel the toolbar opened
        e.preventDefault();
        buttons[move(index, buttons.length)].focus();
      }}
    >
      {children}
    </div>
  );
}
