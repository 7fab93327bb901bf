// An open_lth lottery experiment folder (github.com/facebookresearch/open_lth) as a Ticket Lab results
// document, so a run at a scale the browser cannot reach is explored in the same panels.
//
// The layout open_lth writes (lottery/desc.py run_path, lottery/branch/base.py branch_root,
// foundations/paths.py), under its data root (~/open_lth_data by default):
//   lottery_<md5>/replicate_<R>/level_<L>/main/                          the ticket at level L
//       hparams.log            (level_0 only: LotteryDesc.save, written once by the lottery runner)
//       sparsity_report.json   {"total": <prunable weights>, "unpruned": <kept>} (pruning/mask.py)
//       logger                 'name,iteration,value' rows: test_loss, test_accuracy, test_examples
//                              once an epoch and at the last step (training/metric_logger.py,
//                              training/standard_callbacks.py)
//   lottery_<md5>/replicate_<R>/level_pretrain/main/logger               the rewinding pretraining
//   lottery_<md5>/replicate_<R>/level_<L>/lottery_branch_<name>_<md5>/   a branch at level L
//       sparsity_report.json, logger   (branches write no hparams.log; their folder name says which)
// Pure: it sees only the files' paths and texts; every limit below bounds the work on any input.
import { summarizeCurve } from '../analysis/early-stop';
import { checkResults, OPEN_LTH_ENGINE } from '../config/results-schema';
import { IMAGE_DATASETS, parseConfig, type ExperimentConfig } from '../config/schema';
import { encodeConfig } from '../config/url';
import { buildArchitecture, summarize } from '../engine/architectures';
import { RESULTS_FORMAT, RESULTS_VERSION, type ArmResult, type CurvePoint, type LayerCount, type ModelSummary, type ResultsDocument, type RoundResult } from '../engine/events';
import { iterationsPerEpoch, LAB_MOMENTUM, labDataset, labModel, LENET_OUTPUT, stepIterations, TEST_EXAMPLES, TRAIN_EXAMPLES } from './names';
import { parseHparams, type Hparams } from './hparams';

export interface OpenLthFile {
  /** Relative to the chosen folder, '/'-separated, any depth (the folder's own name may lead). */
  path: string;
  text: string;
}

export interface OpenLthImport {
  document: ResultsDocument;
  /** What did not map onto the lab, or was estimated, one sentence each. */
  notes: string[];
}

/** The only files the importer reads; the page and the CLI read no others (no .pth). */
export const OPEN_LTH_FILE_NAMES = ['logger', 'hparams.log', 'sparsity_report.json'] as const;
export const isOpenLthFile = (name: string) => (OPEN_LTH_FILE_NAMES as readonly string[]).includes(name);
/** Limits on hostile input: files read, bytes per file, evaluations per logger, levels and replicates kept. */
export const OPEN_LTH_MAX_FILES = 20_000;
export const OPEN_LTH_MAX_FILE_BYTES = 4 * 1024 * 1024;
const MAX_ROWS = 200_000;
const MAX_LEVEL = 1000;
const MAX_REPLICATES = 5; // the lab's seeds=1…5

const fail = (message: string): never => {
  throw new Error(message);
};

interface Experiment {
  logger?: string;
  sparsity?: string;
  hparams?: string;
}
/** replicate → level ('0', '1', …, 'pretrain') → experiment folder ('main', 'lottery_branch_…') → files. */
type Tree = Map<number, Map<string, Map<string, Experiment>>>;

const REPLICATE = /^replicate_(\d{1,6})$/;
const LEVEL = /^level_(\d{1,6}|pretrain)$/;

/** Splits each path at its replicate_N/level_N/<experiment>/<file> tail; groups by the folders before it. */
function locate(files: OpenLthFile[]): Map<string, Tree> {
  const runs = new Map<string, Tree>();
  for (const f of files) {
    const parts = f.path.replace(/\\/g, '/').split('/').filter((p) => p && p !== '.');
    const name = parts[parts.length - 1];
    const i = parts.length - 4;
    if (i < 0 || !isOpenLthFile(name) || !REPLICATE.test(parts[i]) || !LEVEL.test(parts[i + 1])) continue;
    const prefix = parts.slice(0, i).join('/');
    const tree = runs.get(prefix) ?? new Map();
    runs.set(prefix, tree);
    const replicate = Number(REPLICATE.exec(parts[i])![1]);
    const levels = tree.get(replicate) ?? new Map();
    tree.set(replicate, levels);
    const level = LEVEL.exec(parts[i + 1])![1];
    const experiments = levels.get(level) ?? new Map();
    levels.set(level, experiments);
    const exp: Experiment = experiments.get(parts[i + 2]) ?? {};
    experiments.set(parts[i + 2], exp);
    if (name === 'logger') exp.logger = f.text;
    else if (name === 'sparsity_report.json') exp.sparsity = f.text;
    else exp.hparams = f.text;
  }
  return runs;
}

