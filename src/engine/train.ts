// Training the arms of a round together: one synchronous step (in tf.tidy) for every arm at once,
// and the asynchronous loop around it: per-arm batches built from typed arrays, periodic
// evaluation of every arm in one pass, progress, pause and stop.
import * as tf from '@tensorflow/tfjs-core';
import { fillBatch, type Split } from './data';
import { ArmsNetwork } from './batched';
import type { Architecture } from './architectures';
import type { Checkpoint } from './arms';
import type { Masks } from './masks';
import { maxActivation } from './models';
import { deriveSeed, permutation, Rng } from './rng';
import type { ArmResult, CurvePoint } from './events';
import type { RunControl } from './control';
import { Pacer } from './pacer';
import { summarizeCurve } from '../analysis/early-stop';

export type OptimizerName = 'adam' | 'sgd' | 'momentum';

export function makeOptimizer(name: OptimizerName, lr: number): tf.Optimizer {
  if (name === 'sgd') return tf.train.sgd(lr);
  if (name === 'momentum') {
    const opt = tf.train.momentum(lr, 0.9);
    // tfjs 4.22's MomentumOptimizer.dispose() skips SGD's, which frees the learning-rate scalar.
    const dispose = opt.dispose.bind(opt);
    opt.dispose = () => {
      dispose();
      (opt as unknown as { c?: tf.Tensor }).c?.dispose();
    };
    return opt;
  }
  return tf.train.adam(lr);
}

/** The arms' batches as tensors, from the typed arrays fillBatch wrote (call inside tf.tidy). */
export function batchTensors(x: Float32Array, y: Int32Array, arms: number, dim: number, numClasses: number): { x: tf.Tensor3D; y: tf.Tensor3D } {
  const batch = y.length / arms;
  return {
    x: tf.tensor3d(x, [arms, batch, dim]),
    y: tf.reshape(tf.oneHot(tf.tensor1d(y, 'int32'), numClasses), [arms, batch, numClasses]) as tf.Tensor3D,
  };
}

/** Each arm's mean cross-entropy over its batch: [arms]. */
export function armLosses(y: tf.Tensor3D, logits: tf.Tensor3D): tf.Tensor1D {
  return tf.div(tf.sum(tf.mul(y, tf.neg(tf.logSoftmax(logits))), [1, 2]), y.shape[1]) as tf.Tensor1D;
}

/** An optimizer and the arms it updates (all arms unless a round trains some with another one). */
export interface OptimizerGroup {
  optimizer: tf.Optimizer;
  /** Arm indices; absent = every arm. */
  arms?: number[];
}

/**
 * One masked optimizer step of every arm. The loss is the sum of the arms' mean losses, so each
 * arm's gradient is exactly what its own loss gives. Returns the per-arm losses (caller disposes).
 */
export function trainStep(net: ArmsNetwork, optimizer: tf.Optimizer | OptimizerGroup[], x: tf.Tensor3D, y: tf.Tensor3D): tf.Tensor1D {
  const groups = Array.isArray(optimizer) ? optimizer : [{ optimizer }];
  return tf.tidy(() => {
    let losses: tf.Tensor1D | null = null;
    const { grads } = tf.variableGrads(() => {
      // kept: variableGrads disposes everything its function made except the value.
      losses = tf.keep(armLosses(y, net.logits(x)));
      return tf.sum(losses) as tf.Scalar;
    }, net.variables);
    for (const g of groups) g.optimizer.applyGradients(g.arms ? net.groupGradients(grads, g.arms) : net.maskGradients(grads));
    return losses!;
  });
}

/** A split held on the backend for evaluation (built once per experiment, owned by the runner). */
export interface EvalSet {
  n: number;
  x: tf.Tensor2D;
  labels: tf.Tensor1D;
  oneHot: tf.Tensor2D;
}

/** The first `limit` examples of a split, as tensors. */
export function toEvalSet(split: Split, numClasses: number, limit = split.n): EvalSet {
  const n = Math.min(limit, split.n);
  return tf.tidy(() => {
    const x = new Float32Array(n * split.dim);
    const s = split.xScale;
    for (let i = 0; i < x.length; i++) x[i] = split.x[i] * s;
    const labels = tf.tensor1d(Int32Array.from(split.labels.subarray(0, n)), 'int32');
    return { n, x: tf.tensor2d(x, [n, split.dim]), labels, oneHot: tf.oneHot(labels, numClasses) as tf.Tensor2D };
  });
}

export function disposeEvalSet(set: EvalSet): void {
  tf.dispose([set.x, set.labels, set.oneHot]);
}

// Evaluation runs in chunks of at most ~8M activation floats across the arms (a 2,000-image chunk
// of Conv-2 would need 400 MB and overflows WASM memory).
const EVAL_FLOATS = 8_000_000;
/** What an evaluation needs of a network: its arms, its architecture and an inference view. */
export type Evaluated = Pick<ArmsNetwork, 'arms' | 'arch' | 'inference'>;

