// The one source of truth for an experiment's configuration: every field's type, default,
// bounds and URL key live in FIELDS below. The engine, the worker, the store, the URL and the
// command-line runner all read configs through parseConfig, so a bad value anywhere is reported
// the same way and replaced by its default.
import { z } from 'zod';
import { CRITERIA, type CriterionName } from '../engine/criteria';
import { PRUNED_VALUES, STARTS, type PrunedName, type StartName } from '../engine/starts';
import { quoted, shown, zodReason } from './shown';

export const DATASETS = ['mnist', 'fashion', 'circles', 'xor', 'gauss', 'spiral'] as const;
export type DatasetName = (typeof DATASETS)[number];
export const IMAGE_DATASETS: readonly DatasetName[] = ['mnist', 'fashion'];

export const OPTIMIZERS = ['adam', 'sgd', 'momentum'] as const;
export const SCOPES = ['layer', 'global'] as const;
export const BACKENDS = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];
export const CONTROLS = ['reinit', 'random'] as const;
export const MODES = ['imp', 'supermask'] as const;
export type ModeName = (typeof MODES)[number];
export type ControlName = (typeof CONTROLS)[number];

/** `lenet300`, `conv2`, `conv4`, `conv6`, or a custom MLP as `mlp-W1-W2-...` (1-6 hidden layers). */
export const MODEL_PATTERN = /^(lenet300|conv2|conv4|conv6|mlp(-\d{1,4}){1,6})$/;
export const MAX_WIDTH = 2048;

const modelSchema = z
  .string()
  .regex(MODEL_PATTERN, 'use lenet300, conv2, conv4, conv6 or mlp-W1-W2… (1-6 hidden widths)')
  .refine(
    (m) => !m.startsWith('mlp') || m.split('-').slice(1).every((w) => +w >= 1 && +w <= MAX_WIDTH),
    `hidden widths must be 1-${MAX_WIDTH}`,
  );

const controlsSchema = z
  .array(z.enum(CONTROLS))
  .max(CONTROLS.length)
  .transform((list) => CONTROLS.filter((c) => list.includes(c)));

// Compared criteria: at most 6 chains beside the ticket, each named once, in the registry's order.
const compareSchema = z
  .array(z.enum(CRITERIA))
  .max(6)
  .transform((list) => CRITERIA.filter((c) => list.includes(c)));

// stability=all, or the rounds to measure (e.g. 0,3,5), or none: sorted, each once.
export type StabilityRounds = 'all' | number[];
// Reads its own output too (a parsed config goes through parseConfig again in the worker and on import).
const stabilitySchema = z
  .union([z.literal('all'), z.array(z.union([z.literal('all'), z.number().int().min(0).max(30), z.string().regex(/^\d{1,2}$/, 'use all, none, or round numbers such as 0,3,5')])).max(31)])
  .transform((v): StabilityRounds => (v === 'all' || v.includes('all') ? 'all' : [...new Set(v.map(Number))].sort((a, b) => a - b)))
  .refine((r) => r === 'all' || r.every((n) => n <= 30), 'rounds are 0-30');

// The rewind iterations of a sweep (rewinds=0,50,100,500): at most 6, sorted, each once.
const rewindsSchema = z
  .array(z.coerce.number().int('whole iterations').min(0).max(50_000))
  .max(6, 'at most 6 rewind iterations')
  .transform((list) => [...new Set(list)].sort((a, b) => a - b));

const int = (min: number, max: number) => z.number().int().min(min).max(max);
const num = (min: number, max: number) => z.number().min(min).max(max);

