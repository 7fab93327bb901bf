// The engine's events posted as the worker posts them, with their buffers transferred (detached
// on the engine's side): the engine must never use an array after handing it over.
import { describe, expect, it } from 'vitest';
import { ExperimentRunner } from '../src/engine/runner';
import type { EngineEvent } from '../src/engine/events';
import { nodeFetchBytes } from '../src/node/fetch-bytes';
import { transferables } from '../src/worker/transferables';

async function runTransferring(config: Record<string, unknown>) {
  const received: EngineEvent[] = [];
  const runner = new ExperimentRunner({
    fetchBytes: nodeFetchBytes(),
    emit: (event) => received.push(structuredClone(event, { transfer: transferables(event) })),
  });
  const doc = await runner.run(config);
  return { doc, received };
}

describe('events posted with their buffers transferred', () => {
  it.each([
    ['rewinding to θ0', { rewind: 0 }],
    ['rewinding to θ_k, with another start rule and stability', { rewind: 10, start: 'reshuffle', stability: [1], compare: ['large_init'] }],
  ])('a run %s completes; every snapshot and resume point arrives whole', async (_name, extra) => {
    const { doc, received } = await runTransferring({ dataset: 'gauss', model: 'mlp-16-16', iters: 40, evalEvery: 20, batch: 32, backend: 'cpu', rounds: 2, seed: 2, ...extra });
    expect(doc.error).toBeUndefined();
    expect(doc.status).toBe('complete');
    const points = received.flatMap((e) => (e.type === 'resume-point' ? [e.point] : []));
    expect(points.map((p) => p.round)).toEqual([0, 1]);
    expect(points[1].seeds[0].tickets[0].final![0].length).toBeGreaterThan(0);
    const snapshots = received.flatMap((e) => (e.type === 'snapshot' ? [e] : []));
    expect(snapshots).toHaveLength(3);
    for (const s of snapshots) expect(s.layers.every((l) => l.final.length === l.mask.length)).toBe(true);
  });
});
