// A glossary word: focusable, and on hover or focus a one-line explanation (role="tooltip") that
// the word points to with aria-describedby. Escape hides it without moving focus (WCAG 1.4.13).
import { useId, useState, type ReactNode } from 'react';
import { GLOSSARY, glossSegments, type GlossaryTerm } from '../analysis/glossary';
import './term.css';

export function Term({ term, children }: { term: GlossaryTerm; children: ReactNode }) {
  const tipId = useId();
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const open = (hovered || focused) && !dismissed;
  const show = (set: (v: boolean) => void) => () => (set(true), setDismissed(false));
  return (
    <span
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
        <span className="term-tip" role="tooltip" id={tipId}>
          {GLOSSARY[term]}
        </span>
      )}
    </span>
  );
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
