// Linear mode connectivity (Frankle et al. 2020): the test error along the straight line between
// two copies of a network trained from the same start with different data orders. A flat line
// means one linearly connected region (stable); a bump is the error barrier (unstable).
import { format } from 'd3';
import { formatPercent, percent } from '../analysis/format';
import { pathAlphas, type ArmPath } from '../analysis/stability';
import { ChartCard } from './common/ChartCard';
import type { LegendItem } from './common/Legend';
import { LinePlot, zeroBasedDomain, type LinePlotSpec } from './common/LinePlot';
import { useSize } from './common/useSize';
import { armColor, armLabel } from './theme';

export interface StabilityPathProps {
  /** The measured arms of the round shown. */
  paths: readonly ArmPath[];
  round: number | null;
  /** Fraction of weights left in that round. */
  remaining?: number;
  /** Whether the run measures stability at all (else the card explains how to turn it on). */
  enabled: boolean;
  height?: number;
  hidden?: boolean;
}

export function StabilityPath({ paths, round, remaining, enabled, height = 300, hidden }: StabilityPathProps) {
  const size = useSize();
  const alphas = pathAlphas();
  const spec: LinePlotSpec = {
    series: paths.map((p) => ({
      key: p.arm,
      label: armLabel(p.arm),
      color: armColor(p.arm),
      points: p.error.map((e, i) => ({ x: alphas[i], y: e, title: `${armLabel(p.arm)}, α = ${alphas[i].toFixed(1)}: test error ${percent(e, 2)}` })),
    })),
    xDomain: [0, 1],
    yDomain: zeroBasedDomain(paths.flatMap((p) => p.error), 0.05),
    xFormat: format('.1f'),
    yFormat: format('.0%'),
    xLabel: 'α: (1 − α)·copy A + α·copy B',
    yLabel: 'Test error (%)',
  };
  const legend: LegendItem[] = paths.map((p) => ({ label: `${armLabel(p.arm)}: barrier ${percent(p.instability, 2)}, distance ${p.distance.toFixed(2)}`, color: armColor(p.arm) }));
  const where = round === null ? '' : ` (round ${round}${remaining !== undefined ? `, ${formatPercent(remaining)} left` : ''})`;
  const empty = !enabled
    ? 'Turn on “Measure stability in” (stability=all, or some rounds) to train each network twice and draw the path between the copies.'
    : paths.length === 0
      ? 'Appears when a measured round finishes.'
      : undefined;
  return (
    <ChartCard
      id="stability-path"
      title={`Error between two copies${where}`}
      subtitle="Each network trained twice from the same start, with two data orders. Flat: the copies share one region (stable). A bump: an error barrier (unstable)."
      legend={legend}
      hidden={hidden}
      emptyMessage={empty}
      size={size}
      height={height}
    >
      <LinePlot spec={spec} width={size.width} height={height} fontPx={size.fontPx} title={`Error between two copies${where}`} />
    </ChartCard>
  );
}
