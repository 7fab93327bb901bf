// Saved runs (src/storage/): a real tiny run's events recorded into IndexedDB (fake-indexeddb in
// Node), read back as the panels need them, interrupted and resumed into the same saved run, the
// write queue's coalescing, the weight budget, and a full storage that stops saving but not the run.
import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../src/config/schema';
import type { EngineEvent, ResultsDocument, RoundSnapshotLayer } from '../src/engine/events';
import { QUOTA_MESSAGE, RunRecorder } from '../src/storage/recorder';
import { deleteAllRuns, deleteRun, listRuns, loadResumePoint, loadRun, renameRun, SAVED_WEIGHT_BUDGET_BYTES, type PartName, type SavedRunMeta } from '../src/storage/runs-db';
import { EMPTY_RUN, reduceRun, type RunData } from '../src/state/run-slice';
import { makeRunner, runExperiment, withoutTimes } from './engine-helpers';

const TINY: Partial<ExperimentConfig> = { dataset: 'gauss', model: 'mlp-16-16', iters: 40, evalEvery: 20, batch: 32, backend: 'cpu', rounds: 3, rate: 0.5, seed: 3 };

let full: { doc: ResultsDocument; events: EngineEvent[] };
beforeAll(async () => {
  full = await runExperiment(TINY);
}, 60_000);
afterEach(() => deleteAllRuns());

/** What the page's store holds after these events (the panels' view). */
const pageState = (events: EngineEvent[]): RunData => events.reduce((s, e) => ({ ...s, ...reduceRun(s, e) }), { ...EMPTY_RUN });

function recorderWithProblems() {
  const problems: string[] = [];
  const ids: string[] = [];
  const recorder = new RunRecorder({ onProblem: (m) => problems.push(m), onRunId: (id) => ids.push(id) });
  return { recorder, problems, ids };
}

describe('a recorded run', () => {
  it('is listed with its name and numbers and reads back as the page drew it', async () => {
    const { recorder, problems, ids } = recorderWithProblems();
    full.events.forEach((e) => recorder.record(e));
    await recorder.flush();
    expect(problems).toEqual([]);
    const [meta, ...others] = await listRuns();
    expect(others).toEqual([]);
    expect(meta.id).toBe(ids[0]);
    expect(meta).toMatchObject({ name: 'gaussians MLP 16-16 50%/round 3 rounds 40 iters batch 32 eval every 20 seed 3', customName: false, status: 'complete', roundsDone: 4, resumable: false, weightRounds: 4 });
    expect(meta.query).toBe(full.doc.query);
    expect(meta.remaining).toBe(full.doc.rounds[3].remaining);
    expect(meta.ticketAccuracy).toBe(full.doc.rounds[3].ticket.testAccuracy);
    expect(meta.bytes).toBeGreaterThan(0);

    const saved = (await loadRun(meta.id))!;
    const page = pageState(full.events);
    expect(saved.document).toEqual(full.doc);
    expect(saved.curves).toEqual(page.curves);
    expect(Object.keys(saved.snapshots.rounds)).toEqual(['0', '1', '2', '3']);
    expect(saved.snapshots).toEqual(page.snapshots);
    // Complete: nothing left to resume, so its resume point is gone.
    expect(await loadResumePoint(meta.id)).toBeNull();
  });

  it('renames (and keeps the name while recording), deletes one, deletes all', async () => {
    const { recorder } = recorderWithProblems();
    const half = full.events.findIndex((e) => e.type === 'round' && e.result.round === 1);
    full.events.slice(0, half + 1).forEach((e) => recorder.record(e));
    await recorder.flush();
    const id = recorder.runId!;
    await renameRun(id, 'my ticket');
    recorder.renamed(id, 'my ticket');
    full.events.slice(half + 1).forEach((e) => recorder.record(e));
    await recorder.flush();
    expect((await listRuns())[0]).toMatchObject({ name: 'my ticket', customName: true, status: 'complete' });

    const second = new RunRecorder();
    full.events.forEach((e) => second.record(e));
    await second.flush();
    expect((await listRuns()).map((r) => r.name)).toEqual([expect.stringContaining('gaussians'), 'my ticket']);
    await deleteRun(id);
    expect((await listRuns()).map((r) => r.id)).toEqual([second.runId]);
    expect(await loadRun(id)).toBeNull();
    await deleteAllRuns();
    expect(await listRuns()).toEqual([]);
  });
});

