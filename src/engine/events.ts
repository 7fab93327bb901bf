// Plain-data types that cross the worker boundary and make up the results document.
// Nothing here holds a tensor: views and files only ever see these.
import type { ExperimentConfig } from '../config/schema';
import type { CriterionName } from './criteria';
import type { ResumePoint } from './resume';
import type { Fault } from './faults';

export const ENGINE_VERSION = '0.1.0';
export const RESULTS_FORMAT = 'ticket-lab/results';
// 2: stability, rewinds, transferOpt (version 1 documents read as they are: every new field is optional).
export const RESULTS_VERSION = 2;

/**
 * Which network a training run belongs to: the ticket, one of its controls, or (compare=…) the
 * ticket chain of another mask criterion, `criterion:<name>`.
 */
export type CriterionArm = `criterion:${CriterionName}`;
export type TransferArm = 'transfer' | 'transferRandomMask' | 'targetTicket';
/** rewinds=…: the ticket chain reset to iteration k (its own θ_k) instead of config.rewind. */
export type RewindArm = `rewind:${number}`;
export type Arm = 'ticket' | 'reinit' | 'randomMask' | TransferArm | CriterionArm | RewindArm;
export const ARMS: readonly Arm[] = ['ticket', 'reinit', 'randomMask'];

export const criterionArm = (name: CriterionName): CriterionArm => `criterion:${name}`;
/** The criterion of a `criterion:<name>` arm, else null. */
export const criterionOf = (arm: Arm): CriterionName | null => (arm.startsWith('criterion:') ? (arm.slice('criterion:'.length) as CriterionName) : null);

export const rewindArm = (k: number): RewindArm => `rewind:${k}`;
/** The k of a `rewind:<k>` arm, else null. */
export const rewindOf = (arm: Arm): number | null => (arm.startsWith('rewind:') ? Number(arm.slice('rewind:'.length)) : null);

/** The arms a config trains: the ticket, its controls, each compared criterion's and rewind's chain, the transfer arms. */
export function configArms(config: Partial<Pick<ExperimentConfig, 'transferOpt' | 'rewinds'>> & Pick<ExperimentConfig, 'controls' | 'compare' | 'transfer'>): Arm[] {
  const transfer = config.transfer !== 'none' || (config.transferOpt ?? 'none') !== 'none';
  return [
    'ticket',
    ...(config.controls.includes('reinit') ? (['reinit'] as const) : []),
    ...(config.controls.includes('random') ? (['randomMask'] as const) : []),
    ...config.compare.map(criterionArm),
    ...(config.rewinds ?? []).map(rewindArm),
    ...(transfer ? (['transfer', 'transferRandomMask', 'targetTicket'] as const) : []),
  ];
}

/**
 * An arm's result in a round, wherever the document keeps it. A compared criterion's chain shares
 * the ticket's dense round 0 (every chain starts from the same trained network).
 */
export function armResultOf(r: RoundResult, arm: Arm): ArmResult | null {
  const c = criterionOf(arm);
  if (c) return r.round === 0 ? r.ticket : (r.criteria?.[c] ?? null);
  const k = rewindOf(arm);
  if (k !== null) return r.round === 0 ? r.ticket : (r.rewinds?.[String(k)] ?? null);
  return r[arm as 'ticket' | 'reinit' | 'randomMask' | TransferArm] ?? null;
}

export interface CurvePoint {
  iteration: number;
  testAccuracy: number;
  testLoss: number;
  valAccuracy: number;
  valLoss: number;
}

export interface LayerCount {
  name: string;
  kind: 'dense' | 'conv';
  total: number;
  remaining: number;
}

/** One training run (one arm in one round). */
export interface ArmResult {
  /** Accuracy on the test set of the rewound, masked network before any training. */
  untrainedAccuracy: number;
  testAccuracy: number;
  testLoss: number;
  bestValAccuracy: number;
  /** Iteration of the best validation accuracy (the earliest, on ties): the early-stopping point. */
  earlyStopIteration: number;
  /** Test accuracy at the early-stopping iteration. */
  testAccuracyAtEarlyStop: number;
  curve: CurvePoint[];
  layers: LayerCount[];
  seconds: number;
  /** stability=…: this arm trained a second time from the same start with another data order. */
  stability?: StabilityResult;
}

/** Two copies of one arm, trained from the same start with two data orders (Frankle et al. 2020). */
export interface StabilityResult {
  /** ‖w_a − w_b‖ / ‖w_a‖ over the prunable weights at the end of training. */
  distance: number;
  /** Test accuracy at α = 0, 0.1, …, 1 on the line (1 − α)·w_a + α·w_b (endpoints: the two copies). */
  path: number[];
  /** Mean of the endpoints' accuracies minus the path's lowest: the error barrier. */
  instability: number;
}

export interface RoundResult {
  round: number;
  /** Fraction of prunable weights left (1 in round 0). */
  remaining: number;
  ticket: ArmResult;
  /** Controls share the ticket's per-layer sparsity; null in round 0 (the dense network) or when not run. */
  reinit: ArmResult | null;
  randomMask: ArmResult | null;
  /** transfer=…: the source ticket's mask and rewind values trained on the target dataset (from round 1). */
  transfer?: ArmResult | null;
  /** transfer=…: a random mask of the source ticket's per-layer sparsity, on the target (from round 1). */
  transferRandomMask?: ArmResult | null;
  /** transfer=…: the target's own ticket, its own IMP chain on the target with the same seed and rates. */
  targetTicket?: ArmResult | null;
  /** compare=…: each other criterion's ticket chain in this round (absent in round 0 and without compare). */
  criteria?: Partial<Record<CriterionName, ArmResult>>;
  /** rewinds=…: each swept rewind iteration k's ticket chain, keyed by k (absent in round 0 and without rewinds). */
  rewinds?: Record<string, ArmResult>;
}

