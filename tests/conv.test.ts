// conv.ts against tfjs's own ops: values and both gradients, on CPU (tfjs's conv2d gradients are
// the reference) and on WASM (against those CPU references), plus no tensor leaks.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../src/engine/backend';
import { biasRelu, conv2dSame, conv2dSameArms, maxPool2x2 } from '../src/engine/conv';
import { Rng } from '../src/engine/rng';
import { nodeWasmPaths } from '../src/node/wasm-paths';

type Fn = (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;
type Results = Float32Array[];

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

function normal(shape: number[], seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: size(shape) }, () => rng.normal());
}

/** f's value and the gradients of sum(f(x, w) * r) in x and w, read back as arrays. */
async function valueAndGrads(f: Fn, xShape: number[], wShape: number[], seed: number): Promise<Results> {
  const x = tf.tensor(normal(xShape, seed), xShape);
  const w = tf.tensor(normal(wShape, seed + 1), wShape);
  const y = f(x, w);
  const r = tf.tensor(normal(y.shape, seed + 2), y.shape);
  const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(a, b), r)))([x, w]);
  const out = await Promise.all([y, dx, dw].map((t) => t.data() as Promise<Float32Array>));
  tf.dispose([x, w, y, r, dx, dw]);
  return out;
}

/** The value and the gradient in x of sum(f(x) * r). */
async function valueAndGrad1(f: (a: tf.Tensor4D) => tf.Tensor, xShape: number[], seed: number): Promise<Results> {
  const x = tf.tensor(normal(xShape, seed), xShape);
  const y = f(x as tf.Tensor4D);
  const r = tf.tensor(normal(y.shape, seed + 2), y.shape);
  const dx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(f(a as tf.Tensor4D), r)))(x);
  const out = await Promise.all([y, dx].map((t) => t.data() as Promise<Float32Array>));
  tf.dispose([x, y, r, dx]);
  return out;
}

function expectClose(ours: Results, theirs: Results, tol = 1e-4) {
  expect(ours.length).toBe(theirs.length);
  ours.forEach((a, k) => {
    const b = theirs[k];
    expect(a.length).toBe(b.length);
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    expect(worst, `output ${k} (0: value, then gradients)`).toBeLessThanOrEqual(tol);
  });
  // A gradient that is all zeros would match a broken reference as well: make sure there is signal.
  for (const t of theirs) expect(t.some((v) => Math.abs(v) > 0.1)).toBe(true);
}

// 3x3 (Conv-2's), a single input channel (its first layer), 5x5, and even kernels, whose 'same'
// padding puts the extra row and column at the bottom and right only.
const CONV_CASES = [
  { x: [3, 6, 5, 2], w: [3, 3, 2, 4] },
  { x: [2, 7, 7, 1], w: [3, 3, 1, 5] },
  { x: [2, 6, 7, 3], w: [5, 5, 3, 2] },
  { x: [2, 5, 6, 2], w: [2, 4, 2, 3] },
];
// Three arms, and one (tf.unstack's gradient fails for a single output).
const ARM_CASES = [
  { x: [3, 2, 6, 5, 2], w: [3, 3, 3, 2, 4] },
  { x: [1, 2, 5, 5, 1], w: [1, 3, 3, 1, 2] },
];
// A bias per channel, and one per arm and channel.
const BIAS_CASES = [
  { x: [2, 4, 3, 5], b: [5] },
  { x: [3, 2, 4, 3, 5], b: [3, 1, 1, 1, 5] },
];
// An even and an odd size (the last row/column of an odd one is outside every window).
const POOL_CASES = [[2, 6, 8, 3], [2, 7, 5, 2]];

const tfConv: Fn = (a, b) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same');
const ourConv: Fn = (a, b) => conv2dSame(a as tf.Tensor4D, b as tf.Tensor4D);
const tfArms: Fn = (a, b) => tf.stack(Array.from({ length: a.shape[0] }, (_, i) => tfConv(tf.gather(a, i), tf.gather(b, i))));
const ourArms: Fn = (a, b) => conv2dSameArms(a as tf.Tensor5D, b as tf.Tensor5D);
const tfBiasRelu: Fn = (a, b) => tf.relu(tf.add(a, b));
const ourBiasRelu: Fn = (a, b) => biasRelu(a, b);
const tfPool = (a: tf.Tensor4D) => tf.maxPool(a, 2, 2, 'valid');
// After a ReLU many windows hold several zeros: the one tie maxPool2x2 treats differently.
const reluThen = (pool: (a: tf.Tensor4D) => tf.Tensor4D) => (a: tf.Tensor4D) => pool(tf.relu(tf.sub(a, 0.5)) as tf.Tensor4D);