describe('interrupted and resumed', () => {
  it('a page closed after round 1 leaves a resumable run; resuming goes on in the same saved run and ends as the uninterrupted run', async () => {
    const closedAt = full.events.findIndex((e) => e.type === 'resume-point' && e.point.round === 1);
    const first = new RunRecorder();
    full.events.slice(0, closedAt + 1).forEach((e) => first.record(e));
    await first.flush();
    const [meta] = await listRuns();
    expect(meta).toMatchObject({ status: 'running', roundsDone: 2, resumable: true, resumeRound: 1 });

    // A new page: load what was saved and go on from it.
    const saved = (await loadRun(meta.id))!;
    const point = (await loadResumePoint(meta.id))!;
    expect(point.round).toBe(1);
    const again = new RunRecorder();
    again.continueRun(saved, point);
    const { runner } = makeRunner((e) => again.record(e));
    const resumed = await runner.run({}, { document: saved.document, point });
    await again.flush();

    expect(withoutTimes(resumed.rounds)).toEqual(withoutTimes(full.doc.rounds));
    const runs = await listRuns();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id: meta.id, status: 'complete', roundsDone: 4, resumable: false, createdAt: meta.createdAt });
    const after = (await loadRun(meta.id))!;
    expect(withoutTimes(after.document.rounds)).toEqual(withoutTimes(full.doc.rounds));
    expect(Object.keys(after.curves).sort()).toEqual(Object.keys(pageState(full.events).curves).sort());
    expect(withoutTimes(after.curves)).toEqual(withoutTimes(pageState(full.events).curves));
    expect(Object.keys(after.snapshots.rounds)).toEqual(['0', '1', '2', '3']);
  }, 60_000);
});

describe('a resume that never started', () => {
  it('leaves the next run a new saved run (after an engine error, or a fresh start)', async () => {
    const first = new RunRecorder();
    const closedAt = full.events.findIndex((e) => e.type === 'resume-point' && e.point.round === 0);
    full.events.slice(0, closedAt + 1).forEach((e) => first.record(e));
    await first.flush();
    const id = first.runId!;
    const saved = (await loadRun(id))!;
    const point = (await loadResumePoint(id))!;
    const next = new RunRecorder();
    next.continueRun(saved, point);
    next.record({ type: 'error', message: 'The saved run has 0 finished rounds' });
    next.record({ type: 'started', document: full.doc });
    expect(next.runId).not.toBe(id);
    next.continueRun(saved, point);
    next.startFresh();
    next.record({ type: 'started', document: full.doc });
    expect(next.runId).not.toBe(id);
    next.continueRun(saved, point);
    next.record({ type: 'started', document: full.doc });
    expect(next.runId).toBe(id);
    await next.flush();
  });
});

