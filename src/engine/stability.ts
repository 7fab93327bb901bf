// Stability (Frankle et al., "Stabilizing the LTH" and "Linear Mode Connectivity and the LTH"):
// two copies of a network trained from the same start with different data orders. Stable copies
// end close together (small relative L2 distance) and in one linearly connected region: the test
// accuracy along the straight line between them has no dip (no error barrier).
import type { Architecture } from './architectures';
import type { ArmWeights } from './batched';
import { ArmsNetwork } from './batched';
import { fullMasks } from './masks';
import { evaluateArms, type EvalSet } from './train';
import type { StabilityResult } from './events';
import { PATH_POINTS } from '../config/schema';
import { pathAlphas } from '../analysis/stability';

export { pathAlphas, PATH_POINTS };

/** ‖a − b‖ / ‖a‖ over every prunable weight (biases left out, as in Frankle et al.). */
export function relativeDistance(a: Float32Array[], b: Float32Array[]): number {
  let diff = 0;
  let norm = 0;
  a.forEach((w, l) => {
    const v = b[l];
    for (let i = 0; i < w.length; i++) {
      const d = w[i] - v[i];
      diff += d * d;
      norm += w[i] * w[i];
    }
  });
  return norm > 0 ? Math.sqrt(diff / norm) : Math.sqrt(diff);
}

/** (1 − α)·a + α·b, weights and biases. α = 0 and α = 1 give a and b exactly. */
export function interpolate(a: ArmWeights, b: ArmWeights, alpha: number): ArmWeights {
  const mix = (x: Float32Array, y: Float32Array) => {
    if (alpha === 0) return x.slice();
    if (alpha === 1) return y.slice();
    const out = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = (1 - alpha) * x[i] + alpha * y[i];
    return out;
  };
  return { weights: a.weights.map((w, l) => mix(w, b.weights[l])), biases: a.biases.map((w, l) => mix(w, b.biases[l])) };
}

/** The error barrier in accuracy: the endpoints' mean accuracy minus the lowest on the path (≥ 0 up to noise). */
export function instabilityOf(path: number[]): number {
  const ends = (path[0] + path[path.length - 1]) / 2;
  return ends - Math.min(...path);
}

/** One pair of copies to measure, on the test set its arm is evaluated on. */
export interface StabilityPair {
  a: ArmWeights;
  b: ArmWeights;
  test: EvalSet;
}

// Interpolated networks are evaluated a group at a time, at most this many weights in memory.
const PATH_WEIGHT_BUDGET = 24_000_000;

/**
 * Distance, accuracy path and instability of every pair. Every point of every path is one arm of
 * an evaluation network (weights are already what the forward pass must see, so no masks).
 */
export async function measureStability(arch: Architecture, pairs: StabilityPair[], points = PATH_POINTS): Promise<StabilityResult[]> {
  const alphas = pathAlphas(points);
  const jobs = pairs.flatMap((_, k) => alphas.map((alpha, i) => ({ k, alpha, at: k * points + i })));
  const perNet = arch.layers.reduce((n, l) => n + l.shape.reduce((x, y) => x * y, 1), 0);
  const group = Math.max(1, Math.floor(PATH_WEIGHT_BUDGET / perNet));
  const accuracy = new Array<number>(jobs.length);
  const masks = fullMasks(arch);
  // One evaluation network evaluates sets of one size (a transfer target's may differ).
  const parts: (typeof jobs)[] = [];
  for (const n of new Set(pairs.map((p) => p.test.n))) {
    const same = jobs.filter((j) => pairs[j.k].test.n === n);
    for (let from = 0; from < same.length; from += group) parts.push(same.slice(from, from + group));
  }
  for (const part of parts) {
    const net = new ArmsNetwork(arch, part.length);
    try {
      net.load(part.map(({ k, alpha }) => ({ ...interpolate(pairs[k].a, pairs[k].b, alpha), masks })));
      const evals = await evaluateArms(net, part.map(({ k }) => pairs[k].test));
      evals.forEach((e, i) => (accuracy[part[i].at] = e.accuracy));
    } finally {
      net.dispose();
    }
  }
  return pairs.map((p, k) => {
    const path = accuracy.slice(k * points, (k + 1) * points);
    return { distance: relativeDistance(p.a.weights, p.b.weights), path, instability: instabilityOf(path) };
  });
}
