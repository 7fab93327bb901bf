// Pruning: (scores, masks, rates, scope) -> new masks. Scores rank the surviving weights (for
// iterative magnitude pruning, |w| at the end of training); the lowest-scoring are removed.
// Other mask criteria (large_init, movement, ...) are other score functions over the same call.
import type { Architecture } from './models';
import type { Masks } from './masks';

export type PruneScope = 'layer' | 'global';

/** Per-layer pruning fractions: fully-connected at `rate`, the output layer at rate/2, convs at `convRate`. */
export function layerRates(arch: Architecture, rate: number, convRate: number): number[] {
  return arch.layers.map((l) => (l.kind === 'conv' ? convRate : l.isOutput ? rate / 2 : rate));
}

/** Magnitude scores: |w|. */
export function magnitudeScores(weights: Float32Array[]): Float32Array[] {
  return weights.map((w) => w.map(Math.abs));
}

// Survivors of the given layers as flat indices (layer offset + index), lowest score first; ties
// go to the lower flat index, so the same weights always give the same mask.
function survivorsByScore(scores: Float32Array[], masks: Masks, layers: number[], offsets: number[], score: Float64Array): Uint32Array {
  let n = 0;
  for (const l of layers) for (let i = 0; i < masks[l].length; i++) n += masks[l][i] ? 1 : 0;
  const flat = new Uint32Array(n);
  let k = 0;
  for (const l of layers) {
    const m = masks[l];
    const s = scores[l];
    for (let i = 0; i < m.length; i++) {
      if (!m[i]) continue;
      flat[k++] = offsets[l] + i;
      score[offsets[l] + i] = s[i];
    }
  }
  return flat.sort((a, b) => score[a] - score[b] || a - b);
}

/**
 * Removes round(rate x survivors) of the lowest-scoring surviving weights, per layer with each
 * layer's rate, or under one global threshold at `rates`' first fully-connected rate.
 */
export function pruneByScore(scores: Float32Array[], masks: Masks, rates: number[], scope: PruneScope, globalRate?: number): Masks {
  const next = masks.map((m) => m.slice());
  const offsets = [0];
  for (const m of masks) offsets.push(offsets[offsets.length - 1] + m.length);
  const flatScores = new Float64Array(offsets[offsets.length - 1]);
  const groups = scope === 'global' ? [masks.map((_, i) => i)] : masks.map((_, i) => [i]);
  for (const layers of groups) {
    const survivors = survivorsByScore(scores, masks, layers, offsets, flatScores);
    const rate = scope === 'global' ? (globalRate ?? rates[0]) : rates[layers[0]];
    const count = Math.round(survivors.length * rate);
    for (let k = 0; k < count; k++) {
      const flat = survivors[k];
      let l = layers[0];
      while (flat >= offsets[l + 1]) l++;
      next[l][flat - offsets[l]] = 0;
    }
  }
  return next;
}

/** Iterative magnitude pruning's step: prune the smallest |w| of the trained weights. */
export function pruneByMagnitude(trained: Float32Array[], masks: Masks, rates: number[], scope: PruneScope, globalRate?: number): Masks {
  return pruneByScore(magnitudeScores(trained), masks, rates, scope, globalRate);
}

/**
 * Fraction of prunable weights left after each round 0..rounds, computed from the exact counts
 * pruneByScore removes (what the sliders promise is what the engine does).
 */
export function remainingSchedule(arch: Architecture, rate: number, convRate: number, scope: PruneScope, rounds: number): number[] {
  const sizes = arch.layers.map((l) => l.shape.reduce((a, b) => a * b, 1));
  const total = sizes.reduce((a, b) => a + b, 0);
  const rates = layerRates(arch, rate, convRate);
  let left = scope === 'global' ? [total] : [...sizes];
  const out = [1];
  for (let r = 1; r <= rounds; r++) {
    left = left.map((n, i) => n - Math.round(n * (scope === 'global' ? rate : rates[i])));
    out.push(left.reduce((a, b) => a + b, 0) / total);
  }
  return out;
}
