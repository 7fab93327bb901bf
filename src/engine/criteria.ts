// Mask criteria (Zhou, Lan, Liu & Yosinski 2019, "Deconstructing Lottery Tickets"): which weights a
// round keeps. A criterion gives every weight a score; pruneByScore removes the lowest-scoring
// fraction of the survivors, per layer or globally, with ties going to the lower index. w_i is a
// weight at the rewind point (θ_k, or θ0 when k = 0), w_f the same weight at the end of the round's
// training. One registry, one definition each; plain arrays, no tfjs.
import { pruneByScore, type PruneScope } from './prune';
import type { Masks } from './masks';
import type { Rng } from './rng';

export const CRITERIA = [
  'large_final',
  'small_final',
  'large_init',
  'small_init',
  'large_init_large_final',
  'small_init_small_final',
  'magnitude_increase',
  'movement',
  'large_final_same_sign',
  'large_final_diff_sign',
  'random',
  'snip',
] as const;
export type CriterionName = (typeof CRITERIA)[number];

/** What a criterion may look at, one array per prunable layer. */
export interface CriterionInputs {
  /** w_i: the weights at the rewind point. */
  init: Float32Array[];
  /** w_f: the weights after the round's training. */
  final: Float32Array[];
  /** dL/dw on one batch at the rewind point (only 'snip' needs it). */
  grad?: Float32Array[];
  /** Source of the random criterion's scores (only 'random' draws from it). */
  rng?: Rng;
}

/** A per-weight score; higher is kept. */
type Elementwise = (wi: number, wf: number) => number;
/** Scores that depend on the survivors of each pruning group (ranks) or on more than w_i, w_f. */
type GroupScore = (x: CriterionInputs, masks: Masks, groups: number[][]) => Float32Array[];

type Criterion = {
  /** One line for the page and the docs. */
  line: string;
  needsGrad?: boolean;
} & ({ kind: 'elementwise'; score: Elementwise } | { kind: 'group'; score: GroupScore });

const sameSign = (a: number, b: number) => Math.sign(a) === Math.sign(b);

export const CRITERION: Record<CriterionName, Criterion> = {
  // Frankle & Carbin's IMP: keep the weights that ended large.
  large_final: { kind: 'elementwise', score: (_, wf) => Math.abs(wf), line: 'keep weights large after training (|w_f|; Frankle & Carbin)' },
  small_final: { kind: 'elementwise', score: (_, wf) => -Math.abs(wf), line: 'keep weights small after training (-|w_f|)' },
  large_init: { kind: 'elementwise', score: (wi) => Math.abs(wi), line: 'keep weights large at the rewind point (|w_i|)' },
  small_init: { kind: 'elementwise', score: (wi) => -Math.abs(wi), line: 'keep weights small at the rewind point (-|w_i|)' },
  // Kept only when in the upper part of both rankings: the same percentile threshold on |w_i| and
  // |w_f| (Zhou et al. search it by bisection). Scoring each weight by the lower of its two ranks
  // keeps exactly those above a common rank threshold, and the count comes out exact.
  large_init_large_final: {
    kind: 'group',
    score: (x, masks, groups) => minRank(masks, groups, [x.init, x.final], (v) => Math.abs(v)),
    line: 'keep weights large both at the rewind point and after training',
  },
  small_init_small_final: {
    kind: 'group',
    score: (x, masks, groups) => minRank(masks, groups, [x.init, x.final], (v) => -Math.abs(v)),
    line: 'keep weights small both at the rewind point and after training',
  },
  magnitude_increase: { kind: 'elementwise', score: (wi, wf) => Math.abs(wf) - Math.abs(wi), line: 'keep weights whose magnitude grew most (|w_f| − |w_i|)' },
  movement: { kind: 'elementwise', score: (wi, wf) => Math.abs(wf - wi), line: 'keep weights that moved most in training (|w_f − w_i|)' },
  // Zhou et al.'s supermask criterion: a weight that flipped sign scores 0 and goes first.
  large_final_same_sign: {
    kind: 'elementwise',
    score: (wi, wf) => (sameSign(wi, wf) ? Math.abs(wf) : 0),
    line: 'keep large final weights that kept their initial sign',
  },
  large_final_diff_sign: {
    kind: 'elementwise',
    score: (wi, wf) => (sameSign(wi, wf) ? 0 : Math.abs(wf)),
    line: 'keep large final weights that flipped their sign',
  },
  random: {
    kind: 'group',
    score: (x, masks) => {
      if (!x.rng) throw new Error("the 'random' criterion needs a seeded rng");
      const rng = x.rng;
      return masks.map((m) => Float32Array.from(m, () => rng.next()));
    },
    line: 'keep a random subset (the random-mask control as a criterion)',
  },
  // SNIP (Lee et al. 2019): a weight's effect on the loss at the rewind point, |g · w_i|.
  snip: {
    kind: 'group',
    needsGrad: true,
    score: (x) => {
      if (!x.grad) throw new Error("the 'snip' criterion needs the loss gradient at the rewind point");
      return x.init.map((w, l) => w.map((wi, i) => Math.abs(x.grad![l][i] * wi)));
    },
    line: 'keep weights that matter most to the loss at the rewind point (|g · w_i|; SNIP)',
  },
};

