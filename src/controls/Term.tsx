// A glossary word: focusable, and on hover or focus a one-line explanation (role="tooltip") that
// the word points to with aria-describedby. Escape hides it without moving focus (WCAG 1.4.13).
// The tooltip is placed in viewport coordinates under the word, so a scrolling sidebar or a
// card's edge does not cut it off.
import { useId, useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode, type RefObject } from 'react';
import { GLOSSARY, glossSegments, type GlossaryTerm } from '../analysis/glossary';
import './term.css';

export function Term({ term, children }: { term: GlossaryTerm; children: ReactNode }) {
  const tipId = useId();
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const open = (hovered || focused) && !dismissed;
  const show = (set: (v: boolean) => void) => () => (set(true), setDismissed(false));
  const word = useRef<HTMLSpanElement>(null);
  const tip = useRef<HTMLSpanElement>(null);
  const place = useTipPlace(word, tip, open);
  return (
    <span
      ref={word}
      className="term"
      data-term={term}
      tabIndex={0}
      // Only while shown: an idref to an element that is not there would be invalid.
      aria-describedby={open ? tipId : undefined}
      onMouseEnter={show(setHovered)}
      onMouseLeave={() => setHovered(false)}
      onFocus={show(setFocused)}
      onBlur={() => setFocused(false)}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !open) return;
        e.stopPropagation(); // closes the tooltip, not the dialog around it
        setDismissed(true);
      }}
    >
      {children}
      {open && (
        <span className="term-tip" role="tooltip" id={tipId} style={place} ref={tip}>
          {GLOSSARY[term]}
        </span>
      )}
    </span>
  );
}

const MARGIN_PX = 8;

/** Where the open tooltip goes: under the word, inside the viewport; follows scrolling and resizing. */
function useTipPlace(word: RefObject<HTMLSpanElement | null>, tip: RefObject<HTMLSpanElement | null>, open: boolean): CSSProperties | undefined {
  const [place, setPlace] = useState<CSSProperties>();
  useLayoutEffect(() => {
    if (!open) return;
    const measure = () => {
      const r = word.current?.getBoundingClientRect();
      if (!r) return;
      const width = tip.current?.offsetWidth ?? 0;
      const left = Math.max(MARGIN_PX, Math.min(r.left, window.innerWidth - width - MARGIN_PX));
      setPlace({ left, top: r.bottom + 4 });
    };
    measure();
    window.addEventListener('scroll', measure, true);
    window.addEventListener('resize', measure);
    return () => {
      window.removeEventListener('scroll', measure, true);
      window.removeEventListener('resize', measure);
    };
  }, [open, word, tip]);
  return place;
}

/** `text` with its glossary words (first occurrence of each) as Terms; plain text otherwise. */
export function Glossed({ text }: { text: string }) {
  const segments = glossSegments(text);
  if (segments.every((s) => !s.term)) return <>{text}</>;
  return (
    <>
      {segments.map((s, i) =>
        s.term ? (
          <Term key={i} term={s.term}>
            {s.text}
          </Term>
        ) : (
          s.text
        ),
      )}
    </>
  );
}
