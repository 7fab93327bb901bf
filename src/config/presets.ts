// One-click experiments for a lecture. Each preset names every field it cares about; applying it
// resets all other fields to DEFAULT_CONFIG (store.setConfig validates through parseConfig).
//
// Sizing: a LeNet-300-100 run of 1,000 iterations at batch 60 is 60,000 examples (1.09 epochs),
// ~12 s at the ~5,000 samples/s we assume for WASM in a browser (bench: 4,867-5,582 in headless
// chromium on one of 2 cores) plus ~7 s of evaluation on the full 10,000 test + 5,000 validation
// images. Frankle & Carbin train 50,000 iterations per run; 31 such runs would take many hours in
// a browser. At 1,000 iterations the dense LeNet reaches ~97% (measured: 96.8%, seed 1) and the
// paper's key contrast already shows, because winning tickets learn faster than the dense
// network and than their random re-initialisations (F&C Figure 3).
import { DEFAULT_CONFIG, parseConfig, type ExperimentConfig } from './schema';

export interface Preset {
  id: string;
  title: string;
  /** One sentence: what the preset shows (what the paper found). */
  line: string;
  /** One sentence: what to look for in the charts. */
  lookFor?: string;
  config: Partial<ExperimentConfig>;
}

/** Frankle & Carbin's LeNet-300-100 recipe (Adam 1.2e-3, batch 60, fc 20% / output 10% per round). */
const LENET_FC: Partial<ExperimentConfig> = {
  dataset: 'mnist',
  model: 'lenet300',
  rate: 0.2,
  scope: 'layer',
  iters: 1000,
  batch: 60,
  lr: 1.2e-3,
  opt: 'adam',
  rewind: 0,
  // F&C compare LeNet tickets with random re-initialisations (Figures 3-4); one control keeps
  // 31 runs instead of 46.
  controls: ['reinit'],
  evalEvery: 100,
  evalSize: 10_000,
  seed: 1,
};

