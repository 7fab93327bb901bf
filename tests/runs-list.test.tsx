// @vitest-environment happy-dom
// The Runs list rendered into a DOM over saved runs in IndexedDB (fake-indexeddb): its columns,
// storage use, renaming in place (Enter saves, Escape cancels), delete and delete all after asking,
// picks for comparison.
import 'fake-indexeddb/auto';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatBytes, RunsList, statusWords, storedWords } from '../src/controls/RunsList';
import { DEFAULT_CONFIG } from '../src/config/schema';
import { encodeConfig } from '../src/config/url';
import { answer, useQuestion } from '../src/state/confirm';
import { EMPTY_RUN } from '../src/state/run-slice';
import { useLab } from '../src/state/store';
import { deleteAllRuns, listRuns, writeRun, type SavedRunMeta } from '../src/storage/runs-db';
import { useSavedRuns } from '../src/storage/saved-runs';
import type { ResultsDocument } from '../src/engine/events';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const meta = (id: string, changes: Partial<SavedRunMeta>): SavedRunMeta => ({
  id,
  name: id,
  customName: false,
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:05:00.000Z',
  status: 'complete',
  query: encodeConfig(DEFAULT_CONFIG),
  roundsDone: 8,
  remaining: 0.125,
  ticketAccuracy: 0.97123,
  resumable: false,
  resumeRound: null,
  weightRounds: 8,
  bytes: 1000,
  ...changes,
});
const doc = { config: DEFAULT_CONFIG, rounds: [] } as unknown as ResultsDocument;

let container: HTMLElement;
let root: Root;
const settle = async () => {
  // IndexedDB answers in macrotasks: let them land, then React render.
  for (let i = 0; i < 5; i++) await act(() => new Promise((r) => setTimeout(r, 0)));
};
const rows = () => [...container.querySelectorAll('tbody tr')];
const cells = (row: Element) => [...row.querySelectorAll('td')].map((td) => td.textContent);
const rowOf = (id: string) => container.querySelector(`tr[data-run-id="${id}"]`)!;
const click = (el: Element | null) => act(() => (el as HTMLElement).click());

beforeEach(async () => {
  Object.defineProperty(navigator, 'storage', { configurable: true, value: { estimate: async () => ({ usage: 13_002_342, quota: 2.1 * 2 ** 30 }) } });
  await writeRun(meta('older', { name: 'MNIST 50%/round seed 3', createdAt: '2026-11-19T09:00:00.000Z' }), new Map([['document', doc]]));
  await writeRun(meta('newer', { name: 'gaussians', status: 'running', resumable: true, resumeRound: 2, remaining: 0.25, ticketAccuracy: 0.9 }), new Map([['document', doc]]));
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root.render(<RunsList />));
  await settle();
});

afterEach(async () => {
  act(() => root.unmount());
  container.remove();
  await deleteAllRuns();
  useLab.setState({ ...EMPTY_RUN, pickedRunIds: [] });
  useQuestion.setState({ question: null });
  useSavedRuns.setState({ runs: [] });
});