/** tfjs's own results on the CPU backend, the reference for both backends. */
async function references() {
  await selectBackend('cpu');
  return {
    conv: await Promise.all(CONV_CASES.map((c, i) => valueAndGrads(tfConv, c.x, c.w, 10 * i))),
    arms: await Promise.all(ARM_CASES.map((c, i) => valueAndGrads(tfArms, c.x, c.w, 90 + 10 * i))),
    pool: await Promise.all(POOL_CASES.map((s, i) => valueAndGrad1(tfPool, s, 50 + i))),
    reluPool: await valueAndGrad1(reluThen(tfPool), POOL_CASES[0], 60),
    bias: await Promise.all(BIAS_CASES.map((c, i) => valueAndGrads(tfBiasRelu, c.x, c.b, 70 + 10 * i))),
  };
}

/** One Adam step through every op of conv.ts, in a tidy. */
function trainStep(x: tf.Tensor5D, w: tf.Variable, optimizer: tf.Optimizer) {
  tf.tidy(() => {
    optimizer.minimize(() => {
      const y = conv2dSameArms(x, tf.stack([w, w]) as tf.Tensor5D);
      const [a, b, h, wd, c] = y.shape;
      const pooled = maxPool2x2(biasRelu(tf.reshape(y, [a * b, h, wd, c]) as tf.Tensor4D, tf.ones([c])));
      return tf.add(tf.sum(tf.square(pooled)), tf.sum(conv2dSame(tf.unstack(x)[0] as tf.Tensor4D, w as tf.Tensor4D))) as tf.Scalar;
    });
  });
}

describe.each([
  ['cpu', () => selectBackend('cpu')],
  ['wasm', () => selectBackend('wasm', nodeWasmPaths())],
] as const)('conv.ts on %s', (backend, start) => {
  it("conv2dSame: value and both gradients equal tfjs's conv2d on CPU", async () => {
    const ref = await references();
    await start();
    expect(tf.getBackend()).toBe(backend);
    for (const [i, c] of CONV_CASES.entries()) expectClose(await valueAndGrads(ourConv, c.x, c.w, 10 * i), ref.conv[i]);
  });

  it('conv2dSameArms: value and both gradients equal a loop of tfjs conv2d on CPU', async () => {
    const ref = await references();
    await start();
    for (const [i, c] of ARM_CASES.entries()) expectClose(await valueAndGrads(ourArms, c.x, c.w, 90 + 10 * i), ref.arms[i]);
  });

  it("maxPool2x2: value and gradient equal tfjs's maxPool on CPU, also after a ReLU (zero ties)", async () => {
    const ref = await references();
    await start();
    for (const [i, s] of POOL_CASES.entries()) expectClose(await valueAndGrad1(maxPool2x2, s, 50 + i), ref.pool[i]);
    expectClose(await valueAndGrad1(reluThen(maxPool2x2), POOL_CASES[0], 60), ref.reluPool);
  });

  it('biasRelu: value and both gradients equal relu(add(x, b)) on CPU', async () => {
    const ref = await references();
    await start();
    for (const [i, c] of BIAS_CASES.entries()) expectClose(await valueAndGrads(ourBiasRelu, c.x, c.b, 70 + 10 * i), ref.bias[i]);
  });

  it('leaks no tensors in a tidy training step', async () => {
    await start();
    const x = tf.tensor(normal([2, 3, 6, 6, 2], 7), [2, 3, 6, 6, 2]) as tf.Tensor5D;
    const w = tf.variable(tf.tensor(normal([3, 3, 2, 4], 8), [3, 3, 2, 4]));
    const optimizer = tf.train.adam(0.01);
    const before = await w.data();
    trainStep(x, w, optimizer); // creates Adam's moment variables
    const count = tf.memory().numTensors;
    trainStep(x, w, optimizer);
    trainStep(x, w, optimizer);
    expect(tf.memory().numTensors).toBe(count);
    const after = await w.data();
    expect(after.some((v, i) => v !== before[i])).toBe(true); // the step did train
    optimizer.dispose();
    tf.dispose([x, w]);
  });
});
