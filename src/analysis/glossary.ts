// The lab's jargon, one line each, and where it occurs in a piece of text: the page shows the
// line when a reader hovers or focuses the word (src/controls/Term.tsx). Pure: no React, no DOM.

export const GLOSSARY_TERMS = ['θ0', 'rewind', 'ticket', 're-init', 'random mask', 'untrained accuracy', 'early-stop iteration', 'CSR', 'FLOPs'] as const;
export type GlossaryTerm = (typeof GLOSSARY_TERMS)[number];

/** What each term means, in one line a student can read in a tooltip. */
export const GLOSSARY: Record<GlossaryTerm, string> = {
  θ0: 'The network’s initial weights, before any training; a ticket is rewound to them.',
  rewind: 'Resetting the surviving weights to their values at iteration k of the first training (k = 0 is θ0) before training again.',
  ticket: 'The pruned network: the weights the mask keeps, rewound to their early values and trained again.',
  're-init': 'Control: the ticket’s mask with fresh random initial weights, to test whether the initial values matter.',
  'random mask': 'Control: a random mask with the same per-layer sparsity and the ticket’s initial values, to test whether the chosen weights matter.',
  'untrained accuracy': 'Test accuracy of the rewound, masked network before it is trained again.',
  'early-stop iteration': 'The iteration with the lowest validation loss: how fast a network learns.',
  CSR: 'Compressed sparse rows: stores only the kept weights with their column indices and one offset per row.',
  FLOPs: 'Floating-point operations for one prediction (a multiply and an add per kept weight).',
};

// How each term is written in the page's text (case-insensitive, whole words, plurals and forms).
const PATTERNS: Record<GlossaryTerm, RegExp> = {
  θ0: /θ_?0(?![\d])/iu,
  rewind: /\brewind(?:s|ing)?\b|\brewound\b/iu,
  ticket: /\btickets?\b/iu,
  're-init': /\bre-init(?:iali[sz]ation|iali[sz]ed)?\b/iu,
  'random mask': /\brandom masks?\b/iu,
  'untrained accuracy': /\buntrained acc(?:uracy\b|\.)|\baccuracy before training\b/iu,
  'early-stop iteration': /\bearly[- ]stop(?:ping)? (?:iteration\b|iter\.|point\b)/iu,
  CSR: /\bCSR\b/u,
  FLOPs: /\bFLOPs\b/u,
};

export type GlossSegment = { text: string; term?: GlossaryTerm };

/**
 * `text` cut into plain runs and glossary words, each term marked at its first occurrence only
 * (a title that says "ticket" three times gets one tooltip). Joining the segments' text gives
 * `text` back. Where two terms overlap, the earlier (then the longer) one wins.
 */
export function glossSegments(text: string): GlossSegment[] {
  const segments: GlossSegment[] = [];
  const pending = new Set<GlossaryTerm>(GLOSSARY_TERMS);
  let rest = text;
  for (;;) {
    let best: { term: GlossaryTerm; index: number; length: number } | null = null;
    for (const term of pending) {
      const m = PATTERNS[term].exec(rest);
      if (!m) continue;
      if (!best || m.index < best.index || (m.index === best.index && m[0].length > best.length)) best = { term, index: m.index, length: m[0].length };
    }
    if (!best) break;
    if (best.index > 0) segments.push({ text: rest.slice(0, best.index) });
    segments.push({ text: rest.slice(best.index, best.index + best.length), term: best.term });
    pending.delete(best.term);
    rest = rest.slice(best.index + best.length);
  }
  if (rest) segments.push({ text: rest });
  return segments;
}