describe('RunsList', () => {
  it('lists runs newest first with name, status, weights left, ticket accuracy and storage use', () => {
    expect(rows().map((r) => r.getAttribute('data-run-id'))).toEqual(['newer', 'older']);
    const [newer, older] = rows().map(cells);
    expect(newer[1]).toBe('gaussians');
    // Saved as running, and this page runs nothing: the page was closed mid-run.
    expect(newer.slice(3, 7)).toEqual(['interrupted — resumable', '25.0%', '90.00%', '1000 bytes']);
    expect(older.slice(1, 2)).toEqual(['MNIST 50%/round seed 3']);
    expect(older.slice(3, 7)).toEqual(['complete', '12.5%', '97.12%', '1000 bytes']);
    expect(container.querySelector('[data-testid=storage-use]')!.textContent).toBe('12.4 MB of 2.1 GB used.');
    expect(container.textContent).toContain('up to 64 MB per run');
  });

  it('renames in place: Enter saves, Escape cancels', async () => {
    await click(rowOf('older').querySelector('[data-action=rename-run]'));
    let input = rowOf('older').querySelector('input.run-name') as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    const type = (el: HTMLInputElement, text: string) => {
      // React tracks the value it set: go through the native setter so onChange sees the change.
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, text);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    };
    act(() => type(input, 'first ticket'));
    act(() => input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    await settle();
    expect(rowOf('older').querySelector('[data-testid=run-name]')!.textContent).toBe('first ticket');
    expect((await listRuns()).find((r) => r.id === 'older')).toMatchObject({ name: 'first ticket', customName: true });

    await click(rowOf('older').querySelector('[data-action=rename-run]'));
    input = rowOf('older').querySelector('input.run-name') as HTMLInputElement;
    act(() => type(input, 'not this'));
    act(() => input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    await settle();
    expect(rowOf('older').querySelector('[data-testid=run-name]')!.textContent).toBe('first ticket');
    expect((await listRuns()).find((r) => r.id === 'older')!.name).toBe('first ticket');
  });

  it('deletes one run and all runs only after asking', async () => {
    await click(rowOf('older').querySelector('[data-action=delete-run]'));
    expect(useQuestion.getState().question).toMatchObject({ kind: 'delete', title: 'Delete this saved run?' });
    expect(useQuestion.getState().question!.text).toContain('“MNIST 50%/round seed 3”');
    act(() => answer(false));
    await settle();
    expect(rows()).toHaveLength(2);
    await click(rowOf('older').querySelector('[data-action=delete-run]'));
    act(() => answer(true));
    await settle();
    expect(rows().map((r) => r.getAttribute('data-run-id'))).toEqual(['newer']);

    await click(container.querySelector('[data-action=delete-all-runs]'));
    expect(useQuestion.getState().question).toMatchObject({ kind: 'delete-all', text: 'All 1 saved run will be deleted from this browser. Export the ones to keep first.' });
    act(() => answer(true));
    await settle();
    expect(rows()).toHaveLength(0);
    expect(container.textContent).toContain('No saved runs yet.');
    expect(await listRuns()).toEqual([]);
  });

  it('picks runs for comparison; Compare needs two', async () => {
    const compare = container.querySelector('[data-action=compare-runs]') as HTMLButtonElement;
    expect(compare.disabled).toBe(true);
    await click(rowOf('newer').querySelector('[data-action=pick-run]'));
    expect(compare.disabled).toBe(true);
    await click(rowOf('older').querySelector('[data-action=pick-run]'));
    expect(useLab.getState().pickedRunIds).toEqual(['newer', 'older']);
    expect(compare.disabled).toBe(false);
    await click(rowOf('newer').querySelector('[data-action=pick-run]'));
    expect(useLab.getState().pickedRunIds).toEqual(['older']);
  });
});

describe('formatting', () => {
  it('bytes and status words', () => {
    expect([500, 92 * 1024, 12.4 * 2 ** 20, 64 * 2 ** 20, 2.1 * 2 ** 30].map(formatBytes)).toEqual(['500 bytes', '92 KB', '12.4 MB', '64 MB', '2.1 GB']);
    const m = meta('x', { status: 'running', resumable: false });
    expect(statusWords(m, false)).toBe('running');
    expect(statusWords(m, true)).toBe('interrupted');
    expect(statusWords({ ...m, resumable: true }, true)).toBe('interrupted — resumable');
    expect(statusWords({ ...m, status: 'stopped' }, true)).toBe('stopped');
    expect(storedWords({ ...m, bytes: 3.4 * 2 ** 20, roundsDone: 8, weightRounds: 8 })).toBe('3.4 MB');
    expect(storedWords({ ...m, bytes: 3.4 * 2 ** 20, roundsDone: 8, weightRounds: 4 })).toBe('3.4 MB, weights of the last 4 rounds');
    expect(storedWords({ ...m, bytes: 3.4 * 2 ** 20, roundsDone: 8, weightRounds: 1 })).toBe('3.4 MB, weights of the last round');
  });
});