/** Each field: its zod schema, default, URL key and a one-line description (shown in the UI and docs). */
export const FIELDS = {
  dataset: { schema: z.enum(DATASETS), default: 'mnist' as DatasetName, key: 'dataset', doc: 'training data' },
  model: { schema: modelSchema, default: 'lenet300', key: 'model', doc: 'network architecture' },
  rate: { schema: num(0.01, 0.95), default: 0.2, key: 'rate', doc: 'fraction of remaining weights pruned per round (fully-connected layers; the output layer at half)' },
  convRate: { schema: num(0.01, 0.95), default: 0.1, key: 'convRate', doc: 'fraction pruned per round in convolutional layers' },
  rounds: { schema: int(0, 30), default: 7, key: 'rounds', doc: 'pruning rounds after the dense run' },
  iters: { schema: int(1, 50_000), default: 1000, key: 'iters', doc: 'training iterations per round' },
  batch: { schema: int(1, 1024), default: 60, key: 'batch', doc: 'mini-batch size' },
  lr: { schema: num(1e-6, 1), default: 1.2e-3, key: 'lr', doc: 'learning rate' },
  opt: { schema: z.enum(OPTIMIZERS), default: 'adam' as (typeof OPTIMIZERS)[number], key: 'opt', doc: 'optimizer' },
  scope: { schema: z.enum(SCOPES), default: 'layer' as (typeof SCOPES)[number], key: 'scope', doc: 'prune per layer or under one global threshold' },
  mode: {
    schema: z.enum(MODES),
    default: 'imp' as ModeName,
    key: 'mode',
    doc: 'imp: prune and retrain, round by round; supermask: learn a mask over weights that are never trained (Zhou et al. 2019)',
  },
  scoreLr: { schema: num(1e-4, 100), default: 0.1, key: 'scoreLr', doc: 'learning rate (Adam) of the supermask scores' },
  criterion: { schema: z.enum(CRITERIA), default: 'large_final' as CriterionName, key: 'criterion', doc: 'which weights a round keeps (mask criterion, Zhou et al. 2019)' },
  transfer: {
    schema: z.enum(['none', ...DATASETS]),
    default: 'none' as 'none' | DatasetName,
    key: 'transfer',
    doc: 'a dataset of the same input shape the ticket is also trained on each round (Morcos et al. 2019), beside a random mask and the target’s own ticket',
  },
  transferOpt: {
    schema: z.enum(['none', ...OPTIMIZERS]),
    default: 'none' as 'none' | (typeof OPTIMIZERS)[number],
    key: 'transferOpt',
    doc: 'another optimizer the ticket is also trained with each round (Morcos et al. 2019), beside a random mask and the ticket that optimizer finds itself',
  },
  transferLr: { schema: num(1e-6, 1), default: 0.01, key: 'transferLr', doc: 'learning rate of the transfer optimizer' },
  stability: {
    schema: stabilitySchema,
    default: [] as StabilityRounds,
    key: 'stability',
    allowed: 'all, none, or round numbers such as 0,3,5',
    doc: 'rounds in which every arm is trained twice from the same start with two data orders, to measure how far apart the two end and the error barrier between them (Frankle et al. 2020)',
  },
  rewinds: {
    schema: rewindsSchema,
    default: [] as number[],
    key: 'rewinds',
    doc: 'rewind iterations k swept beside the ticket: one IMP chain per k, each reset to its own θ_k (captured in the one dense run)',
  },
  compare: {
    schema: compareSchema,
    default: [] as CriterionName[],
    key: 'compare',
    doc: 'further mask criteria, each pruned in its own chain beside the ticket (same start, rates and data order)',
  },
  start: { schema: z.enum(STARTS), default: 'rewind' as StartName, key: 'start', doc: 'what the kept weights start each round from' },
  pruned: { schema: z.enum(PRUNED_VALUES), default: 'zero' as PrunedName, key: 'pruned', doc: 'what the pruned weights become' },
  rewind: { schema: int(0, 50_000), default: 0, key: 'rewind', doc: 'iteration k the survivors are reset to (0: the original init; k > 0: late resetting)' },
  controls: { schema: controlsSchema, default: ['reinit', 'random'] as ControlName[], key: 'controls', doc: 'controls trained every round: random re-init, random mask' },
  evalEvery: { schema: int(1, 50_000), default: 100, key: 'eval', doc: 'iterations between evaluations (learning-curve resolution)' },
  evalSize: { schema: int(100, 10_000), default: 10_000, key: 'evalSize', doc: 'test and validation examples used per evaluation (fewer is faster for conv nets)' },
  seed: { schema: int(0, 2 ** 31 - 1), default: 1, key: 'seed', doc: 'fixes the init, the data order and every random mask' },
  seeds: { schema: int(1, 5), default: 1, key: 'seeds', doc: 'repeats with seeds seed, seed+1, …: charts show the mean and the min-max band' },
  backend: { schema: z.enum(BACKENDS), default: 'auto' as BackendChoice, key: 'backend', doc: 'tfjs backend (auto: the fastest that starts)' },
} as const;

export type FieldName = keyof typeof FIELDS;
export type ExperimentConfig = { [K in FieldName]: z.output<(typeof FIELDS)[K]['schema']> };

export const DEFAULT_CONFIG: ExperimentConfig = Object.fromEntries(
  Object.entries(FIELDS).map(([k, f]) => [k, structuredClone(f.default)]),
) as ExperimentConfig;

export interface ConfigIssue {
  field: string;
  value: unknown;
  message: string;
}

export interface ParsedConfig {
  config: ExperimentConfig;
  issues: ConfigIssue[];
}

/** Whether `name` is a config field: FIELDS' own keys only, never what every object inherits (`constructor`, `toString`, `__proto__`). */
export const isFieldName = (name: string): name is FieldName => Object.hasOwn(FIELDS, name);

export type FieldCheck = { ok: true; value: unknown } | { ok: false; reason: string };

/** One field's value against its schema; the reason says why not in one short phrase, without repeating the value. */
export function checkField(name: FieldName, value: unknown): FieldCheck {
  const field: { schema: z.ZodTypeAny; allowed?: string } = FIELDS[name];
  const result = field.schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  if (!issue) return { ok: false, reason: 'invalid' };
  return { ok: false, reason: issue.code === 'invalid_union' && field.allowed ? `use ${field.allowed}` : zodReason(issue) };
}

/**
 * Validates a partial config field by field. Every invalid field is reported and replaced by its
 * default; unknown fields are reported and dropped. Never throws.
 */
