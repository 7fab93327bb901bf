// What a config implies, in words and numbers, for the line next to each control: weights left
// after the last round, parameters, FLOPs, training runs, epochs, evaluation cost and a rough time
// estimate. Pure and free of tfjs: it sizes the model with the engine's own architecture
// description (architectures.ts) and pruning schedule (prune.ts), so what a slider promises is
// what the engine does.
import { buildArchitecture, summarize, type Architecture } from '../engine/architectures';
import { remainingSchedule } from '../engine/prune';
import { formatPercent } from '../analysis/format';
import { CRITERION } from '../engine/criteria';
import { PRUNED_LINES, START_LINES } from '../engine/starts';
import { FIELDS, PATH_POINTS, armsInRound, hasTransfer, measuresStability, plannedRuns, type DatasetName, type ExperimentConfig, type FieldName } from './schema';

export { plannedRuns };

// ---------- data ----------

export interface DatasetInfo {
  /** Human name for the select. */
  name: string;
  /** One line: what the examples are. */
  line: string;
  inputShape: number[];
  numClasses: number;
  /** Examples the engine trains on, holds out for validation and tests on (data.ts). */
  train: number;
  val: number;
  test: number;
  unit: 'images' | 'points';
}

// MNIST and Fashion-MNIST: the last 5,000 of the 60,000 training images are the validation set;
// 2-D data: 2,000 / 500 / 1,000 points (SYNTH_SIZES in data.ts).
const images = (name: string, line: string): DatasetInfo => ({
  name,
  line,
  inputShape: [28, 28, 1],
  numClasses: 10,
  train: 55_000,
  val: 5_000,
  test: 10_000,
  unit: 'images',
});
const points = (name: string, line: string): DatasetInfo => ({
  name,
  line,
  inputShape: [2],
  numClasses: 2,
  train: 2_000,
  val: 500,
  test: 1_000,
  unit: 'points',
});

export const DATASET_INFO: Record<DatasetName, DatasetInfo> = {
  mnist: images('MNIST digits', 'handwritten digits 0-9, 28×28 grey'),
  fashion: images('Fashion-MNIST', 'clothing in 10 classes, 28×28 grey'),
  circles: points('2-D circles', 'a ring around a disc'),
  xor: points('2-D xor', 'four quadrants, opposite ones alike'),
  gauss: points('2-D gaussians', 'two overlapping blobs'),
  spiral: points('2-D spiral', 'two interleaved spirals'),
};

export const MODEL_NAMES: Record<string, string> = {
  lenet300: 'LeNet-300-100',
  conv2: 'Conv-2',
  conv4: 'Conv-4',
  conv6: 'Conv-6',
};

export const isConvModel = (model: string) => model.startsWith('conv');

// ---------- formatting ----------

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;

export { formatPercent };

/** 0.0012 -> "1.2e-3", 0.01 -> "1e-2", 0.5 -> "0.5". */
export function formatLr(lr: number): string {
  if (lr >= 0.1) return String(Number(lr.toPrecision(2)));
  return lr.toExponential(1).replace('.0e', 'e').replace('e+', 'e');
}

/** Rounded, human duration: "40 s", "6 min", "1 h 20 min", "2.5 days". */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return 'under a second';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 10 * 3600) {
    const h = Math.floor(seconds / 3600);
    const m = Math.round((seconds - h * 3600) / 60);
    return m === 60 ? `${h + 1} h` : m ? `${h} h ${m} min` : `${h} h`;
  }
  if (seconds < 48 * 3600) return `${Math.round(seconds / 3600)} h`;
  return `${(seconds / 86_400).toFixed(1)} days`;
}

/** "20% per round" (the slider's own words). */
export const rateText = (rate: number) => `${Math.round(rate * 1000) / 10}% per round`;

// ---------- the model ----------

export function architectureOf(config: Pick<ExperimentConfig, 'model' | 'dataset'>): Architecture {
  const d = DATASET_INFO[config.dataset];
  return buildArchitecture(config.model, d.inputShape, d.numClasses);
}

export interface ParameterCounts {
  /** Prunable weights (biases are never pruned). */
  weights: number;
  biases: number;
  parameters: number;
}

