// The engine on the CPU backend (deterministic, bit-exact) with small models on 2-D data.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../src/engine/backend';
import { loadDataset } from '../src/engine/data';
import type { Arm, RoundSnapshotLayer, StartLayer } from '../src/engine/events';
import { applyMask, fullMasks, randomMaskLike, type Masks } from '../src/engine/masks';
import { countKept } from '../src/analysis/counts';
import { buildArchitecture, initWeights, zeroBiases } from '../src/engine/models';
import { ArmsNetwork } from '../src/engine/batched';
import { Rng } from '../src/engine/rng';
import { evaluateArms, makeOptimizer, toEvalSet, disposeEvalSet, trainStep } from '../src/engine/train';
import { runLottery, type Checkpoint } from '../src/engine/lottery';
import { RunControl } from '../src/engine/control';
import { parseConfig } from '../src/config/schema';
import { nodeFetchBytes } from '../src/node/fetch-bytes';
import { makeRunner, numTensors, runExperiment, withoutTimes } from './engine-helpers';

const small = { dataset: 'gauss', model: 'mlp-16-16', iters: 60, evalEvery: 20, batch: 32, backend: 'cpu' } as const;

describe('masked training', () => {
  it('keeps pruned weights exactly 0 through many optimizer steps', async () => {
    await selectBackend('cpu');
    const arch = buildArchitecture('mlp-32-16', [2], 2);
    const rng = new Rng(5);
    const theta = initWeights(arch, rng);
    const masks = randomMaskLike(
      arch.layers.map((l) => {
        const m = new Float32Array(l.shape[0] * l.shape[1]);
        m.fill(1, 0, Math.floor(m.length / 2));
        return m;
      }),
      rng,
    );
    for (const opt of ['adam', 'sgd', 'momentum'] as const) {
      const net = new ArmsNetwork(arch, 1);
      net.load([{ weights: theta.map((w, i) => applyMask(w, masks[i])), biases: zeroBiases(arch), masks }]);
      const optimizer = makeOptimizer(opt, 0.05);
      for (let step = 0; step < 300; step++) {
        const loss = tf.tidy(() => {
          const x = tf.randomNormal([1, 16, 2], 0, 1, 'float32', step) as tf.Tensor3D;
          const y = tf.oneHot(tf.tensor2d([Array.from({ length: 16 }, (_, i) => (i + step) % 2)], [1, 16], 'int32'), 2) as tf.Tensor3D;
          return trainStep(net, optimizer, x, y);
        });
        loss.dispose();
      }
      optimizer.dispose();
      const [{ weights }] = await net.read();
      let pruned = 0;
      let moved = 0;
      weights.forEach((w, l) =>
        w.forEach((v, i) => {
          if (!masks[l][i]) {
            expect(v).toBe(0);
            pruned++;
          } else if (v !== theta[l][i]) moved++;
        }),
      );
      expect(pruned).toBeGreaterThan(200);
      expect(moved).toBeGreaterThan(countKept(masks[0])); // survivors did train
      net.dispose();
    }
  });

  it('evaluates above chance after a little training', async () => {
    await selectBackend('cpu');
    const data = await loadDataset('gauss', { seed: 1, fetchBytes: nodeFetchBytes() });
    const arch = buildArchitecture('mlp-16', [2], 2);
    const net = new ArmsNetwork(arch, 1);
    net.load([{ weights: initWeights(arch, new Rng(1)), biases: zeroBiases(arch), masks: fullMasks(arch) }]);
    const test = toEvalSet(data.test, 2);
    const opt = makeOptimizer('adam', 0.01);
    for (let s = 0; s < 100; s++) {
      const idx = Array.from({ length: 50 }, (_, i) => (s * 50 + i) % data.train.n);
      tf.tidy(() => {
        const x = tf.tensor3d(idx.flatMap((j) => [data.train.x[2 * j], data.train.x[2 * j + 1]]), [1, 50, 2]);
        const y = tf.oneHot(tf.tensor2d([idx.map((j) => data.train.labels[j])], [1, 50], 'int32'), 2) as tf.Tensor3D;
        trainStep(net, opt, x, y);
      });
    }
    const [{ accuracy, loss }] = await evaluateArms(net, [test]);
    expect(accuracy).toBeGreaterThan(0.85);
    expect(loss).toBeLessThan(0.5);
    opt.dispose();
    disposeEvalSet(test);
    net.dispose();
  });
});

