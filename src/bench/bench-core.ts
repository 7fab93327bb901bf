// Training-speed benchmark shared by the browser (bench.html's Web Worker) and Node
// (scripts/bench.ts). Plain TypeScript + tfjs-core: no DOM, no node:*.
//
// For one backend it times two training loops of LeNet-300-100 on MNIST (batch 60, Adam 1.2e-3):
//  - 'imp':   the engine's masked step (Network + trainStep, ~50%-sparse random mask, batches built
//             with fillBatch from typed arrays, the loss read every SYNC_EVERY steps), i.e. what an
//             IMP round runs;
//  - 'plain': tfjs's own unmasked training of the same 784-300-100-10 model: variables, tf.matMul
//             (whose gradient uses the transpose flags), softmaxCrossEntropy, adam.minimize.
// and the time the engine's evaluate() takes on the 10,000 test images.
import * as tf from '@tensorflow/tfjs-core';
import { parseConfig, type ExperimentConfig } from '../config/schema';
import { ExperimentRunner } from '../engine/runner';
import { allowWasmThreads, selectBackend, type ConcreteBackend, type WasmPaths } from '../engine/backend';
import { fillBatch, loadDataset, type Dataset, type FetchBytes } from '../engine/data';
import { applyMask, type Masks } from '../engine/masks';
import { buildArchitecture, initWeights, layerSize, zeroBiases, type Architecture } from '../engine/models';
import { ArmsNetwork } from '../engine/batched';
import { deriveSeed, permutation, Rng } from '../engine/rng';
import { batchTensors, disposeEvalSet, evaluateArms, makeOptimizer, toEvalSet, trainStep } from '../engine/train';

export const BENCH_BATCH = 60;
export const BENCH_LR = 1.2e-3;
export const BENCH_SEED = 1;
/** Kept fraction of the random mask used by the 'imp' loop. */
export const BENCH_DENSITY = 0.5;
/** Like the engine's training loop: read the loss every few steps, not after each one. */
const SYNC_EVERY = 8;
/** evaluate() works in chunks of at most 2,000 (train.ts evalChunk): the warm-up covers a full chunk. */
const EVAL_WARMUP = 2000;

/** Default timed steps per backend: ~5 s per row on this kind of machine (2 cores, SwiftShader). */
export const DEFAULT_STEPS: Record<BenchBackend, number> = { webgpu: 40, webgl: 200, wasm: 200, 'wasm-threads': 200, cpu: 40 };
export const DEFAULT_WARMUP = 5;
/** A timed loop stops early (and says so in its note) once it has run this long. */
export const DEFAULT_MAX_SECONDS = 20;

/**
 * 'imp': one masked LeNet-300-100; 'arms3': a round's three arms (ticket and both controls)
 * trained together; 'conv2': one masked Conv-2; 'plain': tfjs's own loop; 'experiment': the
 * fixed end-to-end experiment BENCH_EXPERIMENT through the engine's runner.
 */
export type BenchLoop = 'imp' | 'arms3' | 'conv2' | 'plain' | 'experiment';
const MASKED: Partial<Record<BenchLoop, { arms: number; model: string }>> = {
  imp: { arms: 1, model: 'lenet300' },
  arms3: { arms: 3, model: 'lenet300' },
  conv2: { arms: 1, model: 'conv2' },
};
export const DEFAULT_LOOPS: BenchLoop[] = ['imp', 'arms3', 'conv2', 'plain', 'experiment'];

/** The end-to-end row: MNIST, LeNet-300-100, 20% a round, 3 rounds x 500 iterations, both controls, evaluation every 100. */
export const BENCH_EXPERIMENT: Partial<ExperimentConfig> = {
  dataset: 'mnist',
  model: 'lenet300',
  rate: 0.2,
  rounds: 3,
  iters: 500,
  evalEvery: 100,
  controls: ['reinit', 'random'],
  seed: BENCH_SEED,
};

/** The experiment row runs only where the arms3 speed predicts it under this many seconds. */
export const EXPERIMENT_LIMIT_S = 600;

/**
 * Training examples the experiment row trains at least: every pruning round's three networks
 * (ticket and both controls) for its iterations (the dense round and evaluations come on top).
 */
