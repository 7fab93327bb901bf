// What a round's network starts from (Zhou et al. 2019's "mask-1" and "mask-0 actions"): the
// values the kept weights are reset to, and what the pruned weights become. Pruned weights never
// train (their gradients are masked), so a non-zero pruned value is frozen there, yet takes part in
// the forward pass. Pure functions over one layer's arrays; w_i is the rewind point's value.
import type { Rng } from './rng';

export const STARTS = ['rewind', 'reinit', 'reinit_sign', 'reshuffle', 'reshuffle_sign', 'constant_sign'] as const;
export type StartName = (typeof STARTS)[number];

export const PRUNED_VALUES = ['zero', 'init', 'toward_zero'] as const;
export type PrunedName = (typeof PRUNED_VALUES)[number];

export const START_LINES: Record<StartName, string> = {
  rewind: 'the rewind point’s values θ_k (Frankle & Carbin)',
  reinit: 'a fresh draw from the initial distribution',
  reinit_sign: 'fresh magnitudes with the original signs',
  reshuffle: 'the layer’s kept initial values, shuffled among the kept positions',
  reshuffle_sign: 'shuffled magnitudes with the original signs',
  constant_sign: 'the original sign times the layer’s initial standard deviation',
};

export const PRUNED_LINES: Record<PrunedName, string> = {
  zero: 'pruned weights are 0 (Frankle & Carbin)',
  init: 'pruned weights stay frozen at their rewind value',
  toward_zero: 'pruned weights that shrank in training become 0, the others stay frozen at their rewind value',
};

export interface LayerStart {
  /** w_i: the layer at the rewind point. */
  rewind: Float32Array;
  /** A fresh draw from the initial distribution (for the reinit starts). */
  fresh: () => Float32Array;
  /** The standard deviation of the layer's initial distribution. */
  std: number;
  /** For the reshuffles: a seeded generator of this layer and round. */
  rng: Rng;
}

const sign = (v: number) => (v < 0 ? -1 : 1);

/** The kept weights' starting values (entries where mask = 0 are left 0). */
export function keptStart(name: StartName, x: LayerStart, mask: Float32Array): Float32Array {
  const wi = x.rewind;
  const out = new Float32Array(wi.length);
  const keptIdx: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) keptIdx.push(i);
  switch (name) {
    case 'rewind':
      for (const i of keptIdx) out[i] = wi[i];
      break;
    case 'reinit': {
      const f = x.fresh();
      for (const i of keptIdx) out[i] = f[i];
      break;
    }
    case 'reinit_sign': {
      const f = x.fresh();
      for (const i of keptIdx) out[i] = Math.abs(f[i]) * sign(wi[i]);
      break;
    }
    case 'reshuffle':
    case 'reshuffle_sign': {
      // A Fisher-Yates permutation of the kept positions' values.
      const values = keptIdx.map((i) => wi[i]);
      for (let k = values.length - 1; k > 0; k--) {
        const j = x.rng.int(k + 1);
        [values[k], values[j]] = [values[j], values[k]];
      }
      keptIdx.forEach((i, k) => (out[i] = name === 'reshuffle' ? values[k] : Math.abs(values[k]) * sign(wi[i])));
      break;
    }
    case 'constant_sign':
      for (const i of keptIdx) out[i] = sign(wi[i]) * x.std;
      break;
  }
  return out;
}

/**
 * What pruned weights hold (entries where mask = 1 are 0). `final` is the layer at the end of the
 * last training (for toward_zero: did the weight's magnitude shrink?). A weight pruned earlier and
 * frozen keeps its decision: frozen at w_i it did not shrink, set to 0 it did.
 */
export function prunedValues(name: PrunedName, rewind: Float32Array, final: Float32Array | null, mask: Float32Array): Float32Array {
  const out = new Float32Array(rewind.length);
  if (name === 'zero') return out;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i]) continue;
    if (name === 'init') out[i] = rewind[i];
    else if (!final || Math.abs(final[i]) >= Math.abs(rewind[i])) out[i] = rewind[i];
  }
  return out;
}

/** A round's starting layer: kept weights from `start`, pruned ones from `pruned`. */
export function layerStart(start: StartName, pruned: PrunedName, x: LayerStart, final: Float32Array | null, mask: Float32Array): Float32Array {
  const kept = keptStart(start, x, mask);
  const off = prunedValues(pruned, x.rewind, final, mask);
  for (let i = 0; i < kept.length; i++) if (!mask[i]) kept[i] = off[i];
  return kept;
}
