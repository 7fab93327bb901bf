// The glossary (src/analysis/glossary.ts): where its words are found in the page's text, and the
// markup the Term / Glossed components give them (the tooltip itself is tested in e2e/a11y).
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { GLOSSARY, GLOSSARY_TERMS, glossSegments } from '../src/analysis/glossary';
import { Glossed, Term } from '../src/controls/Term';

const terms = (text: string) => glossSegments(text).filter((s) => s.term).map((s) => [s.term, s.text]);

describe('glossSegments', () => {
  it('gives the text back, whatever it holds', () => {
    for (const text of ['', 'plain words', 'Random re-init (same mask)', 'θ0 vs trained values', 'ticket ticket ticket']) {
      expect(glossSegments(text).map((s) => s.text).join('')).toBe(text);
    }
  });
  it('finds each term in the forms the page writes it', () => {
    expect(terms('Top: θ0 vs trained values.')).toEqual([['θ0', 'θ0']]);
    expect(terms('Rewind to iteration')).toEqual([['rewind', 'Rewind']]);
    expect(terms('Winning ticket (rewound)')).toEqual([['ticket', 'ticket'], ['rewind', 'rewound']]);
    expect(terms('Random re-init (same mask)')).toEqual([['re-init', 're-init']]);
    expect(terms('Random mask (same sparsity)')).toEqual([['random mask', 'Random mask']]);
    expect(terms('Accuracy before training')).toEqual([['untrained accuracy', 'Accuracy before training']]);
    expect(terms('Early-stopping iteration vs. weights remaining')).toEqual([['early-stop iteration', 'Early-stopping iteration']]);
    expect(terms('Untrained acc.')).toEqual([['untrained accuracy', 'Untrained acc.']]);
    expect(terms('Early-stop iter.')).toEqual([['early-stop iteration', 'Early-stop iter.']]);
    expect(terms('Storage: CSR vs dense')).toEqual([['CSR', 'CSR']]);
    expect(terms('FLOPs per inference')).toEqual([['FLOPs', 'FLOPs']]);
  });
  it('marks each term once, at its first occurrence', () => {
    expect(terms('does the ticket keep up? tickets win')).toEqual([['ticket', 'ticket']]);
  });
  it('leaves words that only contain a term alone', () => {
    expect(terms('rewinders, csr, flops, θ01, masked randomly')).toEqual([]);
  });
  it('has one line for every term', () => {
    for (const t of GLOSSARY_TERMS) expect(GLOSSARY[t]).toMatch(/^[^\n]{20,160}$/);
  });
});

describe('Term and Glossed markup', () => {
  it('a term is focusable and shows no tooltip until hovered or focused', () => {
    const html = renderToStaticMarkup(<Term term="CSR">CSR</Term>);
    expect(html).toMatch(/^<span class="term" data-term="CSR" tabindex="0">CSR<\/span>$/);
  });
  it('Glossed wraps the terms and keeps the rest as text', () => {
    const html = renderToStaticMarkup(<Glossed text="Random mask (same sparsity)" />);
    expect(html).toBe('<span class="term" data-term="random mask" tabindex="0">Random mask</span> (same sparsity)');
    expect(renderToStaticMarkup(<Glossed text="Learning curves" />)).toBe('Learning curves');
  });
});
