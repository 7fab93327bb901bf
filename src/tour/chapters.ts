// The guided tour: one chapter per finding of the five lottery ticket papers, each with an
// experiment that finishes in about a minute on a laptop (LeNet-300-100 at ~10,000 samples/s on
// WASM, evaluated on 1,000 images) and the chart to watch. Plain data: the tour panel shows it,
// tests check every query parses and every chart exists.
//
// The numbers in `lookFor` were measured by the lab itself on exactly these queries
// (`npm run experiment -- '<query>'`, Node WASM, seed 1); another seed or backend gives others.
import { decodeConfig } from '../config/url';
import type { ExperimentConfig } from '../config/schema';
import { PANELS } from '../state/ui-slice';

export interface Chapter {
  title: string;
  /** Authors, year, title of the paper the chapter is about. */
  reference: string;
  /** What the paper asked and what it found, in a few sentences. */
  text: string;
  /** The chapter's experiment as a link query (every setting it cares about; the rest default). */
  query: string;
  /** The chart to watch: an id from PANELS (the same names hide= takes). */
  panel: string;
  /** What to look for, written against the lab's own measured run of `query`. */
  lookFor: string;
}

/** The card (its data-panel attribute) each PANELS id is drawn in. */
export const PANEL_CARDS: Record<string, string> = {
  supermask: 'supermask',
  accuracy: 'accuracy-vs-remaining',
  transfer: 'transfer-accuracy',
  instability: 'instability',
  path: 'stability-path',
  rewinds: 'rewind-sweep',
  untrained: 'untrained-accuracy',
  curves: 'learning-curves',
  earlystop: 'early-stop-vs-remaining',
  histograms: 'weight-histograms',
  plane: 'criterion-plane',
  masks: 'mask-heatmap',
  units: 'first-layer-masks',
  summary: 'summary',
};

const FRANKLE_CARBIN = 'Jonathan Frankle and Michael Carbin (2019). The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks. ICLR 2019.';
const ZHOU = 'Hattie Zhou, Janice Lan, Rosanne Liu and Jason Yosinski (2019). Deconstructing Lottery Tickets: Zeros, Signs, and the Supermask. NeurIPS 2019.';

// LeNet-300-100 on MNIST, Frankle & Carbin's optimizer (Adam 1.2e-3, batch 60), half the weights
// pruned a round so four rounds reach 6.3%; 1,000 evaluation images keep each evaluation short.
const LENET = 'dataset=mnist&model=lenet300&rate=0.5&scope=layer&batch=60&lr=0.0012&opt=adam&evalSize=1000&seed=1';

