// The open_lth commands (github.com/facebookresearch/open_lth) that run a lab experiment at scale,
// and notes naming, in the lab's words, what open_lth cannot express or does differently.
// Every flag is one open_lth's argparse builds (checked by running each command with
// --display_output_location against open_lth's source; see docs/open-lth.md):
//   lottery:        JobArgs (--replicate), --levels, --rewinding_steps, DatasetHparams, ModelHparams,
//                   TrainingHparams, sparse_global's PruningHparams
//   lottery_branch: the same hparams, --levels as a list ('1-7'), and the branch's own arguments
//                   (randomly_prune: --seed, --strategy; retrain: --retrain_d_*, --retrain_t_*).
import type { ExperimentConfig } from '../config/schema';
import { IMAGE_DATASETS } from '../config/schema';
import { iterationsPerEpoch, LAB_MOMENTUM, LENET_OUTPUT, OPEN_LTH_DATASETS, openLthDataset, openLthModel, TEST_EXAMPLES } from './names';

export interface OpenLthPlan {
  /** Shell commands, one a line, run from a checkout of open_lth in this order. */
  commands: string[];
  /** What the commands cannot express or express differently, one sentence each. */
  notes: string[];
}

const PY = 'python open_lth.py';
const pct = (x: number) => `${Number((x * 100).toPrecision(4))}%`;
const num = (x: number) => String(Number(x.toPrecision(6)));
const int = (x: number) => x.toLocaleString('en-US');

/** Training settings: the lab's optimizer as open_lth's optimizer_name (+ momentum), lr, steps, data order. */
function trainingFlags(prefix: string, opt: string, lr: number, config: ExperimentConfig): string[] {
  return [
    `--${prefix}optimizer_name=${opt === 'adam' ? 'adam' : 'sgd'}`,
    ...(opt === 'momentum' ? [`--${prefix}momentum=${LAB_MOMENTUM}`] : []),
    `--${prefix}lr=${num(lr)}`,
    `--${prefix}training_steps=${config.iters}it`,
    `--${prefix}data_order_seed=${config.seed}`,
  ];
}

interface LotteryVariant {
  dataset: ExperimentConfig['dataset'];
  opt: string;
  lr: number;
  rewind: number;
}

/** Every hyperparameter of a lottery run (LotteryDesc), as flags; shared by its branches. */
function lotteryFlags(config: ExperimentConfig, v: LotteryVariant): string[] {
  const model = openLthModel(config.model);
  // sparse_global prunes every prunable tensor under one threshold; per layer (scope=layer) the lab
  // prunes the output layer at half the rate, which open_lth cannot: it is left out instead.
  const ignoreOutput = config.scope === 'layer' && model.exists;
  return [
    `--dataset_name=${openLthDataset(v.dataset)}`,
    `--batch_size=${config.batch}`,
    `--model_name=${model.name}`,
    '--model_init=kaiming_normal',
    '--batchnorm_init=uniform',
    ...trainingFlags('', v.opt, v.lr, config),
    '--pruning_strategy=sparse_global',
    `--pruning_fraction=${num(config.rate)}`,
    ...(ignoreOutput ? [`--pruning_layers_to_ignore=${LENET_OUTPUT}`] : []),
    ...(v.rewind > 0 ? [`--rewinding_steps=${v.rewind}it`] : []),
  ];
}

const levelsList = (rounds: number) => (rounds === 1 ? '1' : `1-${rounds}`);