/** mode=supermask: one evaluation of the learned mask (weights never trained). */
export interface SupermaskPoint {
  iteration: number;
  /** Test accuracy and loss of the fixed weights under the deterministic mask (s > 0). */
  testAccuracy: number;
  testLoss: number;
  valAccuracy: number;
  /** Fraction of the prunable weights the deterministic mask keeps. */
  density: number;
}

export interface SupermaskResult {
  testAccuracy: number;
  density: number;
  curve: SupermaskPoint[];
  layers: LayerCount[];
  seconds: number;
}

export interface BackendInfo {
  name: string;
  /** Why this backend: e.g. "WebGPU: software adapter (SwiftShader); WASM is faster here". */
  reason: string;
  /** What was tried before it, with why each was passed over. */
  tried: string[];
}

export interface ModelSummary {
  name: string;
  inputShape: number[];
  /** positions: output positions each weight is applied at per example (absent in older documents). */
  layers: { name: string; kind: 'dense' | 'conv'; shape: number[]; weights: number; biases: number; flops: number; positions?: number }[];
  prunableWeights: number;
  /** Output classes (10 for the image sets, 2 for the 2-D ones). */
  numClasses?: number;
}

export interface ResultsDocument {
  format: typeof RESULTS_FORMAT;
  version: typeof RESULTS_VERSION;
  engineVersion: string;
  createdAt: string;
  config: ExperimentConfig;
  query: string;
  backend: BackendInfo;
  model: ModelSummary;
  dataset: { name: string; train: number; val: number; test: number; source: string };
  status: 'running' | 'complete' | 'stopped' | 'failed';
  error?: string;
  /** The rounds of the first seed (config.seed). */
  rounds: RoundResult[];
  /** With config.seeds > 1: the rounds of seeds seed+1, seed+2, … (same data, other init and order). */
  extraSeeds: { seed: number; rounds: RoundResult[] }[];
  /** Planned fraction of prunable weights left in rounds 0..config.rounds (the exact counts pruneByScore removes). */
  schedule?: number[];
  /** mode=supermask: the learned mask over fixed weights (rounds stay empty). */
  supermask?: SupermaskResult;
}

/**
 * One layer of the ticket after a round, as sent once a round for the weight and mask views. Masks
 * are bytes (1 = kept); every buffer is fresh, so the worker transfers it rather than copying.
 */
export interface RoundSnapshotLayer {
  name: string;
  kind: 'dense' | 'conv';
  shape: number[];
  final: Float32Array;
  /** The mask this round trained under (1 = kept). */
  mask: Uint8Array;
  /** The mask the next round will use, derived from `final` (absent after the last round). */
  nextMask?: Uint8Array;
}

/** A layer's starting values, sent once per seed: θ0 and the values survivors are rewound to. */
export interface StartLayer {
  init: Float32Array;
  rewind: Float32Array;
}

/** What the weight and mask views draw for one layer of one round (assembled by the page). */
export interface LayerSnapshot extends Omit<RoundSnapshotLayer, 'final'>, StartLayer {
  /** Absent when the page dropped this round's trained weights to stay within its memory budget. */
  final?: Float32Array;
}

export interface Progress {
  /** Seeds trained together (config.seeds). */
  seeds: number;
  round: number;
  rounds: number;
  /** Networks trained together this round: every seed's ticket, and its controls after round 0. */
  arms: number;
  iteration: number;
  iters: number;
  /** Training examples per second, counted across the arms. */
  samplesPerSecond: number;
  /** The first seed's ticket's batch loss. */
  loss: number;
  /** Training runs (one per arm and round) finished and planned, for an overall progress bar and time left. */
  runsDone: number;
  runsTotal: number;
  secondsElapsed: number;
}

export type EngineEvent =
  | { type: 'status'; message: string }
  | { type: 'data-progress'; dataset: string; phase: 'download' | 'decode'; loaded: number; total: number }
  | { type: 'started'; document: ResultsDocument }
  | { type: 'progress'; progress: Progress }
  | { type: 'curve'; seedIndex: number; round: number; arm: Arm; point: CurvePoint }
  | { type: 'arm'; seedIndex: number; round: number; arm: Arm; result: ArmResult }
  | { type: 'round'; seedIndex: number; result: RoundResult }
  | { type: 'start-weights'; seedIndex: number; layers: StartLayer[] }
  | { type: 'supermask-point'; point: SupermaskPoint }
  | { type: 'snapshot'; seedIndex: number; round: number; layers: RoundSnapshotLayer[] }
  /** After every round but the last: what resuming from here needs (resume.ts); fresh buffers. */
  | { type: 'resume-point'; point: ResumePoint }
  /** The run stopped on a fault (a lost GPU, memory, an error): sent before 'done'; the finished rounds stay. */
  | { type: 'fault'; fault: Fault }
  /** The answer to a speed measurement (runner.measureSpeed): samples/s of `key`'s model on this machine. */
  | { type: 'speed'; key: string; samplesPerSecond: number; backend: string }
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'done'; document: ResultsDocument }
  | { type: 'error'; message: string };

/** Fraction of the experiment's training done: finished runs plus the round in progress, whose arms train together. */
export const progressFraction = (p: Progress) => (p.runsDone + (p.arms * p.iteration) / p.iters) / p.runsTotal;