export function parameterCounts(config: Pick<ExperimentConfig, 'model' | 'dataset'>): ParameterCounts {
  const s = summarize(architectureOf(config));
  const biases = s.layers.reduce((a, l) => a + l.biases, 0);
  return { weights: s.prunableWeights, biases, parameters: s.prunableWeights + biases };
}

/** FLOPs of one dense forward pass (2 per multiply-add; biases and activations not counted). */
export function flopsPerInference(config: Pick<ExperimentConfig, 'model' | 'dataset'>): number {
  return summarize(architectureOf(config)).layers.reduce((a, l) => a + l.flops, 0);
}

/** "LeNet-300-100 (784-300-100-10): 266,200 weights + 410 biases = 266,610 parameters". */
export function parametersText(config: ExperimentConfig): string {
  const arch = architectureOf(config);
  const { weights, biases, parameters } = parameterCounts(config);
  const shape =
    arch.layers.every((l) => l.kind === 'dense') && !arch.name.startsWith('MLP')
      ? ` (${[arch.layers[0].shape[0], ...arch.layers.map((l) => l.shape[1])].join('-')})`
      : '';
  return `${arch.name}${shape}: ${fmt(weights)} weights + ${fmt(biases)} biases = ${fmt(parameters)} parameters`;
}

/** "532,400 FLOPs per example (dense forward pass)". */
export function flopsText(config: ExperimentConfig): string {
  const f = flopsPerInference(config);
  const value = f >= 1e9 ? `${(f / 1e9).toFixed(2)} GFLOPs` : f >= 1e7 ? `${(f / 1e6).toFixed(1)} MFLOPs` : `${fmt(f)} FLOPs`;
  return `${value} per example (dense forward pass, 2 per multiply-add)`;
}

// ---------- pruning ----------

/** Fraction of prunable weights left after rounds 0..rounds (exactly what the engine removes). */
export function scheduleOf(config: ExperimentConfig): number[] {
  return remainingSchedule(architectureOf(config), config.rate, config.convRate, config.scope, config.rounds);
}

/** Fraction of prunable weights left after the last round. */
export const finalRemaining = (config: ExperimentConfig) => scheduleOf(config)[config.rounds];

/**
 * "20% per round × 7 rounds: 21.1% of weights remain (output layer at 10% per round)".
 * Names the conv rate for conv models and the single threshold for global scope.
 */
export function remainingText(config: ExperimentConfig): string {
  const arch = architectureOf(config);
  const left = finalRemaining(config);
  const weights = summarize(arch).prunableWeights;
  const hasConv = arch.layers.some((l) => l.kind === 'conv');
  if (config.rounds === 0) return `0 rounds: only the dense network is trained (100% of ${fmt(weights)} weights)`;
  const rounds = plural(config.rounds, 'round');
  const kept = `${formatPercent(left)} of weights remain (${fmt(Math.round(left * weights))} of ${fmt(weights)})`;
  if (config.scope === 'global')
    return `${rateText(config.rate)} under one global threshold × ${rounds}: ${kept}; layers shrink unevenly`;
  const rate = hasConv ? `fully-connected ${rateText(config.rate)}, conv ${Math.round(config.convRate * 1000) / 10}%` : rateText(config.rate);
  return `${rate} × ${rounds}: ${kept}; output layer at half rate (${Math.round(config.rate * 500) / 10}% per round)`;
}

export function scopeText(config: ExperimentConfig): string {
  return config.scope === 'layer'
    ? 'per layer: every layer loses the same fraction (output layer half of it, conv layers the conv rate)'
    : `global: the smallest ${Math.round(config.rate * 100)}% of all surviving weights go, wherever they are; output and conv rates are not used`;
}

export function convRateText(config: ExperimentConfig): string {
  if (!isConvModel(config.model)) return 'only conv models (Conv-2/4/6) have conv layers';
  if (config.scope === 'global') return 'not used with a global threshold';
  return `conv layers lose ${rateText(config.convRate)} (${formatPercent((1 - config.convRate) ** config.rounds)} of them left after ${plural(config.rounds, 'round')})`;
}

