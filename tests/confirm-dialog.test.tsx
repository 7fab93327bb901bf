// The confirm dialog's markup (renderToStaticMarkup) and the question flow of src/state/confirm.ts
// with a stub start (no engine).
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfirmView } from '../src/controls/ConfirmDialog';
import { DEFAULT_CONFIG, parseConfig } from '../src/config/schema';
import { answer, requestReset, requestStart, setKeepAsSavedRun, useQuestion, type Question } from '../src/state/confirm';
import { EMPTY_RUN } from '../src/state/run-slice';
import { useLab } from '../src/state/store';
import type { ResultsDocument } from '../src/engine/events';

const TINY = parseConfig({ ...DEFAULT_CONFIG, model: 'mlp-32-16', rounds: 2, iters: 40, evalSize: 500, batch: 32 }).config;
const LONG = parseConfig({ ...DEFAULT_CONFIG, rounds: 30, iters: 50000 }).config;
const doc = { rounds: [] } as unknown as ResultsDocument;
const q = (kind: Question['kind']): Question => ({ kind, title: 'T?', text: 'Body text.', confirm: 'Go', onConfirm: () => {} });

afterEach(() => {
  useLab.setState({ ...EMPTY_RUN });
  useQuestion.setState({ question: null });
  setKeepAsSavedRun(null);
});

describe('ConfirmView markup', () => {
  it('is a labelled modal dialog with Export JSON / go / Cancel over results', () => {
    const html = renderToStaticMarkup(<ConfirmView question={q('replace')} onAnswer={() => {}} onExport={() => {}} />);
    expect(html).toContain('role="dialog"');
    expect(html).toContain('aria-modal="true"');
    const label = html.match(/aria-labelledby="([^"]+)"/)![1];
    expect(html).toContain(`id="${label}">T?</h2>`);
    expect(html).toMatch(/aria-describedby="[^"]+"/);
    const buttons = [...html.matchAll(/<button[^>]*>([^<]*)<\/button>/g)].map((m) => m[1]);
    expect(buttons).toEqual(['Export JSON', 'Go', 'Cancel']);
  });
  it('a long run: Start-style button and Not now, no export', () => {
    const html = renderToStaticMarkup(<ConfirmView question={q('long')} onAnswer={() => {}} onExport={() => {}} />);
    const buttons = [...html.matchAll(/<button[^>]*>([^<]*)<\/button>/g)].map((m) => m[1]);
    expect(buttons).toEqual(['Go', 'Not now']);
  });
});

describe('question flow', () => {
  it('a short run starts at once; a long link asks with the estimate', () => {
    let started = 0;
    useLab.getState().setConfig(TINY, []);
    requestStart('link', () => started++);
    expect(started).toBe(1);
    expect(useQuestion.getState().question).toBeNull();
    useLab.getState().setConfig(LONG, []);
    requestStart('link', () => started++);
    expect(started).toBe(1);
    expect(useQuestion.getState().question?.text).toMatch(/^This link starts a run estimated at about .+ on this machine\.$/);
    answer(false);
    expect(started).toBe(1);
    requestStart('button', () => started++);
    answer(true);
    expect(started).toBe(2);
  });
  it('Run over finished results asks; Replace starts, Cancel keeps them', () => {
    let started = 0;
    useLab.getState().setConfig(TINY, []);
    useLab.setState({ status: 'complete', document: doc });
    requestStart('button', () => started++);
    expect(useQuestion.getState().question?.kind).toBe('replace');
    answer(false);
    expect(started).toBe(0);
    expect(useLab.getState().document).toBe(doc);
    requestStart('button', () => started++);
    answer(true);
    expect(started).toBe(1);
  });
  it('a registered keepAsSavedRun replaces the question', () => {
    let kept = 0;
    let started = 0;
    setKeepAsSavedRun(() => kept++);
    useLab.getState().setConfig(TINY, []);
    useLab.setState({ status: 'stopped', document: doc });
    requestStart('button', () => started++);
    expect([kept, started]).toEqual([1, 1]);
    expect(useQuestion.getState().question).toBeNull();
  });
  it('Reset asks only with results on screen', () => {
    let resets = 0;
    requestReset(() => resets++);
    expect(resets).toBe(1);
    useLab.setState({ status: 'complete', document: doc });
    requestReset(() => resets++);
    expect(useQuestion.getState().question?.kind).toBe('reset');
    answer(true);
    expect(resets).toBe(2);
  });
});