export function experimentSamples(): number {
  const { config } = parseConfig(BENCH_EXPERIMENT);
  return config.rounds * config.iters * config.batch * (1 + config.controls.length);
}

/**
 * A backend as the benchmark runs it: 'wasm' is the single-threaded SIMD build, 'wasm-threads'
 * the multi-threaded one (needs a cross-origin isolated page; one thread per core, at most 8).
 */
export type BenchBackend = ConcreteBackend | 'wasm-threads';

export interface BenchRow {
  backend: string;
  where: 'browser' | 'node';
  loop: BenchLoop;
  /** Training examples per second over the timed steps; null when the row could not run. */
  samplesPerSecond: number | null;
  /** Timed steps actually run (warm-up steps excluded). */
  steps: number;
  /** Milliseconds for the engine's evaluate() on the 10,000 test images (after a one-chunk warm-up). */
  evalTestMs: number | null;
  /** Kernels one training step launches, divided by the arms it trains (tf.profile). */
  kernelsPerArm?: number;
  /** 'experiment' rows: wall-clock seconds of the whole run. */
  seconds?: number;
  note?: string;
}

export interface BenchOptions {
  fetchBytes: FetchBytes;
  wasmPaths?: WasmPaths;
  /** Timed steps per loop; default DEFAULT_STEPS[backend]. */
  steps?: number;
  warmup?: number;
  maxSeconds?: number;
  batch?: number;
  loops?: BenchLoop[];
  /** Default: 'node' when running under Node, else 'browser'. */
  where?: 'browser' | 'node';
  onProgress?: (message: string) => void;
  /** Called as each row is finished (the browser page shows partial results from it). */
  onRow?: (row: BenchRow) => void;
}

function detectWhere(): 'browser' | 'node' {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string' ? 'node' : 'browser';
}

const round = (v: number, digits = 0) => Number(v.toFixed(digits));

/** The device behind a GPU backend (a SwiftShader renderer makes the numbers a CPU's). */
function deviceNote(name: string): string | undefined {
  try {
    const backend = tf.backend() as unknown as {
      gpgpu?: { gl?: WebGLRenderingContext };
      adapterInfo?: { vendor?: string; architecture?: string };
    };
    if (name === 'webgl') {
      const gl = backend.gpgpu?.gl;
      if (!gl) return undefined;
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      return `renderer: ${String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER))}`;
    }
    if (name === 'webgpu') {
      const info = backend.adapterInfo;
      const text = [info?.vendor, info?.architecture].filter(Boolean).join(' ');
      return text ? `adapter: ${text}` : undefined;
    }
  } catch {
    // informational only
  }
  return undefined;
}

function randomMasks(arch: Architecture, density: number, rng: Rng): Masks {
  return arch.layers.map((l) => {
    const m = new Float32Array(layerSize(l));
    for (let i = 0; i < m.length; i++) m[i] = rng.next() < density ? 1 : 0;
    return m;
  });
}

/** Batches in a seeded order, filled into the same two buffers each step (as the engine does). */
class Batches {
  readonly x: Float32Array;
  readonly y: Int32Array;
  private order: Uint32Array;
  private perEpoch: number;
  private step = 0;
  constructor(private ds: Dataset, private batch: number, seed: number) {
    this.x = new Float32Array(batch * ds.train.dim);
    this.y = new Int32Array(batch);
    this.order = permutation(ds.train.n, new Rng(deriveSeed(seed, 'bench-order')));
    this.perEpoch = Math.floor(ds.train.n / batch);
  }
  next(): void {
    fillBatch(this.ds.train, this.order, (this.step % this.perEpoch) * this.batch, this.batch, this.x, this.y);
    this.step++;
  }
}

interface LoopResult {
  samplesPerSecond: number;
  steps: number;
  loss: number;
  stoppedEarly: boolean;
}

/**
 * Runs `warmup` untimed steps, then up to `steps` timed ones (stopping once maxSeconds have passed),
 * reading the loss every SYNC_EVERY steps and at the end with `await data()`.
 */
