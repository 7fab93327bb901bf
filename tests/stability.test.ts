// Stability (stability=…), the rewind sweep (rewinds=…) and transfer across optimizers
// (transferOpt=…): the measures on hand-made networks, and the engine's arms against runs alone.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { checkResults } from '../src/config/results-schema';
import { plannedRuns, type ExperimentConfig } from '../src/config/schema';
import { decodeConfig, encodeConfig } from '../src/config/url';
import { selectBackend } from '../src/engine/backend';
import { ArmsNetwork } from '../src/engine/batched';
import { loadDataset } from '../src/engine/data';
import { armResultOf, rewindArm, type ResultsDocument } from '../src/engine/events';
import { fullMasks } from '../src/engine/masks';
import { buildArchitecture, initWeights, zeroBiases } from '../src/engine/models';
import { Rng } from '../src/engine/rng';
import { instabilityOf, interpolate, measureStability, pathAlphas, relativeDistance } from '../src/engine/stability';
import { batchTensors, disposeEvalSet, makeOptimizer, toEvalSet, trainStep } from '../src/engine/train';
import { nodeFetchBytes } from '../src/node/fetch-bytes';
import { numTensors, runExperiment, withoutTimes } from './engine-helpers';

const small: Partial<ExperimentConfig> = { dataset: 'gauss', model: 'mlp-16-16', iters: 60, evalEvery: 20, batch: 32, backend: 'cpu', rounds: 2, rate: 0.5, seed: 4, controls: ['reinit', 'random'] };

/** A document's rounds without the stability measures and times: what the arms trained to. */
const trainedPart = (doc: ResultsDocument) => withoutTimes(JSON.parse(JSON.stringify(doc.rounds, (k, v) => (k === 'stability' ? undefined : v))));

describe('the stability measures', () => {
  const arch = buildArchitecture('mlp-16-16', [2], 2);
  const net = (seed: number) => ({ weights: initWeights(arch, new Rng(seed)), biases: zeroBiases(arch).map((b) => b.map(() => 0.1 * seed)) });

  it('distance is 0 for identical weights, relative to the first network’s norm otherwise', () => {
    const a = net(1);
    expect(relativeDistance(a.weights, a.weights.map((w) => w.slice()))).toBe(0);
    const doubled = a.weights.map((w) => w.map((x) => 2 * x));
    expect(relativeDistance(a.weights, doubled)).toBeCloseTo(1, 6);
  });

  it('interpolation gives each endpoint exactly and the midpoint between', () => {
    const [a, b] = [net(1), net(2)];
    expect(interpolate(a, b, 0)).toEqual(a);
    expect(interpolate(a, b, 1)).toEqual(b);
    const mid = interpolate(a, b, 0.5);
    expect(mid.weights[1][3]).toBeCloseTo((a.weights[1][3] + b.weights[1][3]) / 2, 6);
    expect(pathAlphas()).toHaveLength(11);
    expect(instabilityOf([0.9, 0.5, 0.7])).toBeCloseTo(0.3, 9);
  });

  it('a network’s path with itself is flat; the endpoints are the networks’ own accuracies', async () => {
    await selectBackend('cpu');
    const data = await loadDataset('gauss', { seed: 4, fetchBytes: nodeFetchBytes() });
    const test = toEvalSet(data.test, 2);
    const before = numTensors();
    const [a, b] = [net(1), net(2)];
    const [self, pair] = await measureStability(arch, [
      { a, b: a, test },
      { a, b, test },
    ]);
    expect(new Set(self.path).size).toBe(1);
    expect(self.instability).toBe(0);
    expect(self.distance).toBe(0);
    // The endpoints, evaluated as networks of their own.
    const alone = new ArmsNetwork(arch, 2);
    alone.load([a, b].map((w) => ({ ...w, masks: fullMasks(arch) })));
    const { evaluateArms } = await import('../src/engine/train');
    const own = await evaluateArms(alone, [test, test]);
    alone.dispose();
    expect(pair.path[0]).toBe(own[0].accuracy);
    expect(pair.path[10]).toBe(own[1].accuracy);
    expect(pair.distance).toBeGreaterThan(0);
    expect(numTensors()).toBe(before);
    disposeEvalSet(test);
  });
});