export const PRESETS: Preset[] = [
  {
    id: 'frankle-carbin',
    title: 'Frankle & Carbin: LeNet-300-100 on MNIST',
    line: 'Prune 20% per round (output layer 10%) for 15 rounds down to 3.6% of the weights, resetting each ticket to θ0, against a random re-initialisation: the paper’s Figure 3.',
    // 15 rounds: 100, 80.0, …, 21.1 (round 7), 7.0 (12), 3.6% (15): the paper's curve ends.
    config: { ...LENET_FC, rounds: 15 },
  },
  {
    id: 'spiral',
    title: 'Quick demo: 2-D spiral in seconds',
    line: 'A 64-64 MLP on two interleaved spirals, 40% pruned per round down to 8.5%: sixteen short runs in about 15 seconds, and below ~15% the ticket beats both controls.',
    // Measured in Node WASM (seeds 1, 2): ~98% dense; at 13.8% and 8.5% left the ticket beats
    // random re-init and random mask by 5-25 points. 600 iterations × 60 = 18 epochs of 2,000 points.
    config: {
      dataset: 'spiral',
      model: 'mlp-64-64',
      rate: 0.4,
      scope: 'layer',
      rounds: 5,
      iters: 600,
      batch: 60,
      lr: 0.01,
      opt: 'adam',
      rewind: 0,
      controls: ['reinit', 'random'],
      evalEvery: 50,
      evalSize: 1000,
      seed: 1,
    },
  },
  {
    id: 'aggressive',
    title: 'Aggressive pruning: 50% per round',
    line: 'Half the surviving weights go each round, so 5 rounds reach 3.2%; compare with the 15 gentle 20% rounds of the Frankle & Carbin preset: coarse steps find worse tickets.',
    config: { ...LENET_FC, rate: 0.5, rounds: 5 },
  },
  {
    id: 'late-resetting',
    title: 'Late resetting: rewind to iteration 100',
    line: 'Survivors are reset to their values at iteration 100 (10% into training) instead of θ0, as in Frankle et al. 2019 (“Stabilizing the Lottery Ticket Hypothesis”); otherwise the Frankle & Carbin preset.',
    config: { ...LENET_FC, rounds: 15, rewind: 100 },
  },
  {
    id: 'fashion',
    title: 'Fashion-MNIST',
    line: 'The same LeNet-300-100 recipe on clothing images, down to 7.0% in 12 rounds: harder data, lower accuracy, does the ticket still win?',
    config: { ...LENET_FC, dataset: 'fashion', rounds: 12 },
  },
  {
    id: 'supermask',
    title: 'Supermask: about 90% without training',
    line: 'Zhou et al. 2019: keep the 20% of weights that grew large without flipping sign, set each to ±σ of its layer, and the network classifies MNIST with no further training (the lab measured 92.4%, seed 1).',
    lookFor: 'Round 1’s untrained accuracy (the first point of its curve) against the random mask’s, which stays near chance.',
    // One dense round of 1,000 iterations, then one prune at 80% (output layer 40%): 20.2% left.
    config: { ...LENET_FC, rounds: 1, rate: 0.8, controls: ['random'], criterion: 'large_final_same_sign', start: 'constant_sign' },
  },
  {
    id: 'criteria',
    title: 'Which weights matter? Mask criteria compared',
    line: 'Zhou et al. 2019: keeping the weights that ended large (Frankle & Carbin), grew most or moved most all find good tickets; keeping the smallest ones or a random subset does not. Five chains of tickets, pruned 50% a round from the same dense network.',
    lookFor: 'Accuracy vs weights remaining: the lines fan out below ~25%, small final and random falling first.',
    // 1 dense + 4 rounds × 5 chains = 21 runs; evaluating every 250 iterations keeps it to minutes.
    config: { ...LENET_FC, rate: 0.5, rounds: 4, evalEvery: 250, controls: [], compare: ['small_final', 'magnitude_increase', 'movement', 'random'] },
  },
  {
    id: 'zeros-signs',
    title: 'Zeros and signs: fresh magnitudes, original signs',
    line: 'Zhou et al. 2019: a ticket re-drawn from the initial distribution but keeping each weight’s original sign trains about as well as the rewound ticket; a full re-initialisation does not.',
    lookFor: 'The ticket (original signs) against the random re-init control as the weights thin out below ~30%.',
    config: { ...LENET_FC, rounds: 7, start: 'reinit_sign' },
  },
  {
    id: 'learned-supermask',
    title: 'Learned supermask',
    line: 'Zhou et al. 2019 learn the mask itself: one score per weight, masks sampled from sigmoid(score), the weights (±σ, the original signs) never trained. They report ~95% on MNIST; the lab measured 94.3% with 47% of the weights kept (1,000 iterations, seed 1).',
    lookFor: 'Accuracy climbing while no weight changes, and how many weights the mask settles on.',
    config: { ...LENET_FC, mode: 'supermask', start: 'constant_sign', scoreLr: 0.1, controls: [] },
  },
  {
    id: 'transfer-fashion',
    title: 'MNIST ticket on Fashion-MNIST',
    line: 'Morcos et al. 2019 found that tickets often transfer between image datasets, best from larger, richer sources. Here the source is the simpler MNIST: the lab measured its ticket on Fashion-MNIST within 1.1 points of a random mask of the same sparsity, and 4.4 points behind Fashion-MNIST’s own ticket at 6.3% of the weights (seed 1).',
    lookFor: 'The “On the target” chart: the transferred ticket between the random mask and the target’s own ticket.',
    // 1 dense run on each dataset + 4 rounds × (ticket + 3 transfer arms) = 18 runs.
    config: { ...LENET_FC, rate: 0.5, rounds: 4, evalEvery: 250, controls: [], transfer: 'fashion' },
  },
  {
    id: 'transfer-mnist',
    title: 'Fashion-MNIST ticket on MNIST',
    line: 'The reverse: Morcos et al. 2019 found tickets from richer datasets transfer best, and Fashion-MNIST is the richer one here. Yet the lab measured the Fashion-MNIST ticket on MNIST no better than a random mask of its sparsity: 95.58% vs 94.71% at 25% of the weights, 91.91% vs 92.03% at 6.3%, with MNIST’s own ticket at 97.47% and 96.98% (seed 1, 1,000 iterations a round).',
    lookFor: 'The “On the target” chart: the transferred ticket on the random mask’s line, both well below MNIST’s own ticket.',
    // 1 dense run on each dataset + 4 rounds × (ticket + 3 transfer arms) = 18 runs.
    config: { ...LENET_FC, dataset: 'fashion', rate: 0.5, rounds: 4, evalEvery: 250, controls: [], transfer: 'mnist' },
  },
  {
    id: 'transfer-sgd',
    title: 'Adam ticket trained with SGD',
    line: 'Morcos et al. 2019 found that tickets found with one optimizer still win when trained with another. Here the ticket found with Adam is retrained with SGD + momentum 0.9 (lr 0.05): the lab measured 97.19% at 6.3% of the weights, against 97.41% for the ticket SGD finds itself and 92.33% for a random mask of the same sparsity (seed 1).',
    lookFor: 'The “On the target” chart: the Adam ticket on the line of SGD’s own ticket, the random mask falling away below 25%.',
    // 2 dense runs (one per optimizer) + 4 rounds × (ticket + 3 transfer arms) = 18 runs.
    config: { ...LENET_FC, rate: 0.5, rounds: 4, evalEvery: 250, controls: [], transferOpt: 'momentum', transferLr: 0.05 },
  },
  {
    id: 'stable-tickets',
    title: 'Stable tickets: two copies, two data orders',
    line: 'Frankle et al. 2020: a winning ticket trained twice with different data orders ends in one linearly connected region; random masks and re-inits of its sparsity end farther apart, with a barrier between them. LeNet is shallow, so every path here is nearly flat: at 3.2% of the weights the lab measured barriers of 0.02 (ticket), 0.16 (re-init) and 0.22 points (random mask), and the copies 0.09, 0.42 and 0.39 apart (relative L2, seed 1).',
    lookFor: 'Instability vs weights remaining, switched to distance: the ticket’s copies stay close as the controls drift apart; the error between two copies in round 5.',
    // 1 dense + 5 rounds × (ticket + 2 controls), rounds 0, 3 and 5 twice: 23 runs.
    config: { ...LENET_FC, rate: 0.5, rounds: 5, controls: ['reinit', 'random'], stability: [0, 3, 5] },
  },
  {
    id: 'why-rewind',
    title: 'Why rewind? Conv-2, k = 0 vs k = 50',
    line: 'Frankle et al. 2019/2020: in deeper networks, tickets rewound to θ0 are unstable and fall behind; rewinding to an early iteration k > 0 makes them stable and accurate again. Conv-2 at a high learning rate (Adam 1e-3), its ticket rewound to θ50 beside a chain rewound to θ0, both measured for stability in the last round. The lab measured no difference on Conv-2: at 12.8% of the weights 98.10% for k = 50 and 97.90% for k = 0, each with a 0.15-point barrier (seed 1; 57 minutes on one CPU core, minutes on a GPU). Frankle et al. found rewinding matters in deep networks (VGG-19, ResNet-20), beyond what a browser trains today.',
    lookFor: 'Accuracy and instability vs rewind iteration: two nearly equal points; and, before training, θ50’s ticket far above θ0’s (it has already trained 50 steps).',
    // 1 dense + 3 rounds × 2 chains, the last round twice: 9 runs of 300 iterations.
    config: {
      dataset: 'mnist',
      model: 'conv2',
      rate: 0.5,
      convRate: 0.3,
      scope: 'layer',
      rounds: 3,
      iters: 300,
      batch: 60,
      lr: 1e-3,
      opt: 'adam',
      rewind: 50,
      rewinds: [0],
      stability: [3],
      controls: [],
      evalEvery: 100,
      evalSize: 1000,
      seed: 1,
    },
  },
  {
    id: 'conv2',
    title: 'Conv-2 on MNIST (needs a GPU)',
    line: 'F&C’s Conv-2 (conv layers pruned 10%, dense 20% per round, Adam 2e-4) on 1,000-image evaluations: minutes on WebGPU or WebGL with a real GPU, about an hour on WASM with threads (~100 samples/s).',
    config: {
      dataset: 'mnist',
      model: 'conv2',
      rate: 0.2,
      convRate: 0.1,
      scope: 'layer',
      rounds: 5,
      iters: 500,
      batch: 60,
      lr: 2e-4,
      opt: 'adam',
      rewind: 0,
      controls: ['reinit'],
      evalEvery: 100,
      evalSize: 1000,
      seed: 1,
    },
  },
];

/** The full config a preset applies: its fields over DEFAULT_CONFIG, validated. */
export function presetConfig(preset: Preset): ExperimentConfig {
  return parseConfig({ ...DEFAULT_CONFIG, ...preset.config }).config;
}

/** Fields that do not change the experiment, only where it runs: ignored when matching presets. */
const MACHINE_FIELDS = new Set(['backend']);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether `config` is exactly the preset's experiment (any backend). */
export function matchesPreset(config: ExperimentConfig, preset: Preset): boolean {
  const target = presetConfig(preset) as Record<string, unknown>;
  return Object.keys(target).every((k) => MACHINE_FIELDS.has(k) || same((config as Record<string, unknown>)[k], target[k]));
}

/** The preset the current config is, or null. */
export function activePreset(config: ExperimentConfig): Preset | null {
  return PRESETS.find((p) => matchesPreset(config, p)) ?? null;
}
