// What kept weights start from and what pruned weights become (Zhou et al. 2019), as pure rules
// and inside training and the lottery.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/schema';
import { selectBackend } from '../src/engine/backend';
import { ArmsNetwork } from '../src/engine/batched';
import type { Checkpoint } from '../src/engine/arms';
import { RunControl } from '../src/engine/control';
import { loadDataset } from '../src/engine/data';
import { runLottery } from '../src/engine/lottery';
import type { Masks } from '../src/engine/masks';
import { buildArchitecture, initStd, zeroBiases } from '../src/engine/models';
import { Rng } from '../src/engine/rng';
import { keptStart, layerStart, prunedValues, STARTS, type LayerStart } from '../src/engine/starts';
import { disposeEvalSet, makeOptimizer, toEvalSet, trainStep } from '../src/engine/train';
import { nodeFetchBytes } from '../src/node/fetch-bytes';
import { numTensors } from './engine-helpers';

const N = 2000;
const rng = new Rng(1);
const wi = Float32Array.from({ length: N }, () => rng.normal() * 0.1);
const mask = Float32Array.from({ length: N }, () => (rng.next() < 0.4 ? 1 : 0));
const keptIdx = [...mask.keys()].filter((i) => mask[i]);
const prunedIdx = [...mask.keys()].filter((i) => !mask[i]);
const layer = (seed = 2): LayerStart => ({
  rewind: wi,
  fresh: () => {
    const r = new Rng(seed);
    return Float32Array.from({ length: N }, () => r.normal() * 0.1);
  },
  std: 0.1,
  rng: new Rng(seed + 100),
});
const sorted = (a: number[]) => [...a].sort((p, q) => p - q);

describe('what kept weights start from', () => {
  it('each start keeps what it promises, and pruned entries are 0', () => {
    for (const name of STARTS) {
      const out = keptStart(name, layer(), mask);
      for (const i of prunedIdx) expect(out[i]).toBe(0);
      const k = keptIdx.map((i) => out[i]);
      if (name === 'rewind') expect(k).toEqual(keptIdx.map((i) => wi[i]));
      // Signs kept where promised.
      if (name === 'reinit_sign' || name === 'reshuffle_sign' || name === 'constant_sign')
        keptIdx.forEach((i) => expect(Math.sign(out[i])).toBe(Math.sign(wi[i])));
      if (name === 'reinit') {
        const fresh = layer().fresh();
        expect(k).toEqual(keptIdx.map((i) => fresh[i]));
      }
      if (name === 'reinit_sign') {
        const fresh = layer().fresh();
        keptIdx.forEach((i) => expect(Math.abs(out[i])).toBe(Math.abs(fresh[i])));
      }
      // Reshuffles keep the layer's multiset of kept values (magnitudes), at other positions.
      if (name === 'reshuffle') {
        expect(sorted(k)).toEqual(sorted(keptIdx.map((i) => wi[i])));
        expect(k.filter((v, j) => v === wi[keptIdx[j]]).length).toBeLessThan(keptIdx.length / 10);
      }
      if (name === 'reshuffle_sign') expect(sorted(k.map(Math.abs))).toEqual(sorted(keptIdx.map((i) => Math.abs(wi[i]))));
      // constant_sign: magnitudes equal the layer's init standard deviation.
      if (name === 'constant_sign') keptIdx.forEach((i) => expect(Math.abs(out[i])).toBeCloseTo(0.1, 7));
    }
    // The reshuffle is seeded: the same generator gives the same permutation.
    expect(keptStart('reshuffle', layer(5), mask)).toEqual(keptStart('reshuffle', layer(5), mask));
    expect(keptStart('reshuffle', layer(5), mask)).not.toEqual(keptStart('reshuffle', layer(6), mask));
  });

  it('the init standard deviation is Glorot’s', () => {
    const arch = buildArchitecture('lenet300', [784], 10);
    expect(initStd(arch.layers[0])).toBeCloseTo(Math.sqrt(2 / (784 + 300)), 10);
  });
});

