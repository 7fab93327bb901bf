// The "weights remaining" axis shared by the sparsity charts: a log scale from 100% on the
// left down to 1% (or lower, if the data goes there) on the right, so sparsity grows rightwards.
import { format, scaleLog, type ScaleLogarithmic } from 'd3';
import { percent } from '../../analysis/format';

/** 1, 0.5, 0.2, 0.1, 0.05, ... down to (and including) the first value <= min. */
export function remainingTicks(min = 0.01): number[] {
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

/** Left end 100%, right end the tick at or just below min(1%, the sparsest point). */
export function remainingDomain(values: Iterable<number>): [number, number] {
  let lo = 0.01;
  for (const v of values) if (v > 0 && v < lo) lo = v;
  const ticks = remainingTicks(lo);
  return [1, ticks[ticks.length - 1]!];
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