// ---------- training runs ----------

/** Training runs of one seed: the dense run, then per round the ticket and one run per control. */

/** Repeats of the whole experiment (the `seeds` field where the schema has it; else 1). */
export const seedsOf = (config: object) => {
  // A learned supermask runs the first seed only (runner.ts).
  if ((config as { mode?: unknown }).mode === 'supermask') return 1;
  const n = (config as { seeds?: unknown }).seeds;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : 1;
};

/** `(1 + rounds × (1 + controls)) × iters`, times the number of seeds. */
export const totalIterations = (config: Pick<ExperimentConfig, 'rounds' | 'controls' | 'iters'>) =>
  seedsOf(config) * plannedRuns(config) * config.iters;

/** "22 training runs (1 dense + 7 rounds × (ticket + 2 controls)) × 1,000 iterations = 22,000 iterations". */
export function runsText(config: ExperimentConfig): string {
  const c = config.controls.length;
  const k = config.compare.length;
  const w = config.rewinds.length;
  const transfer = hasTransfer(config);
  const parts0 = [
    c ? plural(c, 'control') : '',
    k ? plural(k, 'compared criterion', 'compared criteria') : '',
    w ? plural(w, 'other rewind') : '',
    transfer ? '3 transfer arms' : '',
  ].filter(Boolean);
  const perRound = parts0.length ? `(ticket + ${parts0.join(' + ')})` : '1 ticket';
  const dense = transfer ? '2 dense' : '1 dense';
  const twice = config.stability === 'all' ? ', every run twice for stability' : config.stability.length ? `, ${plural(config.stability.length, 'round')} twice for stability` : '';
  const parts = config.rounds ? `${dense} + ${plural(config.rounds, 'round')} × ${perRound}${twice}` : `the dense network only${twice}`;
  const seeds = seedsOf(config);
  const runs = seeds * plannedRuns(config);
  const repeat = seeds > 1 ? ` × ${seeds} seeds` : '';
  return `${plural(runs, 'training run')} (${parts}${repeat}) × ${fmt(config.iters)} iterations = ${fmt(totalIterations(config))} iterations`;
}

/** Passes over the training set in one training run. */
export function epochsPerRun(config: Pick<ExperimentConfig, 'iters' | 'batch' | 'dataset'>): number {
  const d = DATASET_INFO[config.dataset];
  return (config.iters * Math.min(config.batch, d.train)) / d.train;
}

/** "1,000 × 60 = 60,000 examples = 1.09 epochs of the 55,000 training images per run". */
export function epochsText(config: ExperimentConfig): string {
  const d = DATASET_INFO[config.dataset];
  const e = epochsPerRun(config);
  const epochs = e >= 10 ? e.toFixed(0) : e >= 1 ? e.toFixed(2) : e.toPrecision(2);
  return `${fmt(config.iters)} × ${fmt(config.batch)} = ${fmt(config.iters * config.batch)} examples = ${epochs} epochs of the ${fmt(d.train)} training ${d.unit} per run`;
}

/** θ0 or late resetting to iteration k. */
export function rewindText(config: Pick<ExperimentConfig, 'rewind' | 'iters'>): string {
  if (config.rewind === 0) return 'θ0: survivors are reset to the original initialisation (Frankle & Carbin 2019)';
  return `late resetting to iteration ${fmt(config.rewind)} (${formatPercent(config.rewind / config.iters)} of training, ${fmt(config.rewind)}/${fmt(config.iters)}): survivors are reset to θ${config.rewind} (Frankle et al. 2019)`;
}

export function controlsText(config: ExperimentConfig): string {
  if (!config.controls.length) return 'no controls: only the tickets are trained';
  const parts = config.controls.map((c) =>
    c === 'reinit' ? 'random re-init: the ticket’s mask with fresh random weights' : 'random mask: a random mask of the same per-layer sparsity',
  );
  return `${parts.join('; ')} — each trained every round`;
}

