// A run stopped after any round and resumed from its resume point gives the same numbers as one
// that never stopped (CPU backend: bit-equal), for every kind of arm the engine trains.
import { describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../src/config/schema';
import type { EngineEvent, ResultsDocument } from '../src/engine/events';
import { resumePointBytes, type ResumePoint } from '../src/engine/resume';
import { makeRunner, numTensors, runExperiment, withoutTimes } from './engine-helpers';

const base: Partial<ExperimentConfig> = { dataset: 'gauss', model: 'mlp-16-16', iters: 40, evalEvery: 20, batch: 32, backend: 'cpu', rounds: 3, rate: 0.5, seed: 5 };

const pointsOf = (events: EngineEvent[]) => events.flatMap((e) => (e.type === 'resume-point' ? [e.point] : []));

/** The document as a page would have saved it after round `round` (its later rounds not yet there). */
function savedAfter(doc: ResultsDocument, round: number): ResultsDocument {
  return structuredClone({ ...doc, status: 'running', rounds: doc.rounds.filter((r) => r.round <= round), extraSeeds: doc.extraSeeds.map((s) => ({ ...s, rounds: s.rounds.filter((r) => r.round <= round) })) });
}

async function resumeAt(doc: ResultsDocument, point: ResumePoint) {
  const { runner, events } = makeRunner();
  // structuredClone: what IndexedDB or a worker message would hand back.
  const resumed = await runner.run({}, { document: savedAfter(doc, point.round), point: structuredClone(point) });
  return { resumed, events };
}

describe('resume', () => {
  it('sends a resume point after every round but the last, and a resumed run equals the uninterrupted one', async () => {
    const config: Partial<ExperimentConfig> = { ...base, controls: ['reinit', 'random'], compare: ['large_init'], rewinds: [20], rewind: 10, seeds: 2, stability: [2] };
    const { doc, events } = await runExperiment(config);
    expect(doc.status).toBe('complete');
    const points = pointsOf(events);
    expect(points.map((p) => p.round)).toEqual([0, 1, 2]);
    // Two seeds; the ticket, the compared criterion and the swept rewind each keep a chain; θ_10 and θ_20 are kept.
    expect(points[1].seeds).toHaveLength(2);
    expect(points[1].seeds[0].tickets).toHaveLength(3);
    expect(points[1].seeds[0].thetaKs.map((t) => t.k).sort()).toEqual([10, 20]);
    expect(resumePointBytes(points[1])).toBeGreaterThan(0);

    const before = numTensors();
    for (const point of [points[0], points[2]]) {
      const { resumed, events: resumedEvents } = await resumeAt(doc, point);
      expect(resumed.status).toBe('complete');
      expect(withoutTimes(resumed.rounds)).toEqual(withoutTimes(doc.rounds));
      expect(withoutTimes(resumed.extraSeeds)).toEqual(withoutTimes(doc.extraSeeds));
      // Only the rounds after the point are trained again.
      const trained = resumedEvents.flatMap((e) => (e.type === 'round' && e.seedIndex === 0 ? [e.result.round] : []));
      expect(trained).toEqual([...Array(3 - point.round).keys()].map((i) => point.round + 1 + i));
      // Its own resume points are the uninterrupted run's.
      expect(pointsOf(resumedEvents)).toEqual(points.slice(point.round + 1));
    }
    expect(numTensors()).toBe(before);
  });

  it('resumes the transfer chains (another dataset and optimizer) exactly', async () => {
    const config: Partial<ExperimentConfig> = { ...base, controls: [], transfer: 'circles', transferOpt: 'momentum', transferLr: 0.05, rounds: 2 };
    const { doc, events } = await runExperiment(config);
    const [point] = pointsOf(events);
    expect(point.seeds[0].target).not.toBeNull();
    const { resumed } = await resumeAt(doc, point);
    expect(withoutTimes(resumed.rounds)).toEqual(withoutTimes(doc.rounds));
  });

  it('refuses a resume point that does not fit the saved document', async () => {
    const { doc, events } = await runExperiment({ ...base, rounds: 2, controls: [] });
    const [point] = pointsOf(events);
    const { runner } = makeRunner();
    const tooFew = { ...savedAfter(doc, point.round), rounds: [] };
    await expect(runner.run({}, { document: tooFew, point })).rejects.toThrow(/0 finished rounds up to round 0/);
    // The runner is free for the next run.
    expect(runner.running).toBe(false);
  });
});