/** "large_init_large_final" -> "large init, large final" (the words the page shows). */
export const criterionLabel = (name: CriterionName) =>
  name === 'snip' ? 'SNIP' : name.replace('_large_final', ', large final').replace('_small_final', ', small final').replaceAll('_', ' ');

export const criterionNeedsGrad = (name: CriterionName) => CRITERION[name].needsGrad === true;

/** The pruning groups: each layer alone, or all layers under one threshold. */
export function pruneGroups(layers: number, scope: PruneScope): number[][] {
  const all = Array.from({ length: layers }, (_, i) => i);
  return scope === 'global' ? [all] : all.map((i) => [i]);
}

/** Every weight's score under `name` (pruned weights get scores too; pruneByScore ignores them). */
export function criterionScores(name: CriterionName, x: CriterionInputs, masks: Masks, scope: PruneScope): Float32Array[] {
  const c = CRITERION[name];
  if (c.kind === 'elementwise') {
    const f = c.score;
    return x.final.map((wf, l) => wf.map((v, i) => f(x.init[l][i], v)));
  }
  return c.score(x, masks, pruneGroups(masks.length, scope));
}

/** The next masks under a criterion: pruneByScore over its scores. */
export function pruneByCriterion(name: CriterionName, x: CriterionInputs, masks: Masks, rates: number[], scope: PruneScope, globalRate?: number): Masks {
  return pruneByScore(criterionScores(name, x, masks, scope), masks, rates, scope, globalRate);
}

/**
 * For each survivor, the lower of its ranks (0 = smallest) under `key` in each of `arrays`, ranked
 * among the survivors of its pruning group. Ties in a ranking go to the lower index.
 */
function minRank(masks: Masks, groups: number[][], arrays: Float32Array[][], key: (v: number) => number): Float32Array[] {
  const out = masks.map((m) => new Float32Array(m.length));
  for (const group of groups) {
    const members: [number, number][] = [];
    for (const l of group) for (let i = 0; i < masks[l].length; i++) if (masks[l][i]) members.push([l, i]);
    const best = new Float64Array(members.length).fill(Infinity);
    for (const a of arrays) {
      const order = members.map((_, k) => k);
      order.sort((p, q) => key(a[members[p][0]][members[p][1]]) - key(a[members[q][0]][members[q][1]]) || p - q);
      order.forEach((k, rank) => (best[k] = Math.min(best[k], rank)));
    }
    members.forEach(([l, i], k) => (out[l][i] = best[k]));
  }
  return out;
}