/** Evaluations per training run: at iteration 0, every evalEvery, and at the end. */
export const evaluationsPerRun = (config: Pick<ExperimentConfig, 'iters' | 'evalEvery'>) =>
  1 + Math.floor(config.iters / config.evalEvery) + (config.iters % config.evalEvery ? 1 : 0);

/** Pairs the stability measure compares, per seed: every arm of every measured round. */
export function stabilityPairs(config: ExperimentConfig): number {
  if (config.mode !== 'imp') return 0;
  let pairs = 0;
  for (let r = 0; r <= config.rounds; r++) if (measuresStability(config, r)) pairs += armsInRound(config, r) / 2;
  return pairs;
}

export function stabilityText(config: ExperimentConfig): string {
  if (config.mode !== 'imp') return 'used only with mode=imp';
  const pairs = stabilityPairs(config);
  if (!pairs) return 'off: each arm is trained once';
  return `each arm of those rounds also trains a copy from the same start with another data order (${plural(pairs, 'pair')}); reports their distance and the test accuracy on the line between them (Frankle et al. 2020)`;
}

export function rewindsText(config: ExperimentConfig): string {
  if (config.mode !== 'imp') return 'used only with mode=imp';
  if (!config.rewinds.length) return `only the ticket’s own rewind (k = ${fmt(config.rewind)}); list others to prune a chain for each`;
  const ks = [config.rewind, ...config.rewinds].sort((a, b) => a - b).map(fmt).join(', ');
  return `one ticket chain per k = ${ks}, each reset to its own θ_k from the one dense run: ${runsText(config)}`;
}

export function transferOptText(config: ExperimentConfig): string {
  if (config.transferOpt === 'none') return 'the ticket is trained with its own optimizer only';
  const on = config.transfer === 'none' ? '' : ` on ${DATASET_INFO[config.transfer].name}`;
  return `each round also trains${on} with ${OPTIMIZER_LINES[config.transferOpt] ?? config.transferOpt} at ${formatLr(config.transferLr)}: the ticket’s mask and start, a random mask of its sparsity, and the ticket that optimizer finds itself (Morcos et al. 2019)`;
}

/** Test and validation examples one evaluation reads (evalSize, capped by the dataset). */
export function evalExamples(config: Pick<ExperimentConfig, 'dataset' | 'evalSize'>): { test: number; val: number } {
  const d = DATASET_INFO[config.dataset];
  return { test: Math.min(d.test, config.evalSize), val: Math.min(d.val, config.evalSize) };
}

export function evalEveryText(config: ExperimentConfig): string {
  return `${plural(evaluationsPerRun(config), 'evaluation')} per run (the learning curves' points; early stopping picks among them)`;
}

export function evalSizeText(config: ExperimentConfig): string {
  const { test, val } = evalExamples(config);
  const d = DATASET_INFO[config.dataset];
  const capped = [test < config.evalSize && 'test', val < config.evalSize && 'validation'].filter(Boolean);
  const note = capped.length ? ` (the whole ${capped.join(' and ')} set${capped.length > 1 ? 's' : ''})` : '';
  return `${fmt(test)} test + ${fmt(val)} validation ${d.unit} per evaluation${note}`;
}

// ---------- time ----------

/**
 * Training speed of LeNet-300-100 at batch 60 assumed for WASM in a browser, counted across a
 * round's arms: `npm run bench` in headless chromium on one WASM thread, 2-core AMD EPYC, load
 * ~1.5 (2026-11-25, after the [out, in] weight layout): 4,867 samples/s for one network, 5,582
 * for a round's three. Other models are scaled by their multiply-adds (below).
 */
export const DEFAULT_SAMPLES_PER_SECOND = 5_000;

