// Masks as plain Float32Arrays of 0/1, one per prunable layer (same layout as the weights).
import { countKept, keptFraction } from '../analysis/counts';
import { Rng } from './rng';
import type { Architecture } from './models';
import { layerSize } from './models';
import type { LayerCount } from './events';

export type Masks = Float32Array[];

export function fullMasks(arch: Architecture): Masks {
  return arch.layers.map((l) => new Float32Array(layerSize(l)).fill(1));
}

export function layerCounts(arch: Architecture, masks: Masks): LayerCount[] {
  return arch.layers.map((l, i) => ({ name: l.name, kind: l.kind, total: masks[i].length, remaining: countKept(masks[i]) }));
}

/** Fraction of all prunable weights still kept (1 for a network without any). */
export function remainingFraction(masks: Masks): number {
  return masks.some((m) => m.length) ? keptFraction(masks) : 1;
}

/** A random mask with exactly the same number of kept weights in every layer (the control). */
export function randomMaskLike(masks: Masks, rng: Rng): Masks {
  return masks.map((m) => {
    const keep = countKept(m);
    const order = new Uint32Array(m.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    // Partial Fisher-Yates: the first `keep` slots are a uniform random subset.
    for (let i = 0; i < keep; i++) {
      const j = i + rng.int(order.length - i);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    const out = new Float32Array(m.length);
    for (let i = 0; i < keep; i++) out[order[i]] = 1;
    return out;
  });
}

/** weights * mask: pruned weights exactly 0. */
export function applyMask(weights: Float32Array, mask: Float32Array): Float32Array {
  const out = new Float32Array(weights.length);
  for (let i = 0; i < out.length; i++) out[i] = mask[i] ? weights[i] : 0;
  return out;
}