const evalChunk = (net: Evaluated) =>
  Math.max(16, Math.min(2000, Math.floor(EVAL_FLOATS / (net.arms * maxActivation(net.arch)))));

export interface Evaluation {
  accuracy: number;
  loss: number;
}

/**
 * Accuracy and mean cross-entropy of every arm, arm a on sets[a], in one pass of chunks over
 * the sets (all of one size). Arms that share a set share its slices.
 */
export async function evaluateArms(net: Evaluated, sets: EvalSet[]): Promise<Evaluation[]> {
  const n = sets[0].n;
  if (sets.length !== net.arms || sets.some((s) => s.n !== n)) throw new Error('evaluateArms: one set of equal size per arm');
  const chunk = evalChunk(net);
  // A tidy per chunk: one tidy around the loop would keep every chunk's activations alive.
  let totals: tf.Tensor = tf.zeros([net.arms, 2]);
  const view = net.inference();
  try {
    for (let start = 0; start < n; start += chunk) {
      const size = Math.min(chunk, n - start);
      const next = tf.tidy(() => {
        const slices = new Map<EvalSet, { x: tf.Tensor; labels: tf.Tensor; oneHot: tf.Tensor }>();
        const of = (s: EvalSet) => {
          let v = slices.get(s);
          if (!v) {
            v = { x: tf.slice(s.x, [start, 0], [size, -1]), labels: tf.slice(s.labels, [start], [size]), oneHot: tf.slice(s.oneHot, [start, 0], [size, -1]) };
            slices.set(s, v);
          }
          return v;
        };
        const parts = sets.map(of);
        const logits = view.logits(tf.stack(parts.map((p) => p.x)) as tf.Tensor3D);
        const hits = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 2), tf.stack(parts.map((p) => p.labels))), 'float32'), 1);
        const ce = tf.sum(tf.mul(tf.stack(parts.map((p) => p.oneHot)), tf.neg(tf.logSoftmax(logits))), [1, 2]);
        return tf.add(totals, tf.stack([hits, ce], 1));
      });
      totals.dispose();
      totals = next;
    }
  } finally {
    view.dispose();
  }
  const values = await totals.data();
  totals.dispose();
  return sets.map((_, a) => ({ accuracy: values[2 * a] / n, loss: values[2 * a + 1] / n }));
}

/** What one arm trains on and is measured on. */
export interface ArmData {
  train: Split;
  numClasses: number;
  /** Seed of the arm's data order (per seed, the same for every round and arm of that seed). */
  orderSeed: number;
  val: EvalSet;
  test: EvalSet;
}

export interface TrainOptions {
  iters: number;
  batch: number;
  evalEvery: number;
  optimizer: OptimizerName;
  lr: number;
  /** Arms trained with another optimizer (transferOpt=…): their optimizer, learning rate and indices. */
  otherOptimizer?: { optimizer: OptimizerName; lr: number; arms: number[] };
  /** Called after each of these many steps (late resetting captures θ_k here; a sweep, several). */
  captureAt?: number[];
  onCapture?: (iteration: number) => Promise<void>;
  onEval?: (arm: number, point: CurvePoint) => void;
  /** Losses: each arm's batch loss at the last sync. */
  onProgress?: (iteration: number, losses: Float32Array, samplesPerSecond: number) => void;
}

/** A training run's measurements: the arm's result without its layer counts (the caller knows the mask). */
export type TrainOutcome = Omit<ArmResult, 'layers'>;

// Reading the loss every few steps keeps a GPU backend's queue short without a sync per step.
export const SYNC_EVERY = 8;

/** Example order for an epoch: a seeded permutation, cached for the epochs in use. */
class BatchOrder {
  private cache = new Map<number, Uint32Array>();
  constructor(private n: number, private seed: number) {}
  epoch(e: number): Uint32Array {
    let p = this.cache.get(e);
    if (!p) {
      if (this.cache.size >= 4) this.cache.delete(this.cache.keys().next().value as number);
      p = permutation(this.n, new Rng(deriveSeed(this.seed, 'order', e)));
      this.cache.set(e, p);
    }
    return p;
  }
}

// One order per split and seed for the split's life: rounds reuse the permutations.
const orders = new WeakMap<Split, Map<number, BatchOrder>>();
export function orderOf(split: Split, seed: number): BatchOrder {
  let bySeed = orders.get(split);
  if (!bySeed) orders.set(split, (bySeed = new Map()));
  let o = bySeed.get(seed);
  if (!o) bySeed.set(seed, (o = new BatchOrder(split.n, seed)));
  return o;
}

