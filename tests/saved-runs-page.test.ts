// The page's side of saved runs (src/storage/saved-runs.ts): Run over saved results keeps them
// without asking and says so; once storage is full the page says so in plain words, and Run asks
// again (the results on screen are no longer saved); open and resume load a saved run into the store.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfig } from '../src/config/schema';
import { encodeConfig } from '../src/config/url';
import type { ResultsDocument } from '../src/engine/events';
import { answer, requestStart, useQuestion } from '../src/state/confirm';
import { EMPTY_RUN } from '../src/state/run-slice';
import { useLab } from '../src/state/store';
import { deleteAllRuns, listRuns } from '../src/storage/runs-db';
import { installSavedRuns, openSavedRun, prepareResume, QUOTA_MESSAGE, recorder, useSavedRuns } from '../src/storage/saved-runs';

const config = parseConfig({ ...DEFAULT_CONFIG, dataset: 'gauss', model: 'mlp-16-16', rounds: 2, iters: 40, rate: 0.5 }).config;
const document = (status: ResultsDocument['status']) =>
  ({ config, query: encodeConfig(config), status, rounds: [], extraSeeds: [], createdAt: '2026-11-26T00:00:00.000Z' }) as unknown as ResultsDocument;

installSavedRuns();

afterEach(async () => {
  useLab.setState({ ...EMPTY_RUN });
  useQuestion.setState({ question: null });
  useSavedRuns.setState({ problem: null, notice: null, interrupted: null });
  await deleteAllRuns();
});

describe('Run over finished results', () => {
  it('keeps saved results without asking; asks once they are no longer saved (storage full)', async () => {
    recorder.record({ type: 'started', document: document('running') });
    recorder.record({ type: 'done', document: document('complete') });
    await recorder.flush();
    const [meta] = await listRuns();
    expect(useLab.getState().savedRunId).toBe(meta.id);
    useLab.setState({ status: 'complete', document: document('complete') });

    let started = 0;
    requestStart('button', () => started++);
    expect(useQuestion.getState().question).toBeNull();
    expect(started).toBe(1);
    expect(useSavedRuns.getState().notice).toBe(`The results on screen stay in Saved runs as “${meta.name}”.`);

    // The next run meets a full storage: it goes on unsaved, the page says so, and Run asks again.
    const store = globalThis.IDBObjectStore.prototype;
    const put = store.put;
    store.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      recorder.record({ type: 'started', document: document('running') });
      await recorder.flush();
    } finally {
      store.put = put;
    }
    expect(useSavedRuns.getState().problem).toBe(QUOTA_MESSAGE);
    useLab.setState({ status: 'complete', document: document('complete') });
    requestStart('button', () => started++);
    expect(useQuestion.getState().question?.kind).toBe('replace');
    answer(true);
    expect(started).toBe(2);
  });
});

describe('open and resume', () => {
  it('open draws a saved run as this page’s (not an import); resume needs a resume point', async () => {
    recorder.record({ type: 'started', document: document('running') });
    await recorder.flush();
    const id = recorder.runId!;
    useLab.setState({ ...EMPTY_RUN, savedRunId: null });
    const opened = await openSavedRun(id);
    expect(opened?.meta.id).toBe(id);
    const s = useLab.getState();
    expect({ savedRunId: s.savedRunId, imported: s.imported, status: s.status }).toEqual({ savedRunId: id, imported: false, status: 'stopped' });
    expect(s.config).toEqual(config);
    // Saved as running and not running here, but no round finished: nothing to resume from.
    expect(useSavedRuns.getState().interrupted).toBeNull();
    expect(await prepareResume(id)).toBeNull();
    await expect(prepareResume(id, 'tpu')).rejects.toThrow(/No backend is called tpu/);
  });
});