describe('what pruned weights become', () => {
  const final = Float32Array.from(wi, (v, i) => (i % 3 === 0 ? v * 0.5 : i % 3 === 1 ? v * 2 : -v));
  it('zero, frozen at the rewind value, or toward_zero weight by weight', () => {
    const zero = prunedValues('zero', wi, final, mask);
    const init = prunedValues('init', wi, final, mask);
    const toward = prunedValues('toward_zero', wi, final, mask);
    for (const i of keptIdx) expect([zero[i], init[i], toward[i]]).toEqual([0, 0, 0]);
    for (const i of prunedIdx) {
      expect(zero[i]).toBe(0);
      expect(init[i]).toBe(wi[i]);
      // Shrank in training (|w_f| < |w_i|) -> 0; grew or kept its size (even with a flipped sign) -> frozen at w_i.
      expect(toward[i]).toBe(i % 3 === 0 ? 0 : wi[i]);
    }
    // Without a trained value yet, nothing has shrunk.
    expect(prunedValues('toward_zero', wi, null, mask)).toEqual(init);
    const both = layerStart('constant_sign', 'init', layer(), final, mask);
    keptIdx.forEach((i) => expect(Math.abs(both[i])).toBeCloseTo(0.1, 7));
    prunedIdx.forEach((i) => expect(both[i]).toBe(wi[i]));
  });

  it('frozen pruned weights take part in the forward pass and never change over 300 steps (CPU)', async () => {
    await selectBackend('cpu');
    const before = numTensors();
    const arch = buildArchitecture('mlp-16-16', [4], 3);
    const r = new Rng(9);
    const masks: Masks = arch.layers.map((l) => Float32Array.from({ length: l.shape[0] * l.shape[1] }, () => (r.next() < 0.5 ? 1 : 0)));
    const frozen: Checkpoint = { weights: arch.layers.map((l) => Float32Array.from({ length: l.shape[0] * l.shape[1] }, () => r.normal() * 0.5)), biases: zeroBiases(arch) };
    const zeroed: Checkpoint = { weights: frozen.weights.map((w, l) => w.map((v, i) => (masks[l][i] ? v : 0))), biases: zeroBiases(arch) };
    for (const layout of ['perArm', 'perArmOutIn', 'stacked'] as const) {
      const net = new ArmsNetwork(arch, 2, layout);
      net.load([
        { ...frozen, masks },
        { ...zeroed, masks },
      ]);
      const inputs = Float32Array.from({ length: 8 * 4 }, () => r.normal());
      const x = tf.tensor3d([...inputs, ...inputs], [2, 8, 4]);
      // The same inputs give other logits with the frozen values than with zeros: they are used.
      const xSame = tf.clone(x);
      const logits = tf.tidy(() => net.logits(xSame));
      const rows = tf.unstack(logits);
      const [a, b] = rows.map((t) => Array.from(t.dataSync()));
      tf.dispose(rows);
      expect(a).not.toEqual(b);
      tf.dispose([logits, xSame]);
      const y = tf.tidy(() => tf.reshape(tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 0, 1, 2, 0, 1, 2, 0, 1], 'int32'), 3), [2, 8, 3]) as tf.Tensor3D);
      const opt = makeOptimizer('adam', 0.01);
      for (let s = 0; s < 300; s++) tf.dispose(tf.tidy(() => trainStep(net, opt, x, y)));
      opt.dispose();
      const [after] = await net.read([0]);
      let moved = 0;
      after.weights.forEach((w, l) =>
        w.forEach((v, i) => {
          if (!masks[l][i]) expect(v).toBe(frozen.weights[l][i]);
          else if (v !== frozen.weights[l][i]) moved++;
        }),
      );
      expect(moved).toBeGreaterThan(100);
      tf.dispose([x, y]);
      net.dispose();
    }
    expect(numTensors()).toBe(before);
  });
});

describe('starts and pruned weights in the lottery', () => {
  it('pruned=toward_zero with constant_sign: each round starts as the rules say (CPU)', async () => {
    await selectBackend('cpu');
    const data = await loadDataset('gauss', { seed: 3, fetchBytes: nodeFetchBytes() });
    const arch = buildArchitecture('mlp-16-16', [2], 2);
    const val = toEvalSet(data.val, 2);
    const test = toEvalSet(data.test, 2);
    const config = parseConfig({ dataset: 'gauss', model: 'mlp-16-16', rounds: 2, iters: 60, evalEvery: 30, rate: 0.5, controls: [], start: 'constant_sign', pruned: 'toward_zero', seed: 3 }).config;
    const chain = { seed: 3, orderSeed: 9, data: { train: data.train, numClasses: 2, val, test } };
    const starts: { round: number; start: Checkpoint; masks: Masks }[] = [];
    const finals: Float32Array[][] = [];
    await runLottery(config, arch, [chain], new RunControl(), {
      onProgress: () => {},
      onCurve: () => {},
      onArm: () => {},
      onRound: () => {},
      onSnapshot: (_s, _round, layers) => finals.push(layers.map((l) => l.final)),
      onStartWeights: () => {},
      onStart: (_seed, round, arm, start, masks) => arm === 'ticket' && starts.push({ round, start, masks }),
    });
    disposeEvalSet(val);
    disposeEvalSet(test);
    const theta0 = starts[0].start.weights;
    let zeros = 0;
    let frozen = 0;
    for (const round of [1, 2]) {
      const { start, masks } = starts[round];
      start.weights.forEach((w, l) =>
        w.forEach((v, i) => {
          if (masks[l][i]) {
            expect(Math.abs(v)).toBeCloseTo(initStd(arch.layers[l]), 6);
            expect(Math.sign(v)).toBe(Math.sign(theta0[l][i]));
            return;
          }
          // A pruned weight: 0 if it shrank in the last round's training, else frozen at θ0.
          const shrank = Math.abs(finals[round - 1][l][i]) < Math.abs(theta0[l][i]);
          expect(v).toBe(shrank ? 0 : theta0[l][i]);
          if (shrank) zeros++;
          else frozen++;
        }),
      );
    }
    expect(zeros).toBeGreaterThan(10);
    expect(frozen).toBeGreaterThan(10);
  });
});