async function timeLoop(
  step: () => tf.Tensor,
  steps: number,
  warmup: number,
  batch: number,
  maxSeconds: number,
): Promise<LoopResult> {
  for (let i = 0; i < warmup; i++) {
    const loss = step();
    await loss.data();
    loss.dispose();
  }
  const started = performance.now();
  let done = 0;
  let loss = NaN;
  let stoppedEarly = false;
  while (done < steps) {
    const l = step();
    done++;
    if (done % SYNC_EVERY === 0 || done === steps) {
      loss = (await l.data())[0];
      l.dispose();
      if (done < steps && performance.now() - started > maxSeconds * 1000) {
        stoppedEarly = true;
        break;
      }
    } else {
      l.dispose();
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { samplesPerSecond: (done * batch) / seconds, steps: done, loss, stoppedEarly };
}

/** 'imp' and 'arms3': the engine's masked training step, for one arm or a round's arms together (samples counted across arms). */
async function benchImp(
  ds: Dataset,
  arch: Architecture,
  init: Float32Array[],
  masks: Masks,
  arms: number,
  o: Required<Pick<BenchOptions, 'batch' | 'warmup' | 'maxSeconds'>> & { steps: number },
): Promise<LoopResult & { kernelsPerArm: number }> {
  const net = new ArmsNetwork(arch, arms);
  const start = { weights: init.map((w, i) => applyMask(w, masks[i])), biases: zeroBiases(arch), masks };
  net.load(Array.from({ length: arms }, () => start));
  const optimizer = makeOptimizer('adam', BENCH_LR);
  const batches = new Batches(ds, o.batch, BENCH_SEED);
  // Arms of one seed share the data order, so every arm sees the same batch (as in a round).
  const x = new Float32Array(arms * batches.x.length);
  const y = new Int32Array(arms * batches.y.length);
  try {
    const step = () => {
      batches.next();
      for (let a = 0; a < arms; a++) {
        x.set(batches.x, a * batches.x.length);
        y.set(batches.y, a * batches.y.length);
      }
      return tf.tidy(() => {
        const t = batchTensors(x, y, arms, ds.train.dim, ds.numClasses);
        return trainStep(net, optimizer, t.x, t.y);
      });
    };
    const result = await timeLoop(
      step,
      o.steps,
      o.warmup,
      o.batch,
      o.maxSeconds,
    );
    const profile = await tf.profile(() => step());
    tf.dispose(profile.result as tf.Tensor);
    return { ...result, samplesPerSecond: result.samplesPerSecond * arms, kernelsPerArm: round(profile.kernels.length / arms, 1) };
  } finally {
    optimizer.dispose();
    net.dispose();
  }
}

/** 'plain': tfjs-core's own unmasked training (no custom gradient, optimizer.minimize). */
async function benchPlain(
  ds: Dataset,
  arch: Architecture,
  init: Float32Array[],
  o: Required<Pick<BenchOptions, 'batch' | 'warmup' | 'maxSeconds'>> & { steps: number },
): Promise<LoopResult> {
  // tidy frees the initial values; variables survive it.
  const ws = tf.tidy(() => arch.layers.map((l, i) => tf.variable(tf.tensor2d(init[i], l.shape as [number, number]))));
  const bs = tf.tidy(() => arch.layers.map((l) => tf.variable(tf.zeros([l.shape[1]]))));
  const vars = [...ws, ...bs];
  const optimizer = tf.train.adam(BENCH_LR);
  const batches = new Batches(ds, o.batch, BENCH_SEED);
  try {
    return await timeLoop(
      () => {
        batches.next();
        return tf.tidy(() => {
          const x = tf.tensor2d(batches.x, [o.batch, ds.train.dim]);
          const y = tf.oneHot(tf.tensor1d(batches.y, 'int32'), ds.numClasses) as tf.Tensor2D;
          return optimizer.minimize(
            () => {
              let h: tf.Tensor2D = x;
              ws.forEach((w, i) => {
                h = tf.add(tf.matMul(h, w), bs[i]);
                if (i < ws.length - 1) h = tf.relu(h);
              });
              return tf.losses.softmaxCrossEntropy(y, h) as tf.Scalar;
            },
            true,
            vars,
          ) as tf.Scalar;
        });
      },
      o.steps,
      o.warmup,
      o.batch,
      o.maxSeconds,
    );
  } finally {
    optimizer.dispose();
    tf.dispose(vars);
  }
}

/**
 * Starts `backendName` explicitly (a fallback to another backend does not count: a backend that
 * does not start gives rows with a note) and times the requested loops on it, one row per loop.
 */
export async function benchBackend(backendName: BenchBackend, opts: BenchOptions): Promise<BenchRow[]> {
  const where = opts.where ?? detectWhere();
  const loops = opts.loops ?? DEFAULT_LOOPS;
  const o = {
    steps: opts.steps ?? DEFAULT_STEPS[backendName] ?? 100,
    batch: opts.batch ?? BENCH_BATCH,
    warmup: opts.warmup ?? DEFAULT_WARMUP,
    maxSeconds: opts.maxSeconds ?? DEFAULT_MAX_SECONDS,
  };
  const progress = (m: string) => opts.onProgress?.(`[${where} ${backendName}] ${m}`);
  const rows: BenchRow[] = [];
  const emit = (row: BenchRow) => {
    rows.push(row);
    opts.onRow?.(row);
  };
  const failAll = (note: string) => {
    for (const loop of loops) emit({ backend: backendName, where, loop, samplesPerSecond: null, steps: 0, evalTestMs: null, note });
    return rows;
  };

  progress('starting backend');
  let how = '';
  let tfName: ConcreteBackend;
  try {
    tfName = backendName === 'wasm-threads' ? 'wasm' : backendName;
    allowWasmThreads(backendName === 'wasm-threads');
    const info = await selectBackend(tfName, opts.wasmPaths);
    if (info.name !== tfName) return failAll(`did not start: ${info.tried.join('; ') || info.reason}`);
    // "WASM (threads ×2): chosen in the config" -> "WASM (threads ×2)"
    how = info.reason.slice(0, Math.max(0, info.reason.indexOf(': ')));
    if (backendName === 'wasm-threads' && !/threads ×/.test(how)) return failAll(`no threads: ${how || info.reason}`);
  } catch (e) {
    return failAll(`did not start: ${errorText(e)}`);
  }
  const device = tfName === 'wasm' ? how : deviceNote(tfName);
  if (device) progress(device);

  progress('loading MNIST');
  let ds: Dataset;
  try {
    ds = await loadDataset('mnist', { seed: BENCH_SEED, fetchBytes: opts.fetchBytes });
  } catch (e) {
    return failAll(`no data: ${errorText(e)}`);
  }
  const arch = buildArchitecture('lenet300', ds.inputShape, ds.numClasses);
  const init = initWeights(arch, new Rng(deriveSeed(BENCH_SEED, 'bench-init')));
  const masks = randomMasks(arch, BENCH_DENSITY, new Rng(deriveSeed(BENCH_SEED, 'bench-mask')));
  const tensorsBefore = tf.memory().numTensors;

  // evaluate() is timed once per backend, on the imp network at its starting point, and reported
  // on both rows: its cost does not depend on the weights' values.
  let evalTestMs: number | null = null;
  try {
    const net = new ArmsNetwork(arch, 1);
    const test = toEvalSet(ds.test, ds.numClasses);
    // Warm-up (shader compilation, buffer allocation) on the first EVAL_WARMUP images: evaluate()
    // works in chunks of at most that size, so the timed call runs already-compiled kernels.
    const warm = toEvalSet({ ...ds.test, n: Math.min(EVAL_WARMUP, ds.test.n) }, ds.numClasses);
    try {
      net.load([{ weights: init.map((w, i) => applyMask(w, masks[i])), biases: zeroBiases(arch), masks }]);
      await evaluateArms(net, [warm]);
      const t0 = performance.now();
      const [r] = await evaluateArms(net, [test]);
      evalTestMs = round(performance.now() - t0, 1);
      progress(`evaluate(test): ${evalTestMs} ms (untrained accuracy ${(r.accuracy * 100).toFixed(1)}%)`);
    } finally {
      disposeEvalSet(warm);
      disposeEvalSet(test);
      net.dispose();
    }
  } catch (e) {
    progress(`evaluate failed: ${errorText(e)}`);
  }

  for (const loop of loops) {
    const notes = device ? [device] : [];
    if (loop === 'experiment') {
      // On a slow backend (cpu: ~160 samples/s) the run would take half an hour: skipped, with the
      // time the arms3 row above predicts for it.
      const arms3 = rows.find((r) => r.loop === 'arms3')?.samplesPerSecond;
      const predicted = arms3 ? experimentSamples() / arms3 : null;
      if (predicted !== null && predicted > EXPERIMENT_LIMIT_S) {
        const note = `skipped: about ${Math.round(predicted / 60)} min at the arms3 speed above (the row runs when it would take under ${EXPERIMENT_LIMIT_S / 60} min)`;
        progress(`experiment ${note}`);
        emit({ backend: backendName, where, loop, samplesPerSecond: null, steps: 0, evalTestMs, note });
        continue;
      }
      progress('experiment: MNIST, LeNet-300-100, 3 rounds x 500 iterations, both controls');
      try {
        const t0 = performance.now();
        const runner = new ExperimentRunner({ fetchBytes: opts.fetchBytes, wasmPaths: opts.wasmPaths, emit: () => {} });
        const doc = await runner.run({ ...BENCH_EXPERIMENT, backend: tfName });
        const seconds = round((performance.now() - t0) / 1000, 1);
        if (doc.status !== 'complete') notes.push(`${doc.status}: ${doc.error ?? ''}`);
        progress(`experiment: ${seconds} s`);
        emit({ backend: backendName, where, loop, samplesPerSecond: null, steps: 0, evalTestMs, seconds, ...(notes.length ? { note: notes.join('; ') } : {}) });
      } catch (e) {
        emit({ backend: backendName, where, loop, samplesPerSecond: null, steps: 0, evalTestMs, note: `failed: ${errorText(e)}` });
      }
      continue;
    }
    const masked = MASKED[loop];
    // Conv-2 steps cost ~10x LeNet's; fewer of them keep the row inside its time limit.
    const lo = masked?.model === 'conv2' ? { ...o, steps: Math.max(4, Math.round(o.steps / 10)), warmup: 2 } : o;
    progress(`${loop}: ${lo.warmup} warm-up + ${lo.steps} timed steps`);
    try {
      let result: LoopResult & { kernelsPerArm?: number };
      if (masked?.model === 'conv2') {
        const convArch = buildArchitecture('conv2', ds.inputShape, ds.numClasses);
        const convInit = initWeights(convArch, new Rng(deriveSeed(BENCH_SEED, 'bench-init')));
        result = await benchImp(ds, convArch, convInit, randomMasks(convArch, BENCH_DENSITY, new Rng(deriveSeed(BENCH_SEED, 'bench-mask'))), 1, lo);
      } else if (masked) result = await benchImp(ds, arch, init, masks, masked.arms, lo);
      else result = await benchPlain(ds, arch, init, lo);
      if (result.stoppedEarly) notes.push(`stopped after ${result.steps} of ${lo.steps} steps (${lo.maxSeconds} s limit)`);
      if (!Number.isFinite(result.loss)) notes.push(`loss is ${result.loss}`);
      progress(`${loop}: ${Math.round(result.samplesPerSecond)} samples/s over ${result.steps} steps, last loss ${result.loss.toFixed(3)}${result.kernelsPerArm ? `, ${result.kernelsPerArm} kernels per step per arm` : ''}`);
      emit({
        backend: backendName,
        where,
        loop,
        samplesPerSecond: round(result.samplesPerSecond),
        steps: result.steps,
        evalTestMs,
        ...(result.kernelsPerArm ? { kernelsPerArm: result.kernelsPerArm } : {}),
        ...(notes.length ? { note: notes.join('; ') } : {}),
      });
    } catch (e) {
      progress(`${loop} failed: ${errorText(e)}`);
      emit({ backend: backendName, where, loop, samplesPerSecond: null, steps: 0, evalTestMs, note: `failed: ${errorText(e)}` });
    }
  }
  const leaked = tf.memory().numTensors - tensorsBefore;
  if (leaked !== 0) progress(`warning: ${leaked} tensors left over`);
  return rows;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