describe('stability=… in the engine', () => {
  it('every arm of a measured round carries distance, path and instability; the arms train as without it (CPU)', async () => {
    const measured = await runExperiment({ ...small, stability: [0, 2] });
    const plain = await runExperiment(small);
    expect(measured.doc.status).toBe('complete');
    expect(trainedPart(measured.doc)).toEqual(trainedPart(plain.doc));
    const [r0, r1, r2] = measured.doc.rounds;
    expect(r1.ticket.stability).toBeUndefined();
    for (const arm of [r0.ticket, r2.ticket, r2.reinit!, r2.randomMask!]) {
      const s = arm.stability!;
      expect(s.path).toHaveLength(11);
      // The first endpoint is the arm itself; the copy trained on another data order ended elsewhere.
      expect(s.path[0]).toBe(arm.testAccuracy);
      expect(s.distance).toBeGreaterThan(0);
      expect(s.instability).toBeCloseTo((s.path[0] + s.path[10]) / 2 - Math.min(...s.path), 12);
    }
    expect(checkResults(JSON.parse(JSON.stringify(measured.doc))).ok).toBe(true);
    // Progress counted the copies: 1 + 1 in round 0, 3 in round 1, 3 + 3 in round 2.
    expect(plannedRuns(measured.doc.config)).toBe(11);
  });

  it('leaves no tensors behind', async () => {
    await runExperiment({ ...small, rounds: 1, stability: 'all' });
    const before = numTensors();
    await runExperiment({ ...small, rounds: 1, stability: 'all' });
    expect(numTensors()).toBe(before);
  });

  it('reads stability from a link: all, rounds or none, and reports bad values', () => {
    expect(decodeConfig('stability=all').config.stability).toBe('all');
    expect(decodeConfig('stability=5,2,2&rounds=7').config.stability).toEqual([2, 5]);
    expect(decodeConfig('stability=none').config.stability).toEqual([]);
    const bad = decodeConfig('stability=abc');
    expect(bad.config.stability).toEqual([]);
    expect(bad.issues[0].message).toMatch(/round numbers/);
    const late = decodeConfig('stability=3,9&rounds=5');
    expect(late.config.stability).toEqual([3]);
    expect(late.issues[0].message).toMatch(/past round 5/);
    const round = decodeConfig(encodeConfig(decodeConfig('stability=1,3').config));
    expect(round.config.stability).toEqual([1, 3]);
    expect(round.issues).toEqual([]);
  });
});

describe('rewinds=… (one chain per rewind iteration)', () => {
  it('capturing several θ_k in one dense run equals capturing each alone: each chain equals a run with that rewind (CPU)', async () => {
    const sweep = await runExperiment({ ...small, controls: [], rewind: 10, rewinds: [0, 30] });
    expect(sweep.doc.status).toBe('complete');
    for (const k of [0, 10, 30]) {
      const alone = await runExperiment({ ...small, controls: [], rewind: k });
      const arm = k === 10 ? 'ticket' : rewindArm(k);
      expect(withoutTimes(sweep.doc.rounds.map((r) => armResultOf(r, arm)))).toEqual(withoutTimes(alone.doc.rounds.map((r) => r.ticket)));
    }
    expect(Object.keys(sweep.doc.rounds[1].rewinds!)).toEqual(['0', '30']);
    expect(checkResults(JSON.parse(JSON.stringify(sweep.doc))).ok).toBe(true);
  });

  it('drops rewinds past the training and the ticket’s own rewind, with a message', () => {
    const { config, issues } = decodeConfig('iters=100&rewind=10&rewinds=0,10,50,500');
    expect(config.rewinds).toEqual([0, 50]);
    expect(issues.map((i) => i.message).join(' ')).toMatch(/500 past the 100.*own rewind=10/);
    expect(decodeConfig('rewinds=1,2,3,4,5,6,7').issues[0].message).toMatch(/at most 6/);
  });
});