/**
 * dL/dw of every prunable layer on the first batch of the arm's data order, at `start` (SNIP's
 * gradient at the rewind point). Gradients are not masked: pruned weights are not ranked anyway.
 */
export async function lossGradient(arch: Architecture, start: Checkpoint, masks: Masks, data: ArmData, batch: number): Promise<Float32Array[]> {
  const n = Math.min(batch, data.train.n);
  const dim = data.train.dim;
  const x = new Float32Array(n * dim);
  const y = new Int32Array(n);
  fillBatch(data.train, orderOf(data.train, data.orderSeed).epoch(0), 0, n, x, y);
  const net = new ArmsNetwork(arch, 1);
  try {
    net.load([{ ...start, masks }]);
    const grads = tf.tidy(() => {
      const b = batchTensors(x, y, 1, dim, data.numClasses);
      const { grads } = tf.variableGrads(() => tf.sum(armLosses(b.y, net.logits(b.x))) as tf.Scalar, net.oneArmWeights);
      return net.oneArmWeightGradients(grads);
    });
    try {
      return await Promise.all(grads.map(async (g) => new Float32Array((await g.data()) as Float32Array)));
    } finally {
      tf.dispose(grads);
    }
  } finally {
    net.dispose();
  }
}

// Early stopping is defined once, in src/analysis/early-stop.ts (also used by the open_lth import).
export { summarizeCurve };

/**
 * Trains every arm of `net` from the values it was loaded with, arm a on data[a], for opts.iters
 * steps, evaluating all arms every opts.evalEvery steps (and before the first step).
 */
export async function trainArms(control: RunControl, net: ArmsNetwork, data: ArmData[], opts: TrainOptions): Promise<TrainOutcome[]> {
  const started = performance.now();
  const arms = net.arms;
  if (data.length !== arms) throw new Error(`trainArms: ${data.length} data for ${arms} arms`);
  const dim = data[0].train.dim;
  const numClasses = data[0].numClasses;
  const batch = Math.min(opts.batch, ...data.map((d) => d.train.n));
  const perEpoch = data.map((d) => Math.floor(d.train.n / batch));
  const armOrders = data.map((d) => orderOf(d.train, d.orderSeed));
  const xBuf = new Float32Array(arms * batch * dim);
  const yBuf = new Int32Array(arms * batch);
  // Arms of another optimizer get their own; each optimizer sees only its arms' gradients.
  const other = opts.otherOptimizer?.arms.length ? opts.otherOptimizer : null;
  const groups: OptimizerGroup[] = other
    ? [
        { optimizer: makeOptimizer(opts.optimizer, opts.lr), arms: Array.from({ length: arms }, (_, a) => a).filter((a) => !other.arms.includes(a)) },
        { optimizer: makeOptimizer(other.optimizer, other.lr), arms: other.arms },
      ]
    : [{ optimizer: makeOptimizer(opts.optimizer, opts.lr) }];
  const curves: CurvePoint[][] = data.map(() => []);

  const evalPoint = async (iteration: number) => {
    const test = await evaluateArms(net, data.map((d) => d.test));
    const val = await evaluateArms(net, data.map((d) => d.val));
    test.forEach((t, a) => {
      const point = { iteration, testAccuracy: t.accuracy, testLoss: t.loss, valAccuracy: val[a].accuracy, valLoss: val[a].loss };
      curves[a].push(point);
      opts.onEval?.(a, point);
    });
  };

  try {
    await evalPoint(0);
    let losses = new Float32Array(arms).fill(NaN);
    const pacer = new Pacer(control, (iteration, samplesPerSecond) => opts.onProgress?.(iteration, losses, samplesPerSecond));
    for (let it = 1; it <= opts.iters; it++) {
      const step = it - 1;
      for (let a = 0; a < arms; a++) {
        const epoch = Math.floor(step / perEpoch[a]);
        const from = (step % perEpoch[a]) * batch;
        fillBatch(data[a].train, armOrders[a].epoch(epoch), from, batch, xBuf.subarray(a * batch * dim), yBuf.subarray(a * batch));
      }
      const loss = tf.tidy(() => {
        const { x, y } = batchTensors(xBuf, yBuf, arms, dim, numClasses);
        return trainStep(net, groups, x, y);
      });
      pacer.trained(batch * arms);
      if (it % SYNC_EVERY === 0 || it === opts.iters) losses = (await loss.data()) as Float32Array;
      loss.dispose();

      if (opts.captureAt?.includes(it)) await opts.onCapture?.(it);
      if (it % opts.evalEvery === 0 || it === opts.iters) await pacer.offClock(() => evalPoint(it));
      await pacer.tick(it, it === opts.iters);
    }
  } finally {
    groups.forEach((g) => g.optimizer.dispose());
  }
  const seconds = (performance.now() - started) / 1000;
  return curves.map((c) => summarizeCurve(c, seconds));
}
