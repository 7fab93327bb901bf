// Learned supermasks (Zhou et al. 2019, section 5): the weights are never trained. Every weight has
// a real score s; each step samples its mask m ~ Bernoulli(sigmoid(s)) and the loss gradient
// reaches the scores through a straight-through estimator (dL/dp taken as dL/dm, p = sigmoid(s)).
// Adam trains the scores. An evaluation uses the deterministic mask sigmoid(s) > 0.5, i.e. s > 0,
// and reports its test accuracy and density (the fraction of weights kept).
import * as tf from '@tensorflow/tfjs-core';
import type { Architecture } from './architectures';
import { forwardOne, type InferenceView } from './batched';
import { countKept } from '../analysis/counts';
import type { RunControl } from './control';
import { Pacer } from './pacer';
import { fillBatch } from './data';
import type { SupermaskPoint, SupermaskResult } from './events';
import { initStd, initWeights, layerSize } from './models';
import { layerStart, type StartName } from './starts';
import { Rng } from './rng';
import { deriveSeed } from './rng';
import type { Checkpoint } from './arms';
import { armLosses, batchTensors, evaluateArms, orderOf, SYNC_EVERY, type ArmData } from './train';

type GradFn = Parameters<typeof tf.customGrad>[0];

/** m = 1 where u < p (a Bernoulli(p) sample from uniforms u); the gradient passes straight to p. */
export const bernoulliStraightThrough = tf.customGrad(((p: tf.Tensor, u: tf.Tensor, save: tf.GradSaveFunc) => {
  save([u]);
  return {
    value: tf.cast(tf.less(u, p), 'float32'),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [dy, tf.zerosLike(saved[0])],
  };
}) as unknown as GradFn) as unknown as (p: tf.Tensor, u: tf.Tensor) => tf.Tensor;

/** A network of fixed weights whose masks are learned: one score variable per prunable weight. */
export class SupermaskNetwork {
  readonly arms = 1;
  private readonly w: tf.Tensor[];
  private readonly b: tf.Tensor[];
  readonly scores: tf.Variable[];

  /** `weights` are what the masks select from (e.g. signed constants); biases stay 0. */
  constructor(
    readonly arch: Architecture,
    weights: Float32Array[],
    scoreInit = 0,
  ) {
    this.w = arch.layers.map((l, i) => tf.tensor(weights[i], l.shape));
    this.b = arch.layers.map((l) => tf.zeros([l.shape[l.shape.length - 1]]));
    this.scores = tf.tidy(() => arch.layers.map((l) => tf.variable(tf.fill(l.shape, scoreInit))));
  }

  /** Logits [batch, classes] with each layer's mask sampled from Bernoulli(sigmoid(s)). */
  sampledLogits(x: tf.Tensor2D, seed: number): tf.Tensor2D {
    const weights = this.w.map((w, i) => {
      const u = tf.randomUniform(w.shape, 0, 1, 'float32', deriveSeed(seed, i));
      return tf.mul(w, bernoulliStraightThrough(tf.sigmoid(this.scores[i]), u));
    });
    return forwardOne(this.arch, weights, this.b, x);
  }

  /** The evaluation's view: the deterministic mask s > 0 (sigmoid(s) > 0.5), set once for all chunks. */
  inference(): InferenceView {
    const weights = this.w.map((w, i) => tf.tidy(() => tf.mul(w, tf.step(this.scores[i]))));
    return {
      logits: (x) => tf.tidy(() => tf.expandDims(forwardOne(this.arch, weights, this.b, tf.reshape(x, [x.shape[1], x.shape[2]]) as tf.Tensor2D), 0) as tf.Tensor3D),
      dispose: () => tf.dispose(weights),
    };
  }

  /** The fixed weights (copies), layer by layer: they never change. */
  async weights(): Promise<Float32Array[]> {
    return Promise.all(this.w.map(async (w) => Float32Array.from((await w.data()) as Float32Array)));
  }

  /** The deterministic masks (1 where s > 0), layer by layer. */
  async masks(): Promise<Uint8Array[]> {
    return Promise.all(this.scores.map(async (s) => Uint8Array.from((await s.data()) as Float32Array, (v) => (v > 0 ? 1 : 0))));
  }

  dispose(): void {
    tf.dispose([...this.w, ...this.b, ...this.scores]);
  }
}