/** One replicate's commands: the lottery run, its controls as branches, transfer and rewind-sweep runs. */
function replicateCommands(config: ExperimentConfig, replicate: number | null): string[] {
  const job = replicate === null ? [] : [`--replicate=${replicate}`];
  const main: LotteryVariant = { dataset: config.dataset, opt: config.opt, lr: config.lr, rewind: config.rewind };
  const trunk = [...lotteryFlags(config, main), ...job].join(' ');
  const out = [`${PY} lottery ${trunk} --levels=${config.rounds}`];
  // The lab's controls run from round 1 on (round 0 is the dense network, nothing to compare).
  const levels = config.rounds > 0 ? levelsList(config.rounds) : null;
  if (levels && config.controls.includes('reinit')) out.push(`${PY} lottery_branch randomly_reinitialize ${trunk} --levels=${levels}`);
  if (levels && config.controls.includes('random'))
    out.push(`${PY} lottery_branch randomly_prune ${trunk} --levels=${levels} --seed=${config.seed} --strategy=layerwise`);

  // Transfer: the ticket retrained on the target dataset and/or with the target optimizer
  // (lottery_branch retrain), and the target's own ticket (a lottery run of its own).
  const target: LotteryVariant = {
    ...main,
    dataset: config.transfer !== 'none' ? config.transfer : config.dataset,
    ...(config.transferOpt !== 'none' ? { opt: config.transferOpt, lr: config.transferLr } : {}),
  };
  if (config.transfer !== 'none' || config.transferOpt !== 'none') {
    if (levels) {
      const retrain = [`--retrain_d_dataset_name=${openLthDataset(target.dataset)}`, `--retrain_d_batch_size=${config.batch}`, ...trainingFlags('retrain_t_', target.opt, target.lr, config)];
      out.push(`${PY} lottery_branch retrain ${trunk} --levels=${levels} ${retrain.join(' ')}`);
    }
    out.push(`${PY} lottery ${[...lotteryFlags(config, target), ...job].join(' ')} --levels=${config.rounds}`);
  }
  for (const k of config.rewinds) out.push(`${PY} lottery ${[...lotteryFlags(config, { ...main, rewind: k }), ...job].join(' ')} --levels=${config.rounds}`);
  return out;
}