describe('lottery experiment', () => {
  it('captures θk once, rewinds every round to it, and prunes the last trained weights', async () => {
    const snapshots = new Map<number, RoundSnapshotLayer[]>();
    const starts: StartLayer[][] = [];
    const { doc, events } = await runExperiment({ ...small, rounds: 2, rewind: 20, rate: 0.5 }, (e) => {
      if (e.type === 'snapshot') snapshots.set(e.round, e.layers);
      if (e.type === 'start-weights') starts.push(e.layers);
    });
    expect(doc.status).toBe('complete');
    // θ0 and θk are sent once; θk is captured in round 0 and differs from θ0 and from the trained weights.
    expect(starts).toHaveLength(1);
    const s0 = snapshots.get(0)!;
    expect(starts[0][0].rewind).not.toEqual(starts[0][0].init);
    expect(starts[0][0].rewind).not.toEqual(s0[0].final);
    // Masks travel as bytes.
    expect(s0[0].mask).toBeInstanceOf(Uint8Array);
    // The mask of round 1 is the prune of round 0's trained weights.
    expect(snapshots.get(1)![0].mask).toEqual(s0[0].nextMask);
    expect(events.filter((e) => e.type === 'round')).toHaveLength(3);
  });

  it('starts survivors from θk bit-exactly; controls keep the mask or its sparsity', async () => {
    const starts: { round: number; arm: Arm; start: Checkpoint; masks: Masks }[] = [];
    await selectBackend('cpu');
    const data = await loadDataset('gauss', { seed: 3, fetchBytes: nodeFetchBytes() });
    const arch = buildArchitecture('mlp-16-16', [2], 2);
    const val = toEvalSet(data.val, 2);
    const test = toEvalSet(data.test, 2);
    const config = parseConfig({ ...small, rounds: 2, rewind: 10, seed: 3 }).config;
    const chain = { seed: 3, orderSeed: 9, data: { train: data.train, numClasses: 2, val, test } };
    const [rounds] = await runLottery(config, arch, [chain], new RunControl(), {
      onProgress: () => {},
      onCurve: () => {},
      onArm: () => {},
      onRound: () => {},
      onSnapshot: () => {},
      onStartWeights: () => {},
      onStart: (_seed, round, arm, start, masks) => starts.push({ round, arm, start, masks }),
    });
    disposeEvalSet(val);
    disposeEvalSet(test);

    expect(rounds.map((r) => r.round)).toEqual([0, 1, 2]);
    expect(rounds[0].reinit).toBeNull();
    expect(rounds[2].remaining).toBeLessThan(rounds[1].remaining);
    for (const r of rounds.slice(1)) {
      for (const arm of [r.ticket, r.reinit!, r.randomMask!]) {
        expect(arm.curve[0].iteration).toBe(0);
        expect(arm.curve.at(-1)!.iteration).toBe(config.iters);
        expect(arm.untrainedAccuracy).toBe(arm.curve[0].testAccuracy);
        expect(arm.earlyStopIteration).toBeGreaterThan(0);
      }
      expect(r.randomMask!.layers.map((l) => l.remaining)).toEqual(r.ticket.layers.map((l) => l.remaining));
    }

    const at = (round: number, arm: Arm) => starts.find((s) => s.round === round && s.arm === arm)!;
    const theta0 = at(0, 'ticket').start;
    const ticket1 = at(1, 'ticket');
    const ticket2 = at(2, 'ticket');
    // θk (k = 10) is not θ0, and rounds 1 and 2 both restart from it: survivors identical.
    let survivorsChecked = 0;
    ticket1.start.weights.forEach((w, l) =>
      w.forEach((v, i) => {
        if (ticket2.masks[l][i]) {
          expect(ticket2.start.weights[l][i]).toBe(v);
          survivorsChecked++;
        } else expect(ticket2.start.weights[l][i]).toBe(0);
      }),
    );
    expect(survivorsChecked).toBeGreaterThan(100);
    expect(ticket1.start.weights[0]).not.toEqual(applyMask(theta0.weights[0], ticket1.masks[0]));

    // Reinit: the ticket's mask, fresh weights.
    const reinit = at(1, 'reinit');
    expect(reinit.masks).toEqual(ticket1.masks);
    reinit.start.weights.forEach((w, l) => w.forEach((v, i) => { if (!ticket1.masks[l][i]) expect(v).toBe(0); }));
    expect(reinit.start.weights[0]).not.toEqual(ticket1.start.weights[0]);
    // Random mask: same per-layer counts, different positions, the ticket's own values.
    const random = at(1, 'randomMask');
    random.masks.forEach((m, l) => expect(countKept(m)).toBe(countKept(ticket1.masks[l])));
    expect(random.masks[0]).not.toEqual(ticket1.masks[0]);
  });

  it('gives bit-equal results for the same seed on the CPU backend, and others for another seed', async () => {
    const a = await runExperiment({ ...small, rounds: 1, seed: 42 });
    const b = await runExperiment({ ...small, rounds: 1, seed: 42 });
    const c = await runExperiment({ ...small, rounds: 1, seed: 43 });
    expect(a.doc.backend.name).toBe('cpu');
    expect(withoutTimes(a.doc.rounds)).toEqual(withoutTimes(b.doc.rounds));
    expect(withoutTimes(a.doc.rounds)).not.toEqual(withoutTimes(c.doc.rounds));
  });

  it('repeats with further seeds, each the same as a run of that seed alone, all streaming', async () => {
    const progress: number[] = [];
    const curves = new Set<number>();
    const snapshots = new Set<number>();
    const both = await runExperiment({ ...small, rounds: 1, seed: 5, seeds: 2 }, (e) => {
      if (e.type === 'progress') progress.push(e.progress.arms);
      if (e.type === 'curve') curves.add(e.seedIndex);
      if (e.type === 'snapshot') snapshots.add(e.seedIndex);
    });
    const alone = await runExperiment({ ...small, rounds: 1, seed: 6 });
    expect(both.doc.extraSeeds).toHaveLength(1);
    expect(both.doc.extraSeeds[0].seed).toBe(6);
    expect(withoutTimes(both.doc.extraSeeds[0].rounds)).toEqual(withoutTimes(alone.doc.rounds));
    expect(withoutTimes(both.doc.rounds)).not.toEqual(withoutTimes(alone.doc.rounds));
    // Both seeds train together: 2 tickets in round 0, then 2 x (ticket + 2 controls).
    expect(new Set(progress)).toEqual(new Set([2, 6]));
    expect(curves).toEqual(new Set([0, 1]));
    expect(snapshots).toEqual(new Set([0, 1]));
  });

  it('does not leak tensors across rounds, and frees everything at the end', async () => {
    const before = numTensors();
    const perRound: number[] = [];
    const { doc } = await runExperiment({ ...small, iters: 20, evalEvery: 10, rounds: 5 }, (e) => {
      if (e.type === 'round') perRound.push(numTensors());
    });
    expect(doc.rounds).toHaveLength(6);
    expect(perRound[1]).toBe(perRound[5]);
    expect(numTensors()).toBe(before);
  });

  it('steps one round: finishes the round in progress, then pauses', async () => {
    let roundsAtPause = -1;
    let rounds = 0;
    const { runner } = makeRunner((e) => {
      if (e.type === 'round') rounds++;
      if (e.type === 'paused') roundsAtPause = rounds;
    });
    const done = runner.run({ ...small, iters: 40, rounds: 3 });
    runner.pauseAfterRound();
    while (roundsAtPause < 0) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    expect(roundsAtPause).toBe(1);
    expect(rounds).toBe(1); // nothing more while paused
    runner.pauseAfterRound(); // the next step: round 1
    while (rounds < 2) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    expect(rounds).toBe(2);
    runner.resume();
    const doc = await done;
    expect(doc.status).toBe('complete');
    expect(doc.rounds).toHaveLength(4);
  });

  it('pauses, resumes and stops, freeing its tensors', async () => {
    const before = numTensors();
    let progressWhilePaused = 0;
    let paused = false;
    const { runner } = makeRunner((e) => {
      if (e.type === 'progress' && paused) progressWhilePaused++;
    });
    const done = runner.run({ ...small, iters: 5000, rounds: 3 });
    await new Promise((r) => setTimeout(r, 300));
    runner.pause();
    await new Promise((r) => setTimeout(r, 100)); // let the current step reach its checkpoint
    paused = true;
    await new Promise((r) => setTimeout(r, 400));
    paused = false;
    expect(progressWhilePaused).toBe(0);
    runner.resume();
    await new Promise((r) => setTimeout(r, 200));
    runner.stop();
    const doc = await done;
    expect(doc.status).toBe('stopped');
    expect(numTensors()).toBe(before);
    expect(runner.running).toBe(false);
  });
});

describe('convolutional networks', () => {
  it('Conv-2 trains on MNIST and prunes convs at their own rate', async () => {
    const { doc } = await runExperiment({ dataset: 'mnist', model: 'conv2', rounds: 1, iters: 4, evalEvery: 4, evalSize: 100, batch: 8, rate: 0.2, convRate: 0.1, controls: [], backend: 'wasm' });
    expect(doc.error).toBeUndefined();
    expect(doc.status).toBe('complete');
    expect(doc.model.layers.map((l) => l.shape)).toEqual([[3, 3, 1, 64], [3, 3, 64, 64], [12544, 256], [256, 256], [256, 10]]);
    const layers = doc.rounds[1].ticket.layers;
    const kept = layers.map((l) => l.remaining / l.total);
    expect(kept[0]).toBeCloseTo(0.9, 2);
    expect(kept[1]).toBeCloseTo(0.9, 3);
    expect(kept[2]).toBeCloseTo(0.8, 3);
    expect(kept[4]).toBeCloseTo(0.9, 2);
    expect(doc.rounds[1].ticket.testAccuracy).toBeGreaterThan(0);
  });
});
