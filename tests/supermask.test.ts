// Learned supermasks (Zhou et al. 2019): only the scores train, masks are sampled from
// Bernoulli(sigmoid(score)) with a straight-through gradient, and the run reports the
// deterministic mask's accuracy and density.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { checkResults } from '../src/config/results-schema';
import { selectBackend } from '../src/engine/backend';
import { RunControl } from '../src/engine/control';
import { loadDataset } from '../src/engine/data';
import { buildArchitecture, initStd } from '../src/engine/models';
import { bernoulliStraightThrough, SupermaskNetwork, supermaskWeights, trainSupermask } from '../src/engine/supermask';
import { disposeEvalSet, toEvalSet } from '../src/engine/train';
import { nodeFetchBytes } from '../src/node/fetch-bytes';
import { numTensors, runExperiment } from './engine-helpers';

describe('learned supermask', () => {
  it('samples masks whose density follows sigmoid(score), with a straight-through gradient', async () => {
    await selectBackend('cpu');
    const before = numTensors();
    for (const p of [0.1, 0.3, 0.8]) {
      const mean = tf.tidy(() => tf.mean(bernoulliStraightThrough(tf.fill([200, 500], p), tf.randomUniform([200, 500], 0, 1, 'float32', 7))).dataSync()[0]);
      expect(Math.abs(mean - p)).toBeLessThan(0.01);
    }
    // d/dp sum(c · m) = c: the sampling passes the gradient straight to p.
    const g = tf.tidy(() => {
      const c = tf.tensor1d([1, -2, 3, 0.5]);
      const f = (q: tf.Tensor) => tf.sum(tf.mul(c, bernoulliStraightThrough(q, tf.tensor1d([0.1, 0.9, 0.5, 0.2]))));
      return tf.grad(f)(tf.tensor1d([0.5, 0.5, 0.5, 0.5]));
    });
    expect(Array.from(await g.data())).toEqual([1, -2, 3, 0.5]);
    g.dispose();
    expect(numTensors()).toBe(before);
  });

  it('trains only the scores: the weights never change, the scores and the density do (CPU)', async () => {
    await selectBackend('cpu');
    const before = numTensors();
    const data = await loadDataset('gauss', { seed: 2, fetchBytes: nodeFetchBytes() });
    const arch = buildArchitecture('mlp-16-16', [2], 2);
    const { weights } = supermaskWeights(arch, 2, 'constant_sign');
    weights.forEach((w, l) => w.forEach((v) => expect(Math.abs(v)).toBeCloseTo(initStd(arch.layers[l]), 6)));
    const net = new SupermaskNetwork(arch, weights);
    const val = toEvalSet(data.val, 2);
    const test = toEvalSet(data.test, 2);
    const points: number[] = [];
    const result = await trainSupermask(new RunControl(), net, { train: data.train, numClasses: 2, orderSeed: 5, val, test }, { iters: 150, batch: 32, evalEvery: 50, scoreLr: 0.1, seed: 2, onPoint: (p) => points.push(p.iteration) });
    expect(points).toEqual([0, 50, 100, 150]);
    expect(await net.weights()).toEqual(weights);
    const scores = await Promise.all(net.scores.map(async (s) => Array.from(await s.data())));
    expect(scores.flat().filter((v) => v !== 0).length).toBeGreaterThan(100);
    expect(result.density).toBeGreaterThan(0.05);
    expect(result.density).toBeLessThan(0.95);
    expect(result.layers.map((l) => l.total)).toEqual([32, 256, 32]);
    net.dispose();
    disposeEvalSet(val);
    disposeEvalSet(test);
    expect(numTensors()).toBe(before);
  });

  it('on MNIST, a learned supermask beats 80% after a short run (CI-sized: 300 iterations, 2,000 evaluation images)', async () => {
    const { doc } = await runExperiment({ dataset: 'mnist', model: 'lenet300', mode: 'supermask', start: 'constant_sign', iters: 300, evalEvery: 150, evalSize: 2000, scoreLr: 0.1, backend: 'wasm', seed: 1 });
    expect(doc.status).toBe('complete');
    expect(doc.rounds).toEqual([]);
    const sm = doc.supermask!;
    console.log(`learned supermask: ${(100 * sm.testAccuracy).toFixed(1)}% at ${(100 * sm.density).toFixed(1)}% kept`);
    expect(sm.curve.map((p) => p.iteration)).toEqual([0, 150, 300]);
    expect(sm.testAccuracy).toBeGreaterThan(0.8);
    expect(sm.density).toBeGreaterThan(0.1);
    expect(sm.density).toBeLessThan(0.9);
    // The document, with its supermask object, passes the results schema.
    expect(checkResults(JSON.parse(JSON.stringify(doc))).ok).toBe(true);
  });
});
