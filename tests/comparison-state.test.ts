// Comparisons in the store, driven without an engine: a fake start() plays a run's events into the
// store as the worker would. A sweep asks with its total estimate and runs one config after
// another, then compares them; Stop ends it; a comparison link reopens saved runs (IndexedDB in
// fake-indexeddb) and runs only the others; saved runs picked by id are compared; the address
// bar carries the comparison.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { estimateTime, formatDuration } from '../src/config/implications';
import { parseConfig, type ExperimentConfig } from '../src/config/schema';
import { configKey, parseSweep } from '../src/config/sweep';
import { encodeConfig } from '../src/config/url';
import type { ResultsDocument } from '../src/engine/events';
import { deleteAllRuns, writeRun, type SavedRunMeta } from '../src/storage/runs-db';
import { closeComparison, comparisonLinkPart, compareRuns, openLinkedComparison, requestSweep, savedRunsFor } from '../src/state/comparison';
import { answer, useQuestion } from '../src/state/confirm';
import { decodeLink } from '../src/state/link';
import { EMPTY_RUN } from '../src/state/run-slice';
import { useLab, type LabState } from '../src/state/store';
import { urlFor } from '../src/state/url-sync';

const example: ResultsDocument = JSON.parse(readFileSync(new URL('../docs/example-results.json', import.meta.url), 'utf8'));
const TINY = parseConfig({ dataset: 'gauss', model: 'mlp-16-16', rounds: 2, iters: 40, evalEvery: 20, backend: 'cpu' }).config;
const cfg = (c: Partial<ExperimentConfig>) => parseConfig({ ...TINY, ...c }).config;

const initial = useLab.getState();
afterEach(async () => {
  useLab.setState(initial, true);
  useQuestion.setState({ question: null });
  await deleteAllRuns();
});

const documentOf = (config: ExperimentConfig, status: ResultsDocument['status'] = 'running'): ResultsDocument => ({ ...structuredClone(example), config, query: encodeConfig(config), status });

/**
 * A start() as lab.start is: 'starting' at once, then (later, as the worker's events come) the
 * run's events; the autosaver names the saved run at 'started'. `ends` says how each run ends.
 */
function fakeEngine(ends: ResultsDocument['status'][] = []) {
  const started: ExperimentConfig[] = [];
  const start = () => {
    const config = useLab.getState().config;
    const n = started.push(config);
    useLab.setState({ ...EMPTY_RUN, status: 'starting' });
    setTimeout(() => {
      useLab.getState().applyEvent({ type: 'started', document: documentOf(config) });
      useLab.setState({ savedRunId: `saved-${n}` });
      for (const result of example.rounds) useLab.getState().applyEvent({ type: 'round', seedIndex: 0, result });
      useLab.getState().applyEvent({ type: 'done', document: documentOf(config, ends[n - 1] ?? 'complete') });
    }, 0);
  };
  return { start, started };
}

/** Resolves once the store satisfies `predicate` (checked now and on every change). */
function until(predicate: (s: LabState) => boolean): Promise<LabState> {
  return new Promise((resolve) => {
    if (predicate(useLab.getState())) return resolve(useLab.getState());
    const unsubscribe = useLab.subscribe((s) => {
      if (!predicate(s)) return;
      unsubscribe();
      resolve(s);
    });
  });
}

async function save(id: string, config: ExperimentConfig, o: Partial<SavedRunMeta> = {}) {
  const document = documentOf(config, 'complete');
  const meta: SavedRunMeta = {
    id,
    name: id,
    customName: false,
    createdAt: '2026-11-26T00:00:00.000Z',
    updatedAt: '2026-11-26T00:00:00.000Z',
    status: 'complete',
    query: document.query,
    roundsDone: document.rounds.length,
    remaining: null,
    ticketAccuracy: null,
    resumable: false,
    resumeRound: null,
    weightRounds: 0,
    bytes: 1,
    ...o,
  };
  await writeRun(meta, new Map([['document', document]]));
}

const SWEEP = parseSweep('rate:0.2,0.5', TINY).plan!;

