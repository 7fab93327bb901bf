// One training step (synchronous, in tf.tidy) and the asynchronous loop around it: batches built
// from typed arrays, periodic evaluation, progress, pause and stop.
import * as tf from '@tensorflow/tfjs-core';
import { fillBatch, type Dataset, type Split } from './data';
import type { Network } from './network';
import { maxActivation } from './models';
import { deriveSeed, permutation, Rng } from './rng';
import type { ArmResult, CurvePoint } from './events';
import type { RunControl } from './control';

export type OptimizerName = 'adam' | 'sgd' | 'momentum';

export function makeOptimizer(name: OptimizerName, lr: number): tf.Optimizer {
  if (name === 'sgd') return tf.train.sgd(lr);
  if (name === 'momentum') return tf.train.momentum(lr, 0.9);
  return tf.train.adam(lr);
}

/** A batch's tensors from the typed arrays fillBatch wrote (call inside tf.tidy). */
export function batchTensors(x: Float32Array, y: Int32Array, dim: number, numClasses: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  return { x: tf.tensor2d(x, [y.length, dim]), y: tf.oneHot(tf.tensor1d(y, 'int32'), numClasses) as tf.Tensor2D };
}

/** One masked optimizer step; returns the batch loss (the caller disposes it). */
export function trainStep(net: Network, optimizer: tf.Optimizer, x: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(
      () => tf.losses.softmaxCrossEntropy(y, net.logits(x)) as tf.Scalar,
      net.variables,
    );
    optimizer.applyGradients(net.maskGradients(grads));
    return value;
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

// Evaluation runs in chunks of at most ~8M activation floats (a 2,000-image chunk of Conv-2 would
// need 400 MB and overflows WASM memory).
const EVAL_FLOATS = 8_000_000;
const evalChunk = (net: Network) => Math.max(16, Math.min(2000, Math.floor(EVAL_FLOATS / maxActivation(net.arch))));

/** Accuracy and mean cross-entropy on a resident split, in chunks to bound memory. */
export async function evaluate(net: Network, set: EvalSet): Promise<{ accuracy: number; loss: number }> {
  const chunk = evalChunk(net);
  // A tidy per chunk: one tidy around the loop would keep every chunk's activations alive.
  let totals: tf.Tensor = tf.zeros([2]);
  for (let start = 0; start < set.n; start += chunk) {
    const size = Math.min(chunk, set.n - start);
    const next = tf.tidy(() => {
      const logits = net.logits(tf.slice(set.x, [start, 0], [size, -1]));
      const hits = tf.equal(tf.argMax(logits, 1), tf.slice(set.labels, [start], [size]));
      const ce = tf.losses.softmaxCrossEntropy(tf.slice(set.oneHot, [start, 0], [size, -1]), logits, undefined, 0, tf.Reduction.SUM);
      return tf.add(totals, tf.stack([tf.sum(tf.cast(hits, 'float32')), ce]));
    });
    totals.dispose();
    totals = next;
  }
  const [correct, loss] = await totals.data();
  totals.dispose();
  return { accuracy: correct / set.n, loss: loss / set.n };
}

export interface TrainContext {
  dataset: Dataset;
  val: EvalSet;
  test: EvalSet;
  control: RunControl;
  /** Seed of the data order: the same for every round and arm, so they differ only in weights and masks. */
  orderSeed: number;
}

export interface TrainOptions {
  iters: number;
  batch: number;
  evalEvery: number;
  optimizer: OptimizerName;
  lr: number;
  /** Called after this many steps (late resetting captures θ_k here). */
  captureAt?: number;
  onCapture?: () => Promise<void>;
  onEval?: (point: CurvePoint) => void;
  onProgress?: (iteration: number, loss: number, samplesPerSecond: number) => void;
}

/** A training run's measurements: the arm's result without its layer counts (the caller knows the mask). */
export type TrainOutcome = Omit<ArmResult, 'layers'>;

const PROGRESS_MS = 250;
const YIELD_MS = 50;
// Reading the loss every few steps keeps a GPU backend's queue short without a sync per step.
const SYNC_EVERY = 8;

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

const orders = new WeakMap<TrainContext, BatchOrder>();

export async function trainNetwork(ctx: TrainContext, net: Network, opts: TrainOptions): Promise<TrainOutcome> {
  const started = performance.now();
  const { train } = ctx.dataset;
  const batch = Math.min(opts.batch, train.n);
  const perEpoch = Math.floor(train.n / batch);
  let order = orders.get(ctx);
  if (!order) orders.set(ctx, (order = new BatchOrder(train.n, ctx.orderSeed)));
  const xBuf = new Float32Array(batch * train.dim);
  const yBuf = new Int32Array(batch);
  const optimizer = makeOptimizer(opts.optimizer, opts.lr);
  const curve: CurvePoint[] = [];

  const evalPoint = async (iteration: number) => {
    const test = await evaluate(net, ctx.test);
    const val = await evaluate(net, ctx.val);
    const point = { iteration, testAccuracy: test.accuracy, testLoss: test.loss, valAccuracy: val.accuracy, valLoss: val.loss };
    curve.push(point);
    opts.onEval?.(point);
  };

  try {
    await evalPoint(0);
    let lastYield = performance.now();
    let lastProgress = lastYield;
    let samplesSinceProgress = 0;
    let lossValue = NaN;
    for (let it = 1; it <= opts.iters; it++) {
      const step = it - 1;
      fillBatch(train, order.epoch(Math.floor(step / perEpoch)), (step % perEpoch) * batch, batch, xBuf, yBuf);
      const loss = tf.tidy(() => {
        const { x, y } = batchTensors(xBuf, yBuf, train.dim, ctx.dataset.numClasses);
        return trainStep(net, optimizer, x, y);
      });
      samplesSinceProgress += batch;
      if (it % SYNC_EVERY === 0 || it === opts.iters) lossValue = (await loss.data())[0];
      loss.dispose();

      if (it === opts.captureAt) await opts.onCapture?.();
      if (it % opts.evalEvery === 0 || it === opts.iters) {
        const before = performance.now();
        await evalPoint(it);
        lastProgress += performance.now() - before; // samples/s measures training alone
      }

      const now = performance.now();
      if (now - lastProgress >= PROGRESS_MS || it === opts.iters) {
        opts.onProgress?.(it, lossValue, (samplesSinceProgress * 1000) / Math.max(1, now - lastProgress));
        lastProgress = now;
        samplesSinceProgress = 0;
      }
      if (now - lastYield >= YIELD_MS) {
        await ctx.control.checkpoint();
        lastYield = performance.now();
        lastProgress += lastYield - now; // time spent paused does not count against samples/s
      }
    }
  } finally {
    optimizer.dispose();
  }

  const last = curve[curve.length - 1];
  // Early stopping: the best validation accuracy after training began (earliest on ties).
  let best = curve.length > 1 ? curve[1] : curve[0];
  for (const p of curve.slice(1)) if (p.valAccuracy > best.valAccuracy) best = p;
  return {
    curve,
    untrainedAccuracy: curve[0].testAccuracy,
    testAccuracy: last.testAccuracy,
    testLoss: last.testLoss,
    bestValAccuracy: best.valAccuracy,
    earlyStopIteration: best.iteration,
    testAccuracyAtEarlyStop: best.testAccuracy,
    seconds: (performance.now() - started) / 1000,
  };
}