/** Why a folder with no lottery run in it is not one, in one sentence. */
function notALotteryRun(files: OpenLthFile[]): string {
  const paths = files.map((f) => f.path.replace(/\\/g, '/'));
  if (paths.some((p) => /(^|\/)train_[0-9a-f]{32}\//.test(p) || /(^|\/)replicate_\d+\/main\/logger$/.test(p)))
    return 'This is an open_lth training run (train_…), not a lottery run: choose a lottery_<hash> folder written by `python open_lth.py lottery`.';
  if (paths.some((p) => /(^|\/)level_(\d+|pretrain)\/[^/]+\/logger$/.test(p) || /(^|\/)logger$/.test(p)))
    return 'This is one level of an open_lth run, not the whole run: choose its lottery_<hash> folder (or one of its replicate_N folders).';
  return 'This folder holds no open_lth lottery run: it has no replicate_N/level_N/main/logger files, which `python open_lth.py lottery` writes under open_lth_data/lottery_<hash>/.';
}

/** A logger's test evaluations as curve points (validation = test: open_lth logs only the test set). */
function parseLogger(text: string, where: string, notes: string[]): { curve: CurvePoint[]; examples: number | null } {
  const rows = text.split('\n');
  if (rows.length > MAX_ROWS) fail(`${where} has more than ${MAX_ROWS.toLocaleString('en-US')} rows: too large for an open_lth logger.`);
  const acc = new Map<number, number>();
  const loss = new Map<number, number>();
  let examples: number | null = null;
  rows.forEach((raw, n) => {
    const row = raw.trim();
    if (!row) return;
    const cells = row.split(',');
    const iteration = Number(cells[1]);
    if (cells.length !== 3 || !/^\d{1,12}$/.test(cells[1] ?? '') || !cells[0])
      fail(`${where} is not an open_lth logger: line ${n + 1} is not 'name,iteration,value'.`);
    // Python writes a diverged loss as 'nan' or 'inf'; such an evaluation is dropped below.
    const text = cells[2].trim();
    const nonFinite = /^-?(nan|inf)$/i.test(text);
    const value = nonFinite ? NaN : Number(text);
    if (!text || (!nonFinite && Number.isNaN(value))) fail(`${where} is not an open_lth logger: line ${n + 1} has no number.`);
    if (cells[0] === 'test_accuracy') acc.set(iteration, value);
    else if (cells[0] === 'test_loss') loss.set(iteration, value);
    else if (cells[0] === 'test_examples' && Number.isFinite(value)) examples = value;
  });
  const curve: CurvePoint[] = [];
  let dropped = 0;
  for (const iteration of [...acc.keys()].sort((a, b) => a - b)) {
    const a = acc.get(iteration)!;
    const l = loss.get(iteration);
    if (!Number.isFinite(a) || l === undefined || !Number.isFinite(l)) {
      dropped++;
      continue;
    }
    if (a < 0 || a > 1) fail(`${where}: test_accuracy ${a} at iteration ${iteration} is not a fraction.`);
    curve.push({ iteration, testAccuracy: a, testLoss: l, valAccuracy: a, valLoss: l });
  }
  if (dropped) notes.push(`${where}: ${dropped} evaluation(s) without a finite test accuracy and loss (a diverged run?) left out.`);
  if (!curve.length) fail(`${where} has no test evaluations (test_accuracy and test_loss rows).`);
  return { curve, examples };
}

/** {total, unpruned} of a sparsity_report.json. */
function parseSparsity(text: string, where: string): { total: number; unpruned: number } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    fail(`${where} is not JSON.`);
  }
  const { total, unpruned } = (value ?? {}) as Record<string, unknown>;
  if (typeof total !== 'number' || typeof unpruned !== 'number' || !(total > 0) || !(unpruned >= 0) || unpruned > total || !Number.isSafeInteger(total) || !Number.isSafeInteger(unpruned))
    fail(`${where} is not an open_lth sparsity report ({"total": …, "unpruned": …} weight counts).`);
  return { total: total as number, unpruned: unpruned as number };
}

