// Pure weight-histogram computations for the WeightHistograms panel. Everything works on
// Float32Arrays with plain loops: a layer can hold 266k weights, and d3.bin over a JS array
// of that size (with an accessor call per value) is needlessly slow on every re-render.
import { tickStep } from 'd3';
import type { LayerSnapshot } from '../engine/events';

/** Equal-width bins over [lo, lo + n * step]: bin k is [lo + k step, lo + (k + 1) step). */
export interface BinSpec {
  lo: number;
  step: number;
  n: number;
}

/** The upper edge of the bins. */
export const binHi = (s: BinSpec) => s.lo + s.n * s.step;

/** Largest |v| over the values whose `include` entry is non-zero (all values without `include`). */
export function maxAbs(values: Float32Array, include?: ArrayLike<number> | null): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    if (include && !include[i]) continue;
    const a = Math.abs(values[i]);
    if (a > m) m = a;
  }
  return m;
}

/**
 * Bins symmetric about 0 covering [-extent, extent], with a "nice" width (d3.tickStep) so the
 * edges land on round numbers and 0 is always an edge. About `target` bins.
 */
export function symmetricBins(extent: number, target = 60): BinSpec {
  const e = extent > 0 && Number.isFinite(extent) ? extent : 1;
  const step = tickStep(-e, e, target);
  const k = Math.max(1, Math.ceil(e / step - 1e-9));
  return { lo: -k * step, step, n: 2 * k };
}

/** The bin index of v (values outside the range are clamped into the first / last bin). */
export function binIndex(spec: BinSpec, v: number): number {
  const k = Math.floor((v - spec.lo) / spec.step);
  return k < 0 ? 0 : k >= spec.n ? spec.n - 1 : k;
}

/**
 * Counts per bin of `values`, only where `include` (if given) is non-zero. The counts always
 * sum to the number of values included: out-of-range values fall into the end bins.
 */
export function binValues(values: Float32Array, spec: BinSpec, include?: ArrayLike<number> | null): Uint32Array {
  const counts = new Uint32Array(spec.n);
  const { lo, step, n } = spec;
  for (let i = 0; i < values.length; i++) {
    if (include && !include[i]) continue;
    let k = Math.floor((values[i] - lo) / step);
    if (k < 0) k = 0;
    else if (k >= n) k = n - 1;
    counts[k]++;
  }
  return counts;
}

/** Pruning boundary of a keep-mask over trained weights, within a population (mask = 1). */
export interface Threshold {
  /** Smallest |w| among the kept weights: the magnitude threshold (null when none are kept). */
  threshold: number | null;
  /** Largest |w| among the pruned weights (null when none are pruned). */
  largestPruned: number | null;
  kept: number;
  pruned: number;
}

/**
 * Splits the weights of `population` (non-zero entries; all weights without it) into kept
 * (`keep` = 1) and pruned (`keep` = 0), and finds the magnitude boundary between them. For a
 * magnitude-pruned mask, largestPruned <= threshold.
 */
export function pruningThreshold(final: Float32Array, keep: ArrayLike<number>, population?: ArrayLike<number> | null): Threshold {
  let threshold = Infinity;
  let largestPruned = -Infinity;
  let kept = 0;
  let pruned = 0;
  for (let i = 0; i < final.length; i++) {
    if (population && !population[i]) continue;
    const a = Math.abs(final[i]);
    if (keep[i]) {
      kept++;
      if (a < threshold) threshold = a;
    } else {
      pruned++;
      if (a > largestPruned) largestPruned = a;
    }
  }
  return {
    threshold: kept ? threshold : null,
    largestPruned: pruned ? largestPruned : null,
    kept,
    pruned,
  };
}

export interface WeightHistograms {
  spec: BinSpec;
  /** θ0 of the weights trained this round (mask = 1). */
  init: Uint32Array;
  /** Trained values of the same weights. */
  trained: Uint32Array;
  /** Trained values split by the mask that decides pruning: kept ... */
  survivors: Uint32Array;
  /** ... and removed. */
  pruned: Uint32Array;
  /**
   * 'nextMask': survivors / pruned are the next round's decision over this round's active
   * weights. 'mask' (last round, no nextMask): the split is this round's own mask over all weights.
   */
  split: 'nextMask' | 'mask';
  /** Weights in the layer, and those trained this round (mask = 1). */
  total: number;
  active: number;
  threshold: Threshold;
}

type HistLayer = Pick<LayerSnapshot, 'init' | 'mask' | 'nextMask'> & { final: Float32Array };

/**
 * All four histograms of one layer over shared bins (symmetric about 0, covering every value
 * drawn). The init / trained histograms count the weights trained this round; the survivors /
 * pruned split counts the weights the split applies to (see `split`).
 */
export function weightHistograms(layer: HistLayer, target = 60): WeightHistograms {
  const { init, final, mask, nextMask } = layer;
  const split = nextMask ? 'nextMask' : 'mask';
  const keep = nextMask ?? mask;
  const splitPopulation = nextMask ? mask : null;
  const extent = Math.max(maxAbs(init, mask), maxAbs(final, splitPopulation));
  const spec = symmetricBins(extent, target);
  const survivors = new Uint32Array(spec.n);
  const pruned = new Uint32Array(spec.n);
  let active = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) active++;
  for (let i = 0; i < final.length; i++) {
    if (splitPopulation && !splitPopulation[i]) continue;
    const k = binIndex(spec, final[i]);
    if (keep[i]) survivors[k]++;
    else pruned[k]++;
  }
  return {
    spec,
    init: binValues(init, spec, mask),
    trained: binValues(final, spec, mask),
    survivors,
    pruned,
    split,
    total: final.length,
    active,
    threshold: pruningThreshold(final, keep, splitPopulation),
  };
}

export const sumCounts = (c: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < c.length; i++) s += c[i];
  return s;
};