describe('a sweep', () => {
  it('asks with the total estimate, waits, then runs each config in turn and compares them', async () => {
    useLab.setState({ config: TINY });
    const engine = fakeEngine();
    requestSweep(SWEEP.configs, engine.start);
    const q = useQuestion.getState().question!;
    const total = SWEEP.configs.reduce((s, c) => s + estimateTime(c).seconds, 0);
    expect(q.title).toBe('Run a sweep of 2 runs?');
    expect(q.text).toBe(`One run each for 20%/round; 50%/round, one after another: estimated at about ${formatDuration(total)} in all on this machine. Each run is saved.`);
    expect(engine.started).toEqual([]);
    answer(true);
    expect(useLab.getState().sweepProgress).toEqual({ index: 0, total: 2, label: '20%/round' });
    const s = await until((st) => st.comparison !== null);
    expect(engine.started.map((c) => c.rate)).toEqual([0.2, 0.5]);
    expect(s.comparison!.runIds).toEqual(['saved-1', 'saved-2']);
    expect(s.comparison!.documents.map((d) => d.config.rate)).toEqual([0.2, 0.5]);
    expect(s.sweepProgress).toBeNull();
    // The address bar names the comparison, and reads back as the same runs.
    expect(comparisonLinkPart(s)).toBe('sweep=rate:0.2,0.5');
    const link = decodeLink(urlFor(s));
    expect(link.issues).toEqual([]);
    expect(link.comparison!.configs.map(configKey)).toEqual(SWEEP.configs.map(configKey));
    closeComparison();
    expect(useLab.getState().comparison).toBeNull();
    expect(urlFor()).not.toContain('sweep=');
  });

  it('Not now runs nothing', () => {
    const engine = fakeEngine();
    requestSweep(SWEEP.configs, engine.start);
    answer(false);
    expect(engine.started).toEqual([]);
    expect(useLab.getState().sweepProgress).toBeNull();
  });

  it('a run that is stopped ends the sweep, says so, and compares nothing', async () => {
    const engine = fakeEngine(['complete', 'stopped']);
    requestSweep([...SWEEP.configs, cfg({ rate: 0.8 })], engine.start);
    answer(true);
    const s = await until((st) => st.comparisonNote !== null);
    expect(s.comparisonNote).toBe('The sweep ended after 1 of 3 runs (the run stopped).');
    expect(engine.started).toHaveLength(2);
    expect(s.comparison).toBeNull();
    expect(s.sweepProgress).toBeNull();
  });
});

describe('a comparison link', () => {
  it('reopens the saved runs it names and runs only the others, after asking', async () => {
    await save('old-0.2', cfg({ rate: 0.2 }));
    await save('stopped-0.5', cfg({ rate: 0.5 }), { status: 'stopped' });
    const plan = parseSweep('rate:0.2,0.5,0.8', TINY).plan!;
    const engine = fakeEngine();
    await openLinkedComparison(plan, engine.start);
    const q = useQuestion.getState().question!;
    expect(q.title).toBe('Run 2 of the 3 compared runs?');
    expect(q.text).toMatch(/^This link compares 3 runs\. 1 of them is saved in this browser; the other 2 run one after another, estimated at about .+ in all on this machine\.$/);
    answer(true);
    const s = await until((st) => st.comparison !== null);
    expect(engine.started.map((c) => c.rate)).toEqual([0.5, 0.8]);
    expect(s.comparison!.runIds).toEqual(['old-0.2', 'saved-1', 'saved-2']);
    expect(s.comparison!.documents.map((d) => d.config.rate)).toEqual([0.2, 0.5, 0.8]);
  });

  it('opens at once, asking nothing, when every run is saved here (the newest of twins)', async () => {
    await save('a', cfg({ rate: 0.2 }));
    await save('b-old', cfg({ rate: 0.5 }), { updatedAt: '2026-11-25T00:00:00.000Z' });
    await save('b-new', cfg({ rate: 0.5 }), { updatedAt: '2026-11-26T01:00:00.000Z' });
    const engine = fakeEngine();
    await openLinkedComparison(SWEEP, engine.start);
    expect(useQuestion.getState().question).toBeNull();
    expect(engine.started).toEqual([]);
    expect(useLab.getState().comparison!.runIds).toEqual(['a', 'b-new']);
    expect((await savedRunsFor([cfg({ rate: 0.9 })]))[0]).toBeNull();
  });
});

describe('saved runs picked by id', () => {
  it('are compared in the order picked; an unreadable id is left out', async () => {
    await save('x', cfg({ seed: 2 }));
    await save('y', cfg({ seed: 3, rate: 0.5 }));
    expect(await compareRuns(['y', 'gone', 'x'])).toBe(true);
    const c = useLab.getState().comparison!;
    expect(c.runIds).toEqual(['y', 'x']);
    expect(c.documents.map((d) => d.config.seed)).toEqual([3, 2]);
    // Not one setting's values: the link names each run against the config on screen.
    useLab.setState({ config: TINY });
    expect(comparisonLinkPart(useLab.getState())).toBe('runs=rate:0.5,seed:3;seed:2');
  });

  it('fewer than two readable runs compare nothing, saying why', async () => {
    await save('x', cfg({ seed: 2 }));
    expect(await compareRuns(['x', 'gone'])).toBe(false);
    expect(useLab.getState().comparison).toBeNull();
    expect(useLab.getState().comparisonNote).toBe('Fewer than two of these saved runs could be read (1 of 2); nothing to compare.');
  });
});
