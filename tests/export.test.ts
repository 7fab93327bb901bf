import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkResults } from '../src/config/results-schema';
import { parseResultsFile, roundsCsv } from '../src/state/export';
import { reduceRun, EMPTY_RUN } from '../src/state/run-slice';
import type { ResultsDocument } from '../src/engine/events';
import { runExperiment } from './engine-helpers';

const example = JSON.parse(readFileSync(new URL('../docs/example-results.json', import.meta.url), 'utf8'));

describe('results files', () => {
  it('the documented example and a fresh run both pass the schema', async () => {
    expect(checkResults(example).ok).toBe(true);
    const { doc } = await runExperiment({ dataset: 'xor', model: 'mlp-8', rounds: 1, iters: 10, evalEvery: 5, seeds: 2, backend: 'cpu' });
    const check = checkResults(JSON.parse(JSON.stringify(doc)));
    expect(check.ok).toBe(true);
    const csv = roundsCsv(doc).trim().split('\n');
    expect(csv).toHaveLength(1 + 2 * 2); // header + 2 seeds x 2 rounds
    expect(csv[0]).toContain('ticket.testAccuracy');
    expect(csv[1].split(',')).toHaveLength(csv[0].split(',').length);
    expect(csv[3].startsWith(`${doc.config.seed + 1},0,1,`)).toBe(true);
  });

  it('rejects files that are not results documents, saying why', () => {
    expect(() => parseResultsFile('not json')).toThrow(/not JSON/);
    expect(() => parseResultsFile('{"format":"something-else"}')).toThrow(/format/);
    const broken = structuredClone(example);
    broken.rounds[0].ticket.testAccuracy = 3;
    expect(() => parseResultsFile(JSON.stringify(broken))).toThrow(/rounds\.0\.ticket\.testAccuracy/);
  });

  it('reports config values in an imported file that the schema would not accept', () => {
    const odd = structuredClone(example);
    odd.config.rate = 5;
    const { document, notes } = parseResultsFile(JSON.stringify(odd));
    expect(notes.join(' ')).toContain('rate');
    expect(document.config.rate).toBe(0.2);
  });

  it('the store rebuilds the same document from the event stream', async () => {
    let state = { ...EMPTY_RUN };
    let streamed: ResultsDocument | null = null;
    const { doc } = await runExperiment({ dataset: 'gauss', model: 'mlp-8', rounds: 2, iters: 10, evalEvery: 5, seeds: 2, backend: 'cpu' }, (e) => {
      if (e.type === 'done') streamed = state.document; // what the page showed before the final document came
      state = { ...state, ...reduceRun(state, e) };
    });
    expect(state.status).toBe('complete');
    expect(streamed!.rounds).toEqual(doc.rounds);
    expect(streamed!.extraSeeds).toEqual(doc.extraSeeds);
    expect(state.curves['2/ticket']).toEqual(doc.rounds[2].ticket.curve);
    expect(Object.keys(state.snapshots.rounds).map(Number)).toEqual([0, 1, 2]);
  });
});