/** The arm's summary by the lab's one rule; open_lth has no validation set, so "validation" is the test set here. */
function armOf(curve: CurvePoint[], layers: LayerCount[]): ArmResult {
  return { ...summarizeCurve(curve, 0), layers };
}

/** The branch folder of one kind shown as a control: the one in the most levels (then the first by name). */
function chooseBranch(tree: Tree, kind: string, notes: string[]): string | null {
  const counts = new Map<string, number>();
  for (const levels of tree.values())
    for (const [level, experiments] of levels)
      for (const [name, exp] of experiments) if (level !== '0' && level !== 'pretrain' && name.startsWith(`lottery_branch_${kind}_`) && exp.logger) counts.set(name, (counts.get(name) ?? 0) + 1);
  const names = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || a.localeCompare(b));
  if (names.length > 1) notes.push(`${names.length} ${kind} branches found; shown: ${names[0]} (in the most levels).`);
  return names[0] ?? null;
}

/** The model as the lab's architecture where it maps (mnist_lenet_*), else one block of its prunable weights. */
function modelSummary(modelName: string, labName: string | null, dataset: string, total: number, notes: string[]): { model: ModelSummary; mapped: boolean } {
  const numClasses = dataset === 'imagenet' ? 1000 : 10;
  if (labName) {
    const model = summarize(buildArchitecture(labName, [28, 28, 1], numClasses));
    if (model.prunableWeights === total) return { model, mapped: true };
    notes.push(`${modelName} has ${total.toLocaleString('en-US')} prunable weights in its sparsity report, not the ${model.prunableWeights.toLocaleString('en-US')} of the lab's ${model.name}; it is shown as one block.`);
  } else notes.push(`Model ${modelName} has no counterpart in the lab: its layers are shown as one block of ${total.toLocaleString('en-US')} prunable weights, without FLOPs.`);
  const inputShape = dataset === 'cifar10' ? [32, 32, 3] : dataset === 'imagenet' ? [224, 224, 3] : [28, 28, 1];
  const kind = /^(cifar|imagenet)_/.test(modelName) ? 'conv' : 'dense';
  return {
    model: { name: modelName, inputShape, numClasses, prunableWeights: total, layers: [{ name: 'prunable layers', kind, shape: [total], weights: total, biases: 0, flops: 0, positions: 1 }] },
    mapped: false,
  };
}

/**
 * Per-layer kept counts. open_lth's reports count only the whole network, so the split is an
 * estimate: layers open_lth was told to ignore keep every weight, the others share the rest at one
 * density (largest remainders, so the counts add up to the reported total exactly).
 */
function layerCounts(model: ModelSummary, ignored: Set<number>, unpruned: number): LayerCount[] {
  const layers = model.layers.map((l, i) => ({ name: l.name, kind: l.kind, total: l.weights, remaining: ignored.has(i) ? l.weights : 0 }));
  const fixed = layers.reduce((s, l, i) => s + (ignored.has(i) ? l.total : 0), 0);
  const free = layers.filter((_, i) => !ignored.has(i));
  const pool = free.reduce((s, l) => s + l.total, 0);
  const share = Math.max(0, Math.min(pool, unpruned - fixed));
  if (!pool) return layers;
  const exact = free.map((l) => (l.total * share) / pool);
  free.forEach((l, i) => (l.remaining = Math.floor(exact[i])));
  let left = share - free.reduce((s, l) => s + l.remaining, 0);
  for (const i of exact.map((_, i) => i).sort((a, b) => (exact[b] % 1) - (exact[a] % 1))) {
    if (left <= 0) break;
    free[i].remaining++;
    left--;
  }
  return layers;
}

