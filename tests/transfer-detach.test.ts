// The worker transfers (detaches) the buffers of snapshots, start weights and resume points as it
// posts them (src/worker/engine.worker.ts). The engine must not use any of them afterwards: here
// every event is transferred the same way, in-process, and the run must end as one whose events
// were never touched.
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../src/engine/events';
import { resumePointBuffers } from '../src/engine/resume';
import { runExperiment, withoutTimes } from './engine-helpers';

const CONFIG = { dataset: 'gauss', model: 'mlp-16-16', iters: 40, evalEvery: 20, batch: 32, backend: 'cpu', rounds: 3, rate: 0.5, seed: 3 } as const;

// As the worker's transfer list.
function transferred(event: EngineEvent): ArrayBuffer[] {
  if (event.type === 'snapshot') return event.layers.flatMap((l) => [l.final.buffer, l.mask.buffer, ...(l.nextMask ? [l.nextMask.buffer] : [])]) as ArrayBuffer[];
  if (event.type === 'resume-point') return resumePointBuffers(event.point);
  if (event.type === 'start-weights') return [...new Set(event.layers.flatMap((l) => [l.init.buffer, l.rewind.buffer]))] as ArrayBuffer[];
  return [];
}

describe('events posted with their buffers transferred', () => {
  it('the run completes with the same numbers', async () => {
    const plain = await runExperiment(CONFIG);
    const posted = await runExperiment(CONFIG, (e) => {
      const buffers = [...new Set(transferred(e))];
      if (buffers.length) structuredClone(e, { transfer: buffers });
    });
    expect(posted.doc.error).toBeUndefined();
    expect(posted.doc.status).toBe('complete');
    expect(withoutTimes(posted.doc.rounds)).toEqual(withoutTimes(plain.doc.rounds));
  }, 60_000);
});