export const CHAPTERS: Chapter[] = [
  {
    title: 'Winning tickets',
    reference: FRANKLE_CARBIN,
    text:
      'Frankle and Carbin asked why a pruned network can match the dense one, yet the same sparse network trained from scratch cannot. ' +
      'They trained a network, pruned its smallest weights, reset the survivors to their original initial values θ0 and trained again, round after round. ' +
      'The subnetworks they found (winning tickets) matched the dense network at 10–20% of its weights and learned faster; ' +
      'the same masks with freshly drawn weights (random re-initialisation) learned slower and ended lower: the initial values matter.',
    query: `${LENET}&rounds=4&iters=1000&eval=100&controls=reinit&rewind=0`,
    panel: 'accuracy',
    lookFor:
      'The ticket’s line staying level while the re-initialised one falls away. In our run (seed 1, 1,000 test images) the dense network reached 97.3%; ' +
      'the ticket kept 97.6%, 97.0%, 96.7% and 96.5% at 50%, 25%, 12.6% and 6.3% of the weights, while the same masks with fresh random weights fell to 95.6%, 95.3%, 92.8% and 92.0%. ' +
      'These numbers are for this seed; another seed or backend gives others.',
  },
  {
    title: 'Accuracy before any training',
    reference: ZHOU,
    text:
      'Zhou and colleagues noticed that a winning ticket, rewound to θ0 and masked, already classifies far above chance before it is trained again: ' +
      'the mask alone carries information. Random masks and re-initialisations of the same sparsity do not. ' +
      'The lab evaluates every round’s network before its retraining, so this is measured in every run.',
    query: `${LENET}&rounds=4&iters=500&eval=100&controls=reinit,random&rewind=0`,
    panel: 'untrained',
    lookFor:
      'The ticket’s points far above the chance line while both controls stay on it. In our run (seed 1, 1,000 test images) the dense network scored 11.8% before training; ' +
      'the rewound tickets scored 87.6%, 88.9%, 85.1% and 77.8% before retraining at 50%, 25%, 12.6% and 6.3% of the weights, ' +
      'the random re-initialisations 11.0%, 9.6%, 12.3% and 8.3%, and the random masks 11.1%, 7.0%, 5.6% and 13.1%: chance is 10%. ' +
      'These numbers are for this seed; another seed or backend gives others.',
  },
  {
    title: 'Rewinding and stability',
    reference:
      'Jonathan Frankle, Gintare Karolina Dziugaite, Daniel M. Roy and Michael Carbin (2019). Stabilizing the Lottery Ticket Hypothesis (arXiv 1903.01611); and (2020). Linear Mode Connectivity and the Lottery Ticket Hypothesis. ICML 2020.',
    text:
      'In deeper networks at standard learning rates (VGG-19, ResNet-20) resetting to θ0 found no winning tickets. Frankle and colleagues rewound instead to an early iteration k of training (late resetting), and tickets appeared again. ' +
      'They explained it by stability: a network is stable if two copies trained with different data orders end in one linearly connected region, with no rise in error on the straight line between them. ' +
      'Rewound tickets were stable; tickets reset to θ0 in deep networks were not. ' +
      'Here one chain of tickets is rewound to iteration 50 and one to θ0, both measured for stability in the last round.',
    query: `${LENET}&rounds=4&iters=500&eval=100&controls=&rewind=50&rewinds=0&stability=4`,
    panel: 'rewinds',
    lookFor:
      'Two nearly equal points, and two flat paths. In our run (seed 1, 1,000 test images), at 6.3% of the weights the ticket rewound to iteration 50 reached 94.8% and the one reset to θ0 94.3%; ' +
      'both were stable: error barriers of 0.3 and 0.2 points, the two copies 0.119 and 0.121 apart (relative L2). ' +
      'Before retraining the k = 50 ticket scored 85.1% against 77.8% for θ0’s (it has trained 50 steps). ' +
      'LeNet is shallow, and Frankle and colleagues found it stable at k = 0 too: the difference rewinding makes shows in deep networks, beyond a minute in a browser. ' +
      'These numbers are for this seed; another seed or backend gives others.',
  },
  {
    title: 'Which weights to keep',
    reference: ZHOU,
    text:
      'Zhou and colleagues took winning tickets apart. Which weights should a round keep? Those that end large (Frankle and Carbin’s rule) and those that grew or moved most all find good tickets; keeping the smallest ones or a random subset does not. ' +
      'What matters about the kept weights’ starting values? Their signs: redrawn magnitudes with the original signs train nearly as well as the rewound ticket. ' +
      'And setting pruned weights to zero matters: zero is where they were heading. ' +
      'Here the ticket’s chain (large final weights) is pruned beside a chain that keeps the smallest weights and one that keeps a random subset.',
    query: `${LENET}&rounds=4&iters=500&eval=100&controls=&rewind=0&compare=small_final,random`,
    panel: 'accuracy',
    lookFor:
      'The three chains fanning out as the weights thin. In our run (seed 1, 1,000 test images), keeping the large final weights gave 96.0%, 96.1%, 95.1% and 94.3% at 50%, 25%, 12.6% and 6.3% of the weights; ' +
      'a random subset 94.8%, 93.4%, 91.5% and 89.5%; and the smallest weights did worse than random: 93.5%, 91.8%, 87.0% and 71.8%. ' +
      'These numbers are for this seed; another seed or backend gives others. The preset “Zeros and signs” tries the signs.',
  },
  {
    title: 'Supermasks',
    reference: ZHOU,
    text:
      'If a mask alone lifts an untrained network above chance, can a mask be trained instead of the weights? ' +
      'Zhou and colleagues learned one score per weight and sampled masks from them, over weights fixed at ±σ with their original signs and never trained: ' +
      'a supermask. On MNIST such a mask reached about 95% accuracy with no weight ever changing.',
    query: `${LENET}&mode=supermask&start=constant_sign&scoreLr=0.1&iters=1000&eval=100&controls=`,
    panel: 'supermask',
    lookFor:
      'Accuracy climbing while no weight changes, and how many weights the mask settles on. In our run (seed 1, 1,000 test images) the network scored 8.5% before the scores were trained, ' +
      '81.0% after 100 iterations and 93.0% after 1,000, keeping 46.9% of the weights. ' +
      'These numbers are for this seed; another seed or backend gives others.',
  },
  {
    title: 'Transfer to another dataset',
    reference:
      'Ari S. Morcos, Haonan Yu, Michela Paganini and Yuandong Tian (2019). One ticket to win them all: generalizing lottery ticket initializations across datasets and optimizers. NeurIPS 2019.',
    text:
      'Is a ticket specific to the data it was found on? Morcos and colleagues retrained tickets found on one image dataset on another, and found with one optimizer with another. ' +
      'Tickets transferred, and beat random masks of the same sparsity there; tickets from larger, richer datasets transferred best. ' +
      'Here a ticket found on MNIST trains on Fashion-MNIST beside a random mask of its sparsity and Fashion-MNIST’s own ticket. ' +
      'The preset “Adam ticket trained with SGD” tries the other optimizer.',
    query: `${LENET}&rounds=3&iters=500&eval=100&controls=&rewind=0&transfer=fashion`,
    panel: 'transfer',
    lookFor:
      'Where the transferred ticket sits between the random mask and the target’s own ticket. In our run (seed 1, 1,000 Fashion-MNIST test images) the MNIST ticket reached 84.7%, 82.5% and 81.0% at 50%, 25% and 12.6% of the weights, ' +
      'a random mask of its sparsity 83.1%, 82.6% and 81.6%, and Fashion-MNIST’s own ticket 84.3%, 85.7% and 84.9% (its dense network 83.7%). ' +
      'Here the source is the simpler dataset, and its ticket did no better than a random mask once half the weights were gone: Morcos and colleagues found the best sources larger and richer than the target. ' +
      'These numbers are for this seed; another seed or backend gives others.',
  },
  {
    title: 'What a ticket buys',
    reference: FRANKLE_CARBIN,
    text:
      'A winning ticket is a smaller network that trains as well: fewer parameters, fewer bytes to store (as a sparse matrix) and fewer multiply-adds per prediction. ' +
      'Frankle and Carbin also measured how fast it learns by its early-stopping iteration, where validation loss is lowest: as they were pruned, tickets reached it earlier than the dense network, until very few weights were left.',
    query: `${LENET}&rounds=5&iters=1000&eval=50&controls=&rewind=0`,
    panel: 'summary',
    lookFor:
      'The summary’s figures for the last round, and its sparsest ticket within a point of the dense network. In our run (seed 1, 1,000 test images) round 5 kept 8,524 of 266,200 weights (3.2%) at 95.8% accuracy: ' +
      '55,892 bytes as a sparse (CSR) matrix against 1,064,800 dense, and 17,048 FLOPs per image against 532,400. ' +
      'The sparsest ticket within a point of the dense 97.3% was round 4’s, 96.5% at 6.3% of the weights. ' +
      'The early-stopping iteration stayed at the last, 1,000, until round 5 (950): a run this short ends before validation loss turns up, so it cannot show Frankle and Carbin’s earlier stopping. ' +
      'These numbers are for this seed; another seed or backend gives others.',
  },
];

/** The chapter's experiment as a full config, with whatever its query got wrong. */
export function chapterConfig(chapter: Chapter): { config: ExperimentConfig; issues: string[] } {
  const { config, issues } = decodeConfig(chapter.query);
  return { config, issues: issues.map((i) => i.message) };
}

const PANEL_IDS = new Set(PANELS.map((p) => p.id));

/** A chapter is shown only when the lab has its feature: its query reads cleanly and its chart exists. */
export const isAvailable = (chapter: Chapter): boolean =>
  PANEL_IDS.has(chapter.panel) && chapter.panel in PANEL_CARDS && chapterConfig(chapter).issues.length === 0;

/** The chapters the tour shows, numbered 1… in this order. */
export const TOUR_CHAPTERS: readonly Chapter[] = CHAPTERS.filter(isAvailable);