/** Indices of the mnist_lenet layers named in pruning_layers_to_ignore (fc_layers.<i>.weight, fc.weight). */
function ignoredLayers(list: string | undefined, layerCount: number): Set<number> {
  const out = new Set<number>();
  for (const name of (list ?? '').split(',')) {
    if (name === LENET_OUTPUT) out.add(layerCount - 1);
    const m = /^fc_layers\.(\d+)\.weight$/.exec(name);
    if (m && Number(m[1]) < layerCount - 1) out.add(Number(m[1]));
  }
  return out;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The lab config closest to the run's hyperparameters, and what did not map. */
function configOf(h: Hparams, facts: { levels: number; iters: number; evalEvery: number; evalSize: number; replicates: number; controls: ExperimentConfig['controls'] }, notes: string[]): ExperimentConfig {
  const d = h.section('Dataset Hyperparameters');
  const m = h.section('Model Hyperparameters');
  const t = h.section('Training Hyperparameters');
  const p = h.section('Pruning Hyperparameters');
  const pd = h.section('Pretraining Dataset Hyperparameters');
  const pt = h.section('Pretraining Training Hyperparameters');
  const input: Record<string, unknown> = { scope: 'global', rounds: Math.min(facts.levels, 30), controls: facts.controls };
  const bounded = (field: string, value: number, lo: number, hi: number, what: string) => {
    if (value < lo || value > hi) notes.push(`${what} ${value.toLocaleString('en-US')} is outside the lab's ${lo}–${hi.toLocaleString('en-US')}: its settings show ${clamp(value, lo, hi).toLocaleString('en-US')}.`);
    input[field] = clamp(value, lo, hi);
  };

  const datasetName = d.get('dataset_name') ?? 'mnist';
  const dataset = labDataset(datasetName);
  if (dataset) input.dataset = dataset;
  else notes.push(`Data set ${datasetName}: the lab has no ${datasetName}; its settings show MNIST.`);
  const modelName = m.get('model_name') ?? '';
  const model = labModel(modelName);
  if (model) input.model = model;
  else if (modelName) notes.push(`Model ${modelName}: the lab has no such network; its settings show LeNet-300-100.`);
  if (m.get('model_init') && m.get('model_init') !== 'kaiming_normal') notes.push(`Initialiser ${m.get('model_init')}: the lab initialises Glorot-normal only.`);
  else notes.push(`Initialiser: open_lth drew kaiming_normal weights (never seeded); the lab would draw Glorot-normal ones.`);
  for (const k of ['batchnorm_frozen', 'output_frozen', 'others_frozen', 'others_frozen_exceptions'])
    if (m.get(k)) notes.push(`${k}=${m.get(k)}: the lab freezes no layers.`);
  for (const k of ['do_not_augment', 'transformation_seed', 'subsample_fraction', 'random_labels_fraction', 'unsupervised_labels', 'blur_factor'])
    if (d.get(k)) notes.push(`${k}=${d.get(k)}: the lab has no such data transformation.`);

  const batch = Number(d.get('batch_size'));
  if (Number.isFinite(batch)) bounded('batch', Math.round(batch), 1, 1024, 'Batch size');
  const lr = Number(t.get('lr'));
  if (Number.isFinite(lr)) bounded('lr', lr, 1e-6, 1, 'Learning rate');
  const opt = t.get('optimizer_name');
  const momentum = Number(t.get('momentum') ?? 0);
  if (opt === 'adam') input.opt = 'adam';
  else if (opt === 'sgd') {
    input.opt = momentum > 0 ? 'momentum' : 'sgd';
    if (momentum > 0 && momentum !== LAB_MOMENTUM) notes.push(`Momentum ${momentum}: the lab's momentum optimizer uses ${LAB_MOMENTUM}.`);
  } else if (opt) notes.push(`Optimizer ${opt}: the lab has adam, sgd and momentum; its settings show adam.`);
  if (t.get('nesterov_momentum')) notes.push(`Nesterov momentum ${t.get('nesterov_momentum')}: the lab has plain momentum only.`);
  if (t.get('weight_decay')) notes.push(`Weight decay ${t.get('weight_decay')}: the lab has none.`);
  if (t.get('milestone_steps')) notes.push(`Learning-rate drops (×${t.get('gamma')} at ${t.get('milestone_steps')}): the lab keeps the learning rate constant.`);
  if (t.get('warmup_steps')) notes.push(`Learning-rate warmup (${t.get('warmup_steps')}): the lab has none.`);

  const rate = Number(p.get('pruning_fraction') ?? 0.2);
  if (Number.isFinite(rate)) {
    bounded('rate', rate, 0.01, 0.95, 'Pruning fraction');
    input.convRate = input.rate;
  }
  if (p.get('pruning_strategy') && p.get('pruning_strategy') !== 'sparse_global') notes.push(`Pruning strategy ${p.get('pruning_strategy')}: the lab knows sparse_global (one global magnitude threshold) only.`);
  notes.push(`Pruning: open_lth's sparse_global uses one threshold across layers (the lab's scope=global)${p.get('pruning_layers_to_ignore') ? ` and left ${p.get('pruning_layers_to_ignore')} unpruned (the lab's global scope prunes every layer)` : ''}.`);

  bounded('iters', facts.iters, 1, 50_000, 'Training length');
  if (pt.size) {
    const perEpoch = iterationsPerEpoch(pd.get('dataset_name') ?? datasetName, Number(pd.get('batch_size') ?? batch), Number(pd.get('subsample_fraction') ?? 1));
    const k = stepIterations(pt.get('training_steps') ?? '', perEpoch);
    if (k === null) notes.push(`Pretraining of ${pt.get('training_steps')} could not be read as iterations; the settings show no rewinding.`);
    else input.rewind = clamp(k, 0, Number(input.iters));
    const same = ['dataset_name', 'batch_size'].every((key) => pd.get(key) === d.get(key)) && ['optimizer_name', 'lr', 'momentum'].every((key) => pt.get(key) === t.get(key));
    if (!same) notes.push(`Pretraining with its own data or optimizer (--pretrain): the lab rewinds within one training run only.`);
  }
  if (facts.levels > 30) notes.push(`${facts.levels} levels: all are shown, but the lab's settings stop at 30 rounds.`);
  bounded('evalEvery', facts.evalEvery, 1, 50_000, 'Evaluation interval');
  bounded('evalSize', facts.evalSize, 100, 10_000, 'Test-set size');
  const seed = Number(t.get('data_order_seed'));
  if (Number.isSafeInteger(seed) && seed >= 0) input.seed = Math.min(seed, 2 ** 31 - 1);
  else notes.push(`No data_order_seed: open_lth's data order was random and unrepeatable; the settings show seed 1.`);
  input.seeds = clamp(facts.replicates, 1, 5);

  const { config, issues } = parseConfig(input);
  notes.push(...issues.map((i) => i.message));
  return config;
}

/** Turns the files of an open_lth lottery experiment folder into a results document; throws an Error saying why not. */
export function importOpenLth(files: OpenLthFile[], options: { createdAt?: string } = {}): OpenLthImport {
  if (!Array.isArray(files) || !files.length) fail('This folder has no open_lth files (logger, hparams.log, sparsity_report.json): choose the lottery_<hash> folder that `python open_lth.py lottery` wrote.');
  if (files.length > OPEN_LTH_MAX_FILES) fail(`This folder has more than ${OPEN_LTH_MAX_FILES.toLocaleString('en-US')} open_lth files: choose one lottery_<hash> folder.`);
  for (const f of files)
    if (typeof f?.path !== 'string' || typeof f.text !== 'string' || f.text.length > OPEN_LTH_MAX_FILE_BYTES)
      fail(`${typeof f?.path === 'string' ? f.path : 'A file'} is over ${OPEN_LTH_MAX_FILE_BYTES / 1024 / 1024} MB or unreadable: too large for an open_lth logger or report.`);

  // Experiments: the folders above replicate_N that hold at least one ticket's logger.
  const runs = new Map([...locate(files)].filter(([, tree]) => [...tree.values()].some((levels) => [...levels.values()].some((e) => e.get('main')?.logger !== undefined))));
  if (!runs.size) fail(notALotteryRun(files));
  if (runs.size > 1) {
    const names = [...runs.keys()].map((k) => k.split('/').pop() || '(this folder)');
    fail(`This folder holds ${runs.size} open_lth lottery experiments (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}): choose one of them.`);
  }
  const [prefix, tree] = [...runs][0];
  const runName = prefix.split('/').pop() || 'this folder';
  const notes: string[] = [];
  const at = (replicate: number, level: string, exp: string) => `replicate_${replicate}/level_${level}/${exp}`;

  // Replicates: the lab's seeds. The first keeps rounds, the rest extraSeeds (at most 5 in all).
  const allReplicates = [...tree.keys()].sort((a, b) => a - b);
  const replicates = allReplicates.slice(0, MAX_REPLICATES);
  if (allReplicates.length > MAX_REPLICATES) notes.push(`${allReplicates.length} replicates: the first ${MAX_REPLICATES} are shown (the lab shows at most 5 seeds).`);
  if (replicates.length > 1)
    notes.push(`Replicates ${replicates.join(', ')} are shown as seeds; open_lth's replicates differ in their (unseeded) initial weights and share one data order.`);

  // hparams.log: written once, at level_0/main of each replicate.
  const hparamsText = replicates.map((r) => tree.get(r)?.get('0')?.get('main')?.hparams).find((t) => t !== undefined);
  if (hparamsText === undefined) notes.push(`No hparams.log (level_0/main): the run's settings are unknown and shown at the lab's defaults.`);
  const hparams = parseHparams(hparamsText ?? '', `${runName}/…/level_0/main/hparams.log`);
  if (hparamsText !== undefined && !hparams.section('Pruning Hyperparameters').size)
    fail(`${runName}'s hparams.log has no pruning hyperparameters: it is not an open_lth lottery run.`);

  const branches = { reinit: chooseBranch(tree, 'randomly_reinitialize', notes), randomMask: chooseBranch(tree, 'randomly_prune', notes) };
  // Branches the lab has no panel for (retrain, or any added to open_lth), by kind.
  const otherBranches = new Set<string>();
  for (const levels of tree.values())
    for (const experiments of levels.values())
      for (const name of experiments.keys()) if (name !== 'main' && !/^lottery_branch_randomly_(reinitialize|prune)_/.test(name)) otherBranches.add(name.replace(/_[0-9a-f]{32}$/, ''));
  if (otherBranches.size) notes.push(`Not shown: ${[...otherBranches].sort().join(', ')} (no counterpart in the lab's panels).`);
  if ([...tree.values()].some((levels) => [...(levels.get('0')?.keys() ?? [])].some((n) => n !== 'main')))
    notes.push(`Branches at level 0 are not shown: the lab compares controls from round 1 on.`);

  // The model, from the first replicate's level-0 sparsity report (every level reports the same total).
  const first = tree.get(replicates[0])!;
  const totalText = [...first.values()].map((e) => e.get('main')?.sparsity).find((t) => t !== undefined);
  if (totalText === undefined) fail(`${runName} has no sparsity_report.json in its level folders: it is not a complete open_lth lottery run.`);
  const total = parseSparsity(totalText!, `${runName}: sparsity_report.json`).total;
  const datasetName = hparams.section('Dataset Hyperparameters').get('dataset_name') ?? 'mnist';
  const modelName = hparams.section('Model Hyperparameters').get('model_name') ?? 'unknown model';
  const { model, mapped } = modelSummary(modelName, labModel(modelName), datasetName, total, notes);
  const ignored = mapped ? ignoredLayers(hparams.section('Pruning Hyperparameters').get('pruning_layers_to_ignore'), model.layers.length) : new Set<number>();
  if (model.layers.length > 1) notes.push(`Per-layer counts are estimated: open_lth's sparsity reports count only the whole network (the totals, bytes and FLOPs of a fully-connected network are exact).`);

  let incomplete = false;
  let evalSize: number | null = null;
  const roundsOf = (replicate: number): RoundResult[] => {
    const levels = tree.get(replicate)!;
    const numbers = [...levels.keys()].filter((l) => l !== 'pretrain').map(Number).filter((n) => n <= MAX_LEVEL).sort((a, b) => a - b);
    const rounds: RoundResult[] = [];
    for (const level of numbers) {
      const main = levels.get(String(level))!.get('main');
      if (!main?.logger) {
        if (main) incomplete = true;
        continue;
      }
      const where = `${runName}/${at(replicate, String(level), 'main')}`;
      if (main.sparsity === undefined && level > 0) {
        notes.push(`${at(replicate, String(level), 'main')} has no sparsity_report.json: level ${level} left out.`);
        continue;
      }
      const report = main.sparsity === undefined ? { total, unpruned: total } : parseSparsity(main.sparsity, `${where}/sparsity_report.json`);
      if (report.total !== total) fail(`${where}/sparsity_report.json counts ${report.total} weights, not the ${total} of the other levels: the folder mixes runs.`);
      const layers = layerCounts(model, ignored, report.unpruned);
      const parsed = parseLogger(main.logger, `${where}/logger`, notes);
      evalSize ??= parsed.examples;
      let curve = parsed.curve;
      // Rewinding: level 0 continues the pretraining run (level_pretrain), which starts at iteration 0.
      const pretrain = levels.get('pretrain')?.get('main')?.logger;
      if (level === 0 && pretrain !== undefined) {
        const head = parseLogger(pretrain, `${runName}/${at(replicate, 'pretrain', 'main')}/logger`, notes).curve.filter((p) => p.iteration < curve[0].iteration);
        curve = [...head, ...curve];
      }
      const control = (name: string | null) => {
        const exp = name && level > 0 ? levels.get(String(level))!.get(name) : undefined;
        if (exp && !exp.logger) incomplete = true;
        return exp?.logger ? armOf(parseLogger(exp.logger, `${runName}/${at(replicate, String(level), name!)}/logger`, notes).curve, layers) : null;
      };
      rounds.push({ round: level, remaining: report.unpruned / report.total, ticket: armOf(curve, layers), reinit: control(branches.reinit), randomMask: control(branches.randomMask) });
    }
    return rounds;
  };
  const seedRounds = replicates.map(roundsOf);
  if (!seedRounds[0].length) fail(`${runName}/replicate_${replicates[0]} has no finished level (no level_N/main/logger).`);
  if (incomplete) notes.push(`Some levels or controls have no logger yet (still training, or stopped): they are left out.`);

  // Run facts the config needs: levels, the training length (the last evaluation is the last step),
  // the evaluation interval (an epoch; start and end only with --evaluate_only_at_end), the
  // replicates and controls.
  const rounds = seedRounds[0];
  const mainCurve = rounds[rounds.length - 1].ticket.curve;
  const iters = mainCurve[mainCurve.length - 1].iteration;
  const d = hparams.section('Dataset Hyperparameters');
  const perEpoch = iterationsPerEpoch(datasetName, Number(d.get('batch_size')), Number(d.get('subsample_fraction') ?? 1));
  const evalEvery = mainCurve.length > 2 && perEpoch ? perEpoch : iters - mainCurve[0].iteration;
  const controls = (['reinit', 'random'] as const).filter((c) => seedRounds.some((rs) => rs.some((r) => (c === 'reinit' ? r.reinit : r.randomMask))));
  const config = configOf(hparams, { levels: rounds[rounds.length - 1].round, iters: Math.max(1, iters), evalEvery: Math.max(1, evalEvery), evalSize: evalSize ?? TEST_EXAMPLES[datasetName] ?? 10_000, replicates: replicates.length, controls }, notes);
  notes.push(
    `open_lth logs only the test set: validation accuracy, the best validation accuracy and the early-stop iteration are read from test accuracy.`,
    `Training times are not in open_lth's files: they show as 0 s.`,
  );

  const labData = labDataset(datasetName);
  const document: ResultsDocument = {
    format: RESULTS_FORMAT,
    version: RESULTS_VERSION,
    engineVersion: OPEN_LTH_ENGINE,
    createdAt: options.createdAt ?? new Date().toISOString(),
    config,
    query: encodeConfig(config),
    backend: { name: OPEN_LTH_ENGINE, reason: `Imported from the open_lth lottery experiment ${runName} (PyTorch; trained outside the lab).`, tried: [] },
    model,
    dataset: {
      name: labData ?? datasetName,
      train: Math.round((TRAIN_EXAMPLES[datasetName] ?? 0) * (Number(d.get('subsample_fraction')) || 1)),
      val: 0,
      test: evalSize ?? TEST_EXAMPLES[datasetName] ?? 0,
      source: `open_lth's ${datasetName}${IMAGE_DATASETS.includes(labData ?? 'circles') ? ' (all training images; no validation split)' : ''}`,
    },
    status: incomplete ? 'stopped' : 'complete',
    rounds,
    extraSeeds: seedRounds.slice(1).map((rs, i) => ({ seed: config.seed + i + 1, rounds: rs })),
  };
  // The same check an imported results file passes, so the panels only ever see valid documents.
  const check = checkResults(JSON.parse(JSON.stringify(document)));
  if (!check.ok) fail(`${runName} could not be read as a results document: ${check.errors.join('; ')}`);
  return { document, notes };
}