export interface SupermaskOptions {
  iters: number;
  batch: number;
  evalEvery: number;
  scoreLr: number;
  /** Seeds the masks sampled at every step. */
  seed: number;
  onPoint?: (point: SupermaskPoint) => void;
  onProgress?: (iteration: number, loss: number, samplesPerSecond: number) => void;
}

/** Trains the scores of `net` on `data` (weights fixed) and reports the deterministic mask's accuracy and density. */
export async function trainSupermask(control: RunControl, net: SupermaskNetwork, data: ArmData, opts: SupermaskOptions): Promise<SupermaskResult & { masks: Uint8Array[] }> {
  const started = performance.now();
  const { train, numClasses } = data;
  const batch = Math.min(opts.batch, train.n);
  const perEpoch = Math.floor(train.n / batch);
  const order = orderOf(train, data.orderSeed);
  const x = new Float32Array(batch * train.dim);
  const y = new Int32Array(batch);
  const optimizer: tf.Optimizer = tf.train.adam(opts.scoreLr);
  const curve: SupermaskPoint[] = [];
  const total = net.arch.layers.reduce((n, l) => n + layerSize(l), 0);

  const evalPoint = async (iteration: number) => {
    const [test] = await evaluateArms(net, [data.test]);
    const [val] = await evaluateArms(net, [data.val]);
    const kept = await net.masks();
    const density = kept.reduce((n, m) => n + countKept(m), 0) / total;
    const point = { iteration, testAccuracy: test.accuracy, testLoss: test.loss, valAccuracy: val.accuracy, density };
    curve.push(point);
    opts.onPoint?.(point);
  };

  try {
    await evalPoint(0);
    let lossValue = NaN;
    const pacer = new Pacer(control, (iteration, samplesPerSecond) => opts.onProgress?.(iteration, lossValue, samplesPerSecond));
    for (let it = 1; it <= opts.iters; it++) {
      const step = it - 1;
      fillBatch(train, order.epoch(Math.floor(step / perEpoch)), (step % perEpoch) * batch, batch, x, y);
      const loss = tf.tidy(() => {
        const b = batchTensors(x, y, 1, train.dim, numClasses);
        const xs = tf.reshape(b.x, [batch, train.dim]) as tf.Tensor2D;
        const { value, grads } = tf.variableGrads(() => tf.sum(armLosses(b.y, tf.expandDims(net.sampledLogits(xs, deriveSeed(opts.seed, 'supermask', it)), 0) as tf.Tensor3D)) as tf.Scalar, net.scores);
        optimizer.applyGradients(grads);
        return value;
      });
      pacer.trained(batch);
      if (it % SYNC_EVERY === 0 || it === opts.iters) lossValue = (await loss.data())[0];
      loss.dispose();
      if (it % opts.evalEvery === 0 || it === opts.iters) await pacer.offClock(() => evalPoint(it));
      await pacer.tick(it, it === opts.iters);
    }
  } finally {
    optimizer.dispose();
  }
  const masks = await net.masks();
  const last = curve[curve.length - 1];
  return {
    testAccuracy: last.testAccuracy,
    density: last.density,
    curve,
    layers: net.arch.layers.map((l, i) => ({ name: l.name, kind: l.kind, total: layerSize(l), remaining: countKept(masks[i]) })),
    seconds: (performance.now() - started) / 1000,
    masks,
  };
}

/**
 * The fixed weights a supermask selects from: θ0 of the seed (as the lottery draws it) under
 * config.start with every weight kept (rewind: θ0 itself; constant_sign: sign(θ0) × σ; …).
 */
export function supermaskWeights(arch: Architecture, seed: number, start: StartName): { theta0: Checkpoint; weights: Float32Array[] } {
  const theta0 = initWeights(arch, new Rng(deriveSeed(seed, 'init')));
  let fresh: Float32Array[] | null = null;
  const weights = arch.layers.map((l, i) =>
    layerStart(
      start,
      'zero',
      {
        rewind: theta0[i],
        fresh: () => (fresh ??= initWeights(arch, new Rng(deriveSeed(seed, 'start', 0))))[i],
        std: initStd(l),
        rng: new Rng(deriveSeed(seed, 'reshuffle', 0, i)),
      },
      null,
      new Float32Array(theta0[i].length).fill(1),
    ),
  );
  return { theta0: { weights: theta0, biases: arch.layers.map((l) => new Float32Array(l.shape[l.shape.length - 1])) }, weights };
}