// A rough WASM cost model calibrated on those measurements: each step costs a fixed overhead
// (tiny 2-D MLPs run ~50,000 samples/s, overhead-bound) plus 6 FLOPs per multiply-add per example
// (forward + backward). XNNPACK's convolutions run closer to the machine's peak than batch-60
// dense layers do: a conv multiply-add costs ~0.65 of a dense one (Conv-2 measured 66 samples/s
// on the same bench, one thread; 107 on two). An evaluation example costs a forward pass, 2 FLOPs
// per multiply-add: 60 µs a LeNet image on the bench's 10,000-image evaluation, as the model says.
const STEP_OVERHEAD_S = 1.2e-3;
const CONV_COST = 0.65;
const LENET_MACS = 266_200;
const LENET_BATCH = 60;
const FLOP_RATE = (6 * LENET_MACS * LENET_BATCH) / (LENET_BATCH / DEFAULT_SAMPLES_PER_SECOND - STEP_OVERHEAD_S);
/** CPU (pure JS) backend vs WASM, from the same bench (287 vs 5,752 samples/s). */
const CPU_SLOWDOWN = 20;

function effectiveMacs(config: Pick<ExperimentConfig, 'model' | 'dataset'>): number {
  return architectureOf(config).layers.reduce((a, l) => a + l.macs * (l.kind === 'conv' ? CONV_COST : 1), 0);
}

/** Seconds per training example and per evaluation example on WASM, from the cost model. */
function wasmCosts(config: ExperimentConfig): { train: number; evaluate: number } {
  const macs = effectiveMacs(config);
  const batch = Math.min(config.batch, DATASET_INFO[config.dataset].train);
  return { train: STEP_OVERHEAD_S / batch + (6 * macs) / FLOP_RATE, evaluate: (2 * macs) / FLOP_RATE };
}

/** The cost model's training samples/s for this model and batch on WASM (CPU: 20× slower). */
export function estimateSamplesPerSecond(config: ExperimentConfig): number {
  return 1 / wasmCosts(config).train / (config.backend === 'cpu' ? CPU_SLOWDOWN : 1);
}

export interface TimeEstimate {
  seconds: number;
  trainingSeconds: number;
  evaluationSeconds: number;
  samplesPerSecond: number;
  /** Training examples over the whole experiment. */
  samples: number;
  /** Test + validation examples evaluated over the whole experiment. */
  evaluated: number;
}

/**
 * Rough wall time of the whole experiment: training samples at `samplesPerSecond` (default: the
 * cost model's WASM figure for this model) plus evaluations, whose per-example cost relative to a
 * training example comes from the cost model.
 */
export function estimateTime(config: ExperimentConfig, samplesPerSecond?: number): TimeEstimate {
  const sps = samplesPerSecond && samplesPerSecond > 0 ? samplesPerSecond : estimateSamplesPerSecond(config);
  const costs = wasmCosts(config);
  const runs = seedsOf(config) * plannedRuns(config);
  const samples = totalIterations(config) * config.batch;
  const { test, val } = evalExamples(config);
  // Stability: each measured pair's path is 11 more test evaluations.
  const evaluated = runs * evaluationsPerRun(config) * (test + val) + seedsOf(config) * stabilityPairs(config) * PATH_POINTS * test;
  const trainingSeconds = samples / sps;
  const evaluationSeconds = (evaluated * (costs.evaluate / costs.train)) / sps;
  return { seconds: trainingSeconds + evaluationSeconds, trainingSeconds, evaluationSeconds, samplesPerSecond: sps, samples, evaluated };
}

const round2 = (n: number) => Number(n.toPrecision(2));

/**
 * "estimate: about 6 min at ~5,000 samples/s (WASM; WebGL/WebGPU on a real GPU are usually faster)".
 * With a measured figure: "… at 5,800 samples/s (measured)".
 */
export function timeText(config: ExperimentConfig, samplesPerSecond?: number): string {
  const t = estimateTime(config, samplesPerSecond);
  const where =
    samplesPerSecond && samplesPerSecond > 0
      ? 'measured on this machine'
      : config.backend === 'cpu'
        ? 'CPU backend'
        : config.backend === 'wasm'
          ? 'WASM'
          : 'WASM; WebGL/WebGPU on a real GPU are usually faster';
  return `estimate: about ${formatDuration(t.seconds)} at ~${fmt(round2(t.samplesPerSecond))} samples/s (${where})`;
}

// ---------- one line per field ----------

