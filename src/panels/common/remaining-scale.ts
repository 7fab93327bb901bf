// The "weights remaining" axis shared by the sparsity charts: a log scale from 100% on the left
// down to just past the sparsest round on screen, so a 2-round run fills the width and sparsity
// grows rightwards. Ticks are round percentages, denser when the axis spans less.

import { format, scaleLog, type ScaleLogarithmic } from 'd3';
import { percent } from '../../analysis/format';

// Tick candidates by how much the axis spans: tenths for a short run, 1-2-5 for several decades.
const SHORT = [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3];
const MEDIUM = [1, 0.7, 0.5, 0.3, 0.2, 0.15, 0.1];

/** Ticks from 100% down to the first at or below `min`: tenths, then 1-3-5-7, then 1-2-5 a decade. */
export function remainingTicks(min = 0.01): number[] {
  if (min >= SHORT[SHORT.length - 1]) return SHORT.filter((_, i) => i === 0 || SHORT[i - 1] > min * (1 + 1e-9));
  if (min >= MEDIUM[MEDIUM.length - 1]) return MEDIUM.filter((_, i) => i === 0 || MEDIUM[i - 1] > min * (1 + 1e-9));
  const out: number[] = [];
  for (let decade = 1; out.length < 60; decade /= 10) {
    for (const m of [1, 0.5, 0.2]) {
      const v = +(m * decade).toPrecision(6);
      out.push(v);
      if (v <= min * (1 + 1e-9)) return out;
    }
  }
  return out;
}

/**
 * Left end 100%; right end a little past the sparsest value (so its point is not on the edge),
 * or 50% while only the dense network is on screen.
 */
export function remainingDomain(values: Iterable<number>): [number, number] {
  let lo = 1;
  for (const v of values) if (v > 0 && v < lo) lo = v;
  return [1, lo >= 1 ? 0.5 : Math.min(0.9, lo / 1.25)];
}

export function remainingScale(domain: [number, number], innerWidth: number): ScaleLogarithmic<number, number, never> {
  return scaleLog().domain(domain).range([0, innerWidth]).clamp(true);
}

const pctFormat = format('~g');
/** 0.5 -> "50%", 0.005 -> "0.5%", 0.1678 -> "16.8%". */
export function formatRemaining(v: number): string {
  return `${pctFormat(+(v * 100).toPrecision(3))}%`;
}

/** Accuracy (0..1) as a percentage with one decimal: 0.9734 -> "97.3%". */
export const formatAccuracy = (v: number): string => percent(v, 1);