/** What open_lth cannot express, or expresses differently, for this config. A field at its default adds nothing. */
function notesFor(config: ExperimentConfig): string[] {
  const notes: string[] = [];
  const image = IMAGE_DATASETS.includes(config.dataset);
  const model = openLthModel(config.model);
  const perEpoch = iterationsPerEpoch(openLthDataset(config.dataset), config.batch);

  if (!image)
    notes.push(
      `Data set ${config.dataset}: open_lth has no 2-D data sets (it has ${OPEN_LTH_DATASETS.join(', ')}) and its fully-connected networks (mnist_lenet_…) take 28×28 images, so this experiment cannot run there as it is; the commands show the settings it would take.`,
    );
  else if (config.dataset === 'fashion' || config.transfer === 'fashion')
    notes.push(
      `Fashion-MNIST: open_lth has no Fashion-MNIST (it has ${OPEN_LTH_DATASETS.join(', ')}); the commands call it fashionmnist, a data set to add to open_lth's datasets/registry.py first (a copy of datasets/mnist.py over torchvision's FashionMNIST).`,
    );
  if (!model.exists)
    notes.push(
      `Model ${config.model}: open_lth has no Conv-2/4/6 (its convolutional networks, cifar_vgg_… and cifar_resnet_…, are built for CIFAR-10's 32×32 colour images); the commands call it ${model.name}, a model to add to open_lth's models/registry.py first.`,
    );
  if (model.exists && config.scope === 'layer')
    notes.push(
      `Pruning per layer (scope=layer): open_lth's only strategy, sparse_global, removes ${pct(config.rate)} of the remaining weights under one threshold across the layers it prunes, so they end up at different sparsities.`,
      `Output layer: the lab prunes it at half the rate (${pct(config.rate / 2)} a round); open_lth cannot give one layer its own rate, so the commands leave it unpruned (--pruning_layers_to_ignore=${LENET_OUTPUT}, open_lth's own default for LeNet).`,
    );
  if (!model.exists && config.scope === 'layer')
    notes.push(`Pruning per layer (scope=layer): open_lth prunes under one global threshold across all layers (sparse_global); it has no per-layer rates, nor a half rate for the output layer.`);
  if (!model.exists && config.convRate !== config.rate)
    notes.push(`Convolutions at their own rate (convRate=${config.convRate}): open_lth prunes every layer with one fraction (--pruning_fraction=${num(config.rate)}).`);
  if (config.criterion !== 'large_final')
    notes.push(`Mask criterion ${config.criterion}: open_lth prunes by the magnitude of the trained weights only (the lab's large_final).`);
  if (config.compare.length)
    notes.push(`Compared criteria (compare=${config.compare.join(',')}): open_lth has one pruning criterion, so these chains have no command.`);
  if (config.start !== 'rewind')
    notes.push(`Start rule start=${config.start}: open_lth's lottery run always resets the kept weights to their values at the rewind point; it has no other start rule.`);
  if (config.pruned !== 'zero') notes.push(`Pruned weights (pruned=${config.pruned}): open_lth holds pruned weights at zero.`);
  if (config.rewind > 0)
    notes.push(
      `Late resetting (rewind=${config.rewind}): open_lth pretrains ${int(config.rewind)} iterations once and then trains every level from iteration ${int(config.rewind)} to ${int(config.iters)} (${int(config.iters - config.rewind)} iterations, the data order going on from there); the lab retrains ${int(config.iters)} iterations each round from the rewound weights.`,
    );
  if (config.opt === 'adam') notes.push(`Adam's ε is 1e-7 in the lab (TensorFlow.js) and 1e-8 in open_lth (PyTorch); open_lth has no flag for it.`);

  notes.push(
    `Initialisation: the lab draws Glorot-normal weights and zero biases; open_lth has no Glorot initialiser (--model_init takes kaiming_normal, kaiming_uniform, orthogonal or binary), so the commands use kaiming_normal, with PyTorch's default biases.`,
    `Seed ${config.seed}: open_lth never seeds the initial weights, so a rerun gets new ones; the seed becomes the data order (--data_order_seed=${config.seed})${config.controls.includes('random') && config.rounds > 0 ? ` and the random mask (--seed=${config.seed})` : ''}.`,
  );
  if (config.seeds > 1)
    notes.push(
      `Seeds (seeds=${config.seeds}): the commands run open_lth's replicates 1–${config.seeds} (--replicate), which differ in their initial weights but share --data_order_seed=${config.seed}; the lab's seeds ${config.seed}–${config.seed + config.seeds - 1} differ in both.`,
    );
  if (image)
    notes.push(
      `Validation: the lab trains on 55,000 images and picks the early-stop iteration on the last 5,000; open_lth trains on all 60,000 and logs only the test set.`,
    );
  if (perEpoch !== null && config.evalEvery !== perEpoch)
    notes.push(
      `Evaluation every ${int(config.evalEvery)} iterations (eval=${config.evalEvery}): open_lth tests once an epoch (every ${int(perEpoch)} iterations at batch ${config.batch}) and at the last iteration.`,
    );
  const testSize = TEST_EXAMPLES[openLthDataset(config.dataset)];
  if (testSize && config.evalSize < testSize)
    notes.push(`Evaluation on ${int(config.evalSize)} images (evalSize=${config.evalSize}): open_lth always tests on the whole test set (${int(testSize)} images).`);

  if (config.transfer !== 'none' || config.transferOpt !== 'none') {
    const where = [config.transfer !== 'none' ? `on ${config.transfer}` : '', config.transferOpt !== 'none' ? `with ${config.transferOpt} (lr ${num(config.transferLr)})` : ''].filter(Boolean).join(' ');
    notes.push(
      `Transfer (${[config.transfer !== 'none' ? `transfer=${config.transfer}` : '', config.transferOpt !== 'none' ? `transferOpt=${config.transferOpt}` : ''].filter(Boolean).join(', ')}): the ticket trained ${where} is lottery_branch retrain, and the ticket found ${where} is a lottery run of its own; the random mask trained ${where} has no open_lth command (randomly_prune trains as its lottery run does).`,
    );
  }
  const stability = config.stability;
  if (stability === 'all' || stability.length)
    notes.push(
      `Stability (stability=${stability === 'all' ? 'all' : stability.join(',')}): open_lth has no instability measurement (two copies trained with two data orders, and the error barrier on the line between them); it has no command for it.`,
    );
  if (config.rewinds.length)
    notes.push(
      `Rewind sweep (rewinds=${config.rewinds.join(',')}): one lottery run per rewind point; each trains its own dense network from its own (unseeded) initial weights, where the lab's chains all share one dense run.`,
    );
  return notes;
}

/** The open_lth commands for an experiment and what they cannot express. */
export function openLthCommands(config: ExperimentConfig): OpenLthPlan {
  if (config.mode === 'supermask')
    return {
      commands: [],
      notes: [`Learned supermask (mode=supermask): open_lth trains no supermasks (scores over weights that never train), so no open_lth command runs this experiment.`],
    };
  const replicates = config.seeds > 1 ? Array.from({ length: config.seeds }, (_, i) => i + 1) : [null];
  return { commands: replicates.flatMap((r) => replicateCommands(config, r)), notes: notesFor(config) };
}