export const BACKEND_LINES: Record<string, string> = {
  auto: 'auto: a short training measurement on each backend picks the fastest',
  webgpu: 'WebGPU: fastest on a real GPU, in recent Chrome and Edge',
  webgl: 'WebGL: a GPU backend almost every browser has',
  wasm: 'WASM: SIMD on the CPU, steady for MLPs; conv nets are slow',
  cpu: 'CPU: plain JavaScript, a slow fallback',
};

export const OPTIMIZER_LINES: Record<string, string> = {
  adam: 'Adam (Frankle & Carbin’s choice for LeNet and Conv-2/4/6)',
  sgd: 'plain SGD',
  momentum: 'SGD with momentum 0.9',
};

/** The implication line shown next to a field's control. */
export function fieldImplication(name: FieldName, config: ExperimentConfig, samplesPerSecond?: number): string {
  // A string switch, so a field added to the schema later falls through to its doc line.
  switch (name as string) {
    case 'dataset': {
      const d = DATASET_INFO[config.dataset];
      return `${d.line}: ${fmt(d.train)} train / ${fmt(d.val)} validation / ${fmt(d.test)} test ${d.unit}, ${d.numClasses} classes`;
    }
    case 'model':
      return `${parametersText(config)}; ${flopsText(config)}`;
    case 'rate':
      return remainingText(config);
    case 'convRate':
      return convRateText(config);
    case 'scope':
      return scopeText(config);
    case 'rounds':
      return runsText(config);
    case 'rewind':
      return rewindText(config);
    case 'controls':
      return controlsText(config);
    case 'mode':
      return config.mode === 'supermask'
        ? `one run of ${fmt(config.iters)} iterations learns a mask over fixed weights (${START_LINES[config.start]}); rounds, rate, criterion and controls are not used`
        : runsText(config);
    case 'scoreLr':
      return config.mode === 'supermask' ? `Adam at ${formatLr(config.scoreLr)} on one score per weight` : 'used only with mode=supermask';
    case 'criterion':
      return CRITERION[config.criterion].line;
    case 'stability':
      return stabilityText(config);
    case 'rewinds':
      return rewindsText(config);
    case 'transferOpt':
      return transferOptText(config);
    case 'transferLr':
      return config.transferOpt === 'none' ? 'used only with another optimizer' : `${formatLr(config.transferLr)} with ${OPTIMIZER_LINES[config.transferOpt] ?? config.transferOpt}`;
    case 'transfer':
      return config.transfer === 'none'
        ? 'the ticket is trained on the training data only'
        : `each round also trains, on ${DATASET_INFO[config.transfer].name}, the ticket’s mask and start, a random mask of its sparsity, and ${DATASET_INFO[config.transfer].name}’s own ticket (Morcos et al. 2019)`;
    case 'compare':
      return config.compare.length
        ? `${plural(config.compare.length, 'more ticket chain')} beside the ticket, each pruned by its own criterion from the same dense network: ${runsText(config)}`
        : 'only the ticket’s criterion; tick others to prune each in its own chain, trained alongside';
    case 'start':
      return `kept weights start from ${START_LINES[config.start]}`;
    case 'pruned':
      return PRUNED_LINES[config.pruned];
    case 'iters':
      return `${fmt(totalIterations(config))} iterations in all; ${timeText(config, samplesPerSecond)}`;
    case 'batch':
      return epochsText(config);
    case 'lr':
      return `${formatLr(config.lr)} with ${OPTIMIZER_LINES[config.opt] ?? config.opt}`;
    case 'opt':
      return OPTIMIZER_LINES[config.opt] ?? config.opt;
    case 'evalEvery':
      return evalEveryText(config);
    case 'evalSize':
      return evalSizeText(config);
    case 'seed':
      return `seed ${config.seed}: the same seed gives the same init, data order and random masks`;
    case 'backend':
      return BACKEND_LINES[config.backend] ?? config.backend;
    case 'seeds': {
      const n = seedsOf(config);
      return n === 1
        ? 'one seed: a single run of the experiment'
        : `${n} repeats (seeds ${config.seed}-${config.seed + n - 1}): charts show the mean and the min-max band; ${n}× the time`;
    }
    default:
      return (FIELDS as Record<string, { doc: string }>)[name]?.doc ?? '';
  }
}

