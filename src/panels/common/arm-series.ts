// Pure data shaping for the per-arm charts: one value per (arm, round), averaged over seeds.
// Copes with live, partial data: seeds at different rounds, controls not finished (null).
import { maxOf, minOf } from '../../analysis/extent';
import { armResultOf, type Arm, type ArmResult, type RoundResult } from '../../engine/events';
import { armColor, armLabel } from '../theme';
import type { LegendItem } from './Legend';

export interface SeriesPoint {
  arm: Arm;
  round: number;
  /** Fraction of weights remaining (mean over the seeds that reached this round). */
  remaining: number;
  mean: number;
  min: number;
  max: number;
  /** How many seeds contributed. */
  n: number;
}

export type ArmValue = (r: ArmResult) => number | null | undefined;

/** One point per round that has a finished `arm` result in at least one seed, sorted by round. */
export function armSeries(runs: readonly (readonly RoundResult[])[], arm: Arm, value: ArmValue): SeriesPoint[] {
  const byRound = new Map<number, { remaining: number[]; values: number[] }>();
  for (const run of runs) {
    for (const rr of run) {
      const res = armResultOf(rr, arm);
      if (!res) continue;
      const v = value(res);
      if (v === null || v === undefined || !Number.isFinite(v)) continue;
      let g = byRound.get(rr.round);
      if (!g) byRound.set(rr.round, (g = { remaining: [], values: [] }));
      g.remaining.push(rr.remaining);
      g.values.push(v);
    }
  }
  return [...byRound.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([round, g]) => ({
      arm,
      round,
      remaining: g.remaining.reduce((s, x) => s + x, 0) / g.remaining.length,
      mean: g.values.reduce((s, x) => s + x, 0) / g.values.length,
      min: minOf(g.values),
      max: maxOf(g.values),
      n: g.values.length,
    }));
}

/** True when no seed has any round yet. */
export function hasNoRounds(runs: readonly (readonly RoundResult[])[]): boolean {
  return runs.every((r) => r.length === 0);
}

/**
 * The legend of a per-arm chart: one entry per arm, the chart's own reference line, and the
 * min-max band when there are several seeds.
 */
export function armLegend(arms: readonly Arm[], reference: LegendItem, seeds: number): LegendItem[] {
  return [
    ...arms.map((arm) => ({ label: armLabel(arm), color: armColor(arm) })),
    reference,
    ...(seeds > 1 ? [{ label: `Min–max over ${seeds} seeds`, color: '#6b7280', shape: 'band' as const }] : []),
  ];
}