describe('the write queue', () => {
  it('writes after the event handler, coalescing what came meanwhile, one write at a time', async () => {
    const writes: { meta: SavedRunMeta; parts: PartName[] }[] = [];
    let release: () => void = () => {};
    const pending: (() => void)[] = [];
    const recorder = new RunRecorder(
      {},
      {
        schedule: (fn) => pending.push(fn),
        write: (meta, parts) => {
          writes.push({ meta, parts: [...parts.keys()] });
          return new Promise<void>((r) => (release = r));
        },
      },
    );
    const round0 = full.events.findIndex((e) => e.type === 'resume-point' && e.point.round === 0);
    full.events.slice(0, round0 + 1).forEach((e) => recorder.record(e));
    // Nothing is written inside record(): one write is scheduled for everything so far.
    expect(writes).toHaveLength(0);
    expect(pending).toHaveLength(1);
    pending.shift()!();
    expect(writes).toHaveLength(1);
    expect(writes[0].parts.sort()).toEqual(['curves:0', 'document', 'next-mask', 'resume', 'round:0', 'start']);
    // Round 1 arrives while that write is in flight: it waits, then goes as one more write.
    const round1 = full.events.findIndex((e) => e.type === 'resume-point' && e.point.round === 1);
    full.events.slice(round0 + 1, round1 + 1).forEach((e) => recorder.record(e));
    pending.shift()?.();
    expect(writes).toHaveLength(1);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(writes).toHaveLength(2);
    expect(writes[1].parts.sort()).toEqual(['curves:1', 'document', 'next-mask', 'resume', 'round:1']);
    expect(writes[1].meta.roundsDone).toBe(2);
    release();
    await recorder.flush();
    expect(writes).toHaveLength(2);
  });

  it('keeps the newest rounds’ trained weights within the budget, rewriting older rounds without theirs', async () => {
    const written = new Map<PartName, unknown>();
    const recorder = new RunRecorder({}, { write: async (_meta, parts) => parts.forEach((v, k) => written.set(k, v)) });
    const n = (20 * 2 ** 20) / 4; // 20 MB of weights a round: three rounds fit in 64 MB, four do not
    const layers = (): RoundSnapshotLayer[] => [{ name: 'dense1', kind: 'dense', shape: [n], final: new Float32Array(n), mask: new Uint8Array(n), nextMask: new Uint8Array(n) }];
    recorder.record({ type: 'started', document: full.doc });
    for (let round = 0; round < 4; round++) recorder.record({ type: 'snapshot', seedIndex: 0, round, layers: layers() });
    await recorder.flush();
    const finals = (r: number) => (written.get(`round:${r}`) as { final?: Float32Array }[])[0].final;
    expect(3 * 4 * n).toBeLessThanOrEqual(SAVED_WEIGHT_BUDGET_BYTES);
    expect(finals(0)).toBeUndefined();
    expect([1, 2, 3].map((r) => finals(r)?.length)).toEqual([n, n, n]);
    expect((written.get('round:0') as { mask: Uint8Array }[])[0].mask).toHaveLength(n);
    // A round's next mask is the next round's mask: saved once.
    expect(Object.keys((written.get('round:1') as object[])[0])).not.toContain('nextMask');
  });
});

describe('storage full', () => {
  const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  it('says so in plain words and stops saving that run; the run goes on', async () => {
    let calls = 0;
    const problems: string[] = [];
    const recorder = new RunRecorder(
      { onProblem: (m) => problems.push(m) },
      {
        write: async () => {
          calls++;
          throw quotaError();
        },
      },
    );
    const round0 = full.events.findIndex((e) => e.type === 'resume-point' && e.point.round === 0);
    full.events.slice(0, round0 + 1).forEach((e) => recorder.record(e));
    await recorder.flush();
    expect(problems).toEqual([QUOTA_MESSAGE]);
    expect(QUOTA_MESSAGE).toBe('Browser storage is full: this run is no longer being saved. Delete saved runs to make room.');
    expect(recorder.isSaving(recorder.runId!)).toBe(false);
    full.events.slice(round0 + 1).forEach((e) => recorder.record(e));
    await recorder.flush();
    expect(calls).toBe(1);
  });

  it('the same from IndexedDB itself (a put refused for quota)', async () => {
    const store = globalThis.IDBObjectStore.prototype;
    const put = store.put;
    store.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'parts') throw quotaError();
      return put.apply(this, args);
    };
    try {
      const { recorder, problems } = recorderWithProblems();
      full.events.forEach((e) => recorder.record(e));
      await recorder.flush();
      expect(problems).toEqual([QUOTA_MESSAGE]);
    } finally {
      store.put = put;
    }
  });
});