export function parseConfig(input: Record<string, unknown>): ParsedConfig {
  const issues: ConfigIssue[] = [];
  const config = structuredClone(DEFAULT_CONFIG) as Record<string, unknown>;
  for (const [name, value] of Object.entries(input ?? {})) {
    if (!isFieldName(name)) {
      issues.push({ field: name, value, message: `unknown field ${quoted(name)} ignored` });
      continue;
    }
    if (value === undefined) continue;
    const check = checkField(name, value);
    if (check.ok) config[name] = check.value;
    else issues.push({ field: name, value, message: `${name}=${shown(value)}: ${check.reason}; using ${JSON.stringify(FIELDS[name].default)}` });
  }
  return checkCrossFields(config as ExperimentConfig, issues);
}

// Rules that involve two fields; each falls back to a default so the experiment still runs.
function checkCrossFields(config: ExperimentConfig, issues: ConfigIssue[]): ParsedConfig {
  if (config.rewind > config.iters) {
    issues.push({
      field: 'rewind',
      value: config.rewind,
      message: `rewind=${config.rewind} is past the ${config.iters} training iterations; using 0`,
    });
    config.rewind = 0;
  }
  if (config.transfer !== 'none' && (config.transfer === config.dataset || isImageDataset(config.transfer) !== isImageDataset(config.dataset))) {
    issues.push({ field: 'transfer', value: config.transfer, message: `transfer=${config.transfer} needs another dataset with ${config.dataset}'s input shape; using none` });
    config.transfer = 'none';
  }
  if (config.transferOpt !== 'none' && config.transferOpt === config.opt && config.transferLr === config.lr) {
    issues.push({ field: 'transferOpt', value: config.transferOpt, message: `transferOpt=${config.transferOpt} with transferLr=${config.transferLr} is the ticket's own optimizer; using none` });
    config.transferOpt = 'none';
  }
  const late = config.rewinds.filter((k) => k > config.iters);
  if (late.length) {
    issues.push({ field: 'rewinds', value: config.rewinds, message: `rewinds ${late.join(',')} past the ${config.iters} training iterations dropped` });
    config.rewinds = config.rewinds.filter((k) => k <= config.iters);
  }
  if (config.rewinds.includes(config.rewind)) {
    issues.push({ field: 'rewinds', value: config.rewinds, message: `rewinds lists the ticket's own rewind=${config.rewind}; dropped from the list` });
    config.rewinds = config.rewinds.filter((k) => k !== config.rewind);
  }
  if (config.stability !== 'all' && config.stability.some((r) => r > config.rounds)) {
    const rounds = config.rounds;
    issues.push({ field: 'stability', value: config.stability, message: `stability rounds past round ${rounds} dropped` });
    config.stability = config.stability.filter((r) => r <= rounds);
  }
  if (config.compare.includes(config.criterion)) {
    issues.push({ field: 'compare', value: config.compare, message: `compare lists the ticket's own criterion ${config.criterion}; dropped from the list` });
    config.compare = config.compare.filter((c) => c !== config.criterion);
  }
  if (config.model.startsWith('conv') && !IMAGE_DATASETS.includes(config.dataset)) {
    issues.push({
      field: 'model',
      value: config.model,
      message: `${config.model} needs 28x28 images but ${config.dataset} is 2-D; using mlp-64-64`,
    });
    config.model = 'mlp-64-64';
  }
  return { config, issues };
}

type RunsConfig = Pick<ExperimentConfig, 'rounds' | 'controls'> & Partial<Pick<ExperimentConfig, 'mode' | 'compare' | 'transfer' | 'transferOpt' | 'rewinds' | 'stability'>>;

/** transfer=… or transferOpt=…: the ticket is also trained on another dataset and/or with another optimizer. */
export const hasTransfer = (config: Partial<Pick<ExperimentConfig, 'transfer' | 'transferOpt'>>) =>
  (config.transfer !== undefined && config.transfer !== 'none') || (config.transferOpt !== undefined && config.transferOpt !== 'none');

/** Points of the stability path between two copies, the endpoints included: α = 0, 0.1, …, 1. */
export const PATH_POINTS = 11;

/** Whether round r trains every arm a second time for the stability measures. */
export const measuresStability = (config: Partial<Pick<ExperimentConfig, 'stability'>>, round: number) =>
  config.stability === 'all' || (config.stability?.includes(round) ?? false);

/** Networks one seed trains in round r (round 0 trains the dense network once for every chain). */
export function armsInRound(config: RunsConfig, round: number): number {
  const transfer = hasTransfer(config);
  const arms = round === 0 ? 1 + (transfer ? 1 : 0) : 1 + config.controls.length + (config.compare?.length ?? 0) + (config.rewinds?.length ?? 0) + (transfer ? 3 : 0);
  return measuresStability(config, round) ? 2 * arms : arms;
}

/** Training runs an experiment does per seed (the stability copies included); a supermask is one run. */
export function plannedRuns(config: RunsConfig): number {
  if (config.mode === 'supermask') return 1;
  let runs = 0;
  for (let r = 0; r <= config.rounds; r++) runs += armsInRound(config, r);
  return runs;
}

export const isImageDataset = (d: DatasetName) => IMAGE_DATASETS.includes(d);
