// Training a round's arms together equals training each alone (CPU backend, both layouts).
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../src/engine/backend';
import { ArmsNetwork, type ArmWeights, type Layout } from '../src/engine/batched';
import { randomMaskLike, applyMask, type Masks } from '../src/engine/masks';
import { buildArchitecture, initWeights, layerSize, zeroBiases, type Architecture } from '../src/engine/models';
import { Rng } from '../src/engine/rng';
import { evaluateArms, makeOptimizer, toEvalSet, disposeEvalSet, trainStep, type OptimizerName } from '../src/engine/train';
import { numTensors } from './engine-helpers';

// A conv net small enough for 100 CPU steps: Conv-2's shape on 6x6 inputs with 3 channels.
const tinyConv: Architecture = {
  name: 'tiny-conv',
  inputShape: [6, 6, 1],
  numClasses: 3,
  layers: [
    { name: 'conv1', kind: 'conv', shape: [3, 3, 1, 3], fanIn: 9, fanOut: 27, isOutput: false, macs: 6 * 6 * 9 * 3 },
    { name: 'conv2', kind: 'conv', shape: [3, 3, 3, 3], fanIn: 27, fanOut: 27, isOutput: false, poolAfter: true, macs: 6 * 6 * 9 * 9 },
    { name: 'fc1', kind: 'dense', shape: [27, 12], fanIn: 27, fanOut: 12, isOutput: false, macs: 27 * 12 },
    { name: 'fc2', kind: 'dense', shape: [12, 3], fanIn: 12, fanOut: 3, isOutput: true, macs: 36 },
  ],
};
const mlp = buildArchitecture('mlp-24-16', [6], 3);

const ARMS = 3;
const BATCH = 6;

/** Each arm its own init and its own half-density mask, as a round's ticket and controls have. */
function armStarts(arch: Architecture): (ArmWeights & { masks: Masks })[] {
  return Array.from({ length: ARMS }, (_, a) => {
    const rng = new Rng(100 + a);
    const half = arch.layers.map((l) => {
      const m = new Float32Array(layerSize(l));
      m.fill(1, 0, Math.ceil(m.length / 2));
      return m;
    });
    const masks = randomMaskLike(half, rng);
    const biases = zeroBiases(arch).map((b) => b.map(() => rng.normal() * 0.1));
    return { weights: initWeights(arch, rng).map((w, i) => applyMask(w, masks[i])), biases, masks };
  });
}

/** Step s's batch of arm a: its own inputs and labels (arms have their own data order). */
function batchOf(arch: Architecture, a: number, s: number): { x: Float32Array; y: Int32Array } {
  const rng = new Rng(1000 * a + s);
  const dim = arch.inputShape.reduce((p, q) => p * q, 1);
  return {
    x: Float32Array.from({ length: BATCH * dim }, () => rng.normal()),
    y: Int32Array.from({ length: BATCH }, () => rng.int(arch.numClasses)),
  };
}

async function train(arch: Architecture, starts: (ArmWeights & { masks: Masks })[], armIds: number[], opt: OptimizerName, steps: number, layout: Layout) {
  const net = new ArmsNetwork(arch, armIds.length, layout);
  net.load(armIds.map((a) => starts[a]));
  const optimizer = makeOptimizer(opt, opt === 'sgd' ? 0.05 : 0.01);
  const dim = arch.inputShape.reduce((p, q) => p * q, 1);
  for (let s = 0; s < steps; s++) {
    const batches = armIds.map((a) => batchOf(arch, a, s));
    const loss = tf.tidy(() => {
      const x = tf.tensor3d(Float32Array.from(batches.flatMap((b) => [...b.x])), [armIds.length, BATCH, dim]);
      const y = tf.reshape(tf.oneHot(tf.tensor1d(Int32Array.from(batches.flatMap((b) => [...b.y])), 'int32'), arch.numClasses), [armIds.length, BATCH, arch.numClasses]) as tf.Tensor3D;
      return trainStep(net, optimizer, x, y);
    });
    loss.dispose();
  }
  optimizer.dispose();
  const out = await net.read();
  net.dispose();
  return out;
}

function maxDiff(a: ArmWeights, b: ArmWeights): number {
  let d = 0;
  [...a.weights, ...a.biases].forEach((w, l) => {
    const v = [...b.weights, ...b.biases][l];
    for (let i = 0; i < w.length; i++) d = Math.max(d, Math.abs(w[i] - v[i]));
  });
  return d;
}

describe('arms trained together', () => {
  for (const [name, arch] of [['MLP', mlp], ['conv', tinyConv]] as const)
    for (const layout of ['perArm', 'perArmOutIn', 'stacked'] as const)
      it(`equal each arm trained alone after 100 steps (${name}, ${layout}; Adam, SGD, momentum)`, async () => {
        await selectBackend('cpu');
        const before = numTensors();
        const starts = armStarts(arch);
        for (const opt of ['adam', 'sgd', 'momentum'] as const) {
          const together = await train(arch, starts, [0, 1, 2], opt, 100, layout);
          for (let a = 0; a < ARMS; a++) {
            const [alone] = await train(arch, starts, [a], opt, 100, 'perArm');
            expect(maxDiff(together[a], alone)).toBeLessThan(1e-5);
            // They did train, and pruned weights stayed exactly 0.
            expect(maxDiff(alone, starts[a])).toBeGreaterThan(1e-3);
            alone.weights.forEach((w, l) => w.forEach((v, i) => starts[a].masks[l][i] === 0 && expect(v).toBe(0)));
            // One arm in this layout too (a case of its own: no unstack of a single arm).
            if (a === 0) expect(maxDiff((await train(arch, starts, [0], opt, 100, layout))[0], alone)).toBeLessThan(1e-5);
          }
        }
        expect(numTensors()).toBe(before);
      });

  for (const layout of ['perArm', 'perArmOutIn', 'stacked'] as const)
    it(`evaluates every arm on its own set in one pass, as each alone (${layout})`, async () => {
      await selectBackend('cpu');
      const before = numTensors();
      const starts = armStarts(mlp);
      const sets = [0, 1].map((k) => {
        const rng = new Rng(7 + k);
        const n = 300;
        const x = Float32Array.from({ length: n * 6 }, () => rng.normal());
        const labels = Uint8Array.from({ length: n }, () => rng.int(3));
        return toEvalSet({ n, dim: 6, x, xScale: 1, labels }, 3);
      });
      const net = new ArmsNetwork(mlp, ARMS, layout);
      net.load(starts);
      const together = await evaluateArms(net, [sets[0], sets[1], sets[0]]);
      // read() gives back what load() was given, in every layout.
      (await net.read()).forEach((w, a) => expect(maxDiff(w, starts[a])).toBe(0));
      net.dispose();
      for (let a = 0; a < ARMS; a++) {
        const one = new ArmsNetwork(mlp, 1, 'perArm');
        one.load([starts[a]]);
        const [alone] = await evaluateArms(one, [sets[a === 1 ? 1 : 0]]);
        one.dispose();
        expect(together[a].accuracy).toBe(alone.accuracy);
        expect(together[a].loss).toBeCloseTo(alone.loss, 5);
      }
      expect(together[0].accuracy).not.toBe(together[1].accuracy);
      sets.forEach(disposeEvalSet);
      expect(numTensors()).toBe(before);
    });
});