describe('transferOpt=… (a ticket trained with another optimizer)', () => {
  it('the target’s own chain equals a plain run with that optimizer; the transferred arm starts as the ticket (CPU)', async () => {
    const both = await runExperiment({ ...small, controls: [], transferOpt: 'momentum', transferLr: 0.05 });
    const plain = await runExperiment({ ...small, controls: [], opt: 'momentum', lr: 0.05 });
    expect(both.doc.status).toBe('complete');
    expect(withoutTimes(both.doc.rounds.map((r) => r.targetTicket))).toEqual(withoutTimes(plain.doc.rounds.map((r) => r.ticket)));
    // Same data, same mask and start as the ticket: only the optimizer differs.
    for (const r of both.doc.rounds.slice(1)) {
      expect(r.transfer!.untrainedAccuracy).toBe(r.ticket.untrainedAccuracy);
      expect(r.transfer!.testAccuracy).not.toBe(r.ticket.testAccuracy);
    }
  });

  it('two optimizers in one stacked network: each arm trains as it would alone', async () => {
    await selectBackend('cpu');
    const arch = buildArchitecture('mlp-16-16', [2], 2);
    const starts = [1, 2].map((s) => ({ weights: initWeights(arch, new Rng(s)), biases: zeroBiases(arch), masks: fullMasks(arch) }));
    const rng = new Rng(3);
    const x = Float32Array.from({ length: 2 * 8 * 2 }, () => rng.next());
    const y = Int32Array.from({ length: 2 * 8 }, () => rng.int(2));
    const run = async (arms: number[], names: ('adam' | 'sgd')[]) => {
      const net = new ArmsNetwork(arch, arms.length, 'stacked');
      net.load(arms.map((a) => starts[a]));
      const groups = names.map((n, i) => ({ optimizer: makeOptimizer(n, 0.05), arms: [i] }));
      for (let step = 0; step < 5; step++)
        tf.dispose(
          tf.tidy(() => {
            const pick = (a: number) => ({ x: x.slice(a * 16, a * 16 + 16), y: y.slice(a * 8, a * 8 + 8) });
            const parts = arms.map(pick);
            const b = batchTensors(Float32Array.from(parts.flatMap((p) => [...p.x])), Int32Array.from(parts.flatMap((p) => [...p.y])), arms.length, 2, 2);
            return trainStep(net, groups, b.x, b.y);
          }),
        );
      const out = await net.read();
      groups.forEach((g) => g.optimizer.dispose());
      net.dispose();
      return out;
    };
    const together = await run([0, 1], ['adam', 'sgd']);
    const [adamAlone] = await run([0], ['adam']);
    const [sgdAlone] = await run([1], ['sgd']);
    together[0].weights.forEach((w, l) => w.forEach((v, i) => expect(v).toBeCloseTo(adamAlone.weights[l][i], 6)));
    together[1].weights.forEach((w, l) => w.forEach((v, i) => expect(v).toBeCloseTo(sgdAlone.weights[l][i], 6)));
    expect(together[1].weights[0]).not.toEqual(starts[1].weights[0]);
  });

  it('refuses the ticket’s own optimizer at its own learning rate', () => {
    const { config, issues } = decodeConfig('opt=adam&lr=0.0012&transferOpt=adam&transferLr=0.0012');
    expect(config.transferOpt).toBe('none');
    expect(issues[0].message).toMatch(/own optimizer/);
  });
});

describe('the results check reads stability and rewinds for meaning', () => {
  it('refuses a path that disagrees with its arm, a barrier that is not the path’s, and an unasked rewind', async () => {
    const { doc } = await runExperiment({ ...small, rounds: 1, controls: [], stability: 'all', rewinds: [20] });
    const fresh = () => JSON.parse(JSON.stringify(doc));
    expect(checkResults(fresh()).ok).toBe(true);
    const bad = [
      (d: ResultsDocument) => (d.rounds[1].ticket.stability!.path[0] = 0.123),
      (d: ResultsDocument) => (d.rounds[1].ticket.stability!.instability += 0.05),
      (d: ResultsDocument) => d.rounds[1].ticket.stability!.path.pop(),
      (d: ResultsDocument) => (d.rounds[1].rewinds!['40'] = d.rounds[1].rewinds!['20']),
    ];
    for (const spoil of bad) {
      const d = fresh();
      spoil(d);
      const check = checkResults(d);
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.errors[0]).toMatch(/stability|rewinds/);
    }
  });
});

describe('the CSV export', () => {
  it('has a column group for every swept rewind and transfer arm, and the stability measures when measured', async () => {
    const { roundsCsv } = await import('../src/state/export');
    const { doc } = await runExperiment({ ...small, rounds: 1, controls: [], stability: [1], rewinds: [20], transferOpt: 'sgd', transferLr: 0.05 });
    const [header, r0, r1] = roundsCsv(doc).trim().split('\n').map((l) => l.split(','));
    for (const col of ['rewind:20.testAccuracy', 'transfer.testAccuracy', 'targetTicket.untrainedAccuracy', 'ticket.instability', 'rewind:20.distance']) expect(header).toContain(col);
    const at = (row: string[], col: string) => row[header.indexOf(col)];
    expect(Number(at(r1, 'ticket.instability'))).toBe(doc.rounds[1].ticket.stability!.instability);
    expect(Number(at(r1, 'rewind:20.testAccuracy'))).toBe(doc.rounds[1].rewinds!['20'].testAccuracy);
    expect(at(r0, 'ticket.instability')).toBe('');
  });
});
