// Instability vs weights remaining (Frankle et al. 2020): the error barrier between two copies of
// each arm, round by round. Tickets stay stable (near 0) to higher sparsity than the controls.
import { format } from 'd3';
import { ARMS, type Arm, type RoundResult } from '../engine/events';
import { armLegend, armSeries, hasNoRounds } from './common/arm-series';
import { ArmSeriesPlot } from './common/ArmSeriesPlot';
import { ChartCard } from './common/ChartCard';
import { zeroBasedDomain } from './common/LinePlot';
import { formatAccuracy } from './common/remaining-scale';
import { useSize } from './common/useSize';

export interface InstabilityVsRemainingProps {
  runs: readonly (readonly RoundResult[])[];
  arms?: readonly Arm[];
  enabled: boolean;
  height?: number;
  hidden?: boolean;
}

export function InstabilityVsRemaining({ runs, arms = ARMS, enabled, height = 300, hidden }: InstabilityVsRemainingProps) {
  const size = useSize();
  const series = arms.map((arm) => ({ arm, points: armSeries(runs, arm, (r) => r.stability?.instability) })).filter((s) => s.points.length);
  const multiSeed = runs.length > 1;
  const legend = armLegend(
    series.map((s) => s.arm),
    { label: 'No barrier (stable)', color: '#9ca3af', dash: '3 4', shape: 'line' as const },
    runs.length,
  );
  const measured = series.some((s) => s.points.length);
  const empty = !enabled
    ? 'Turn on “Measure stability in” to see which networks are stable as pruning goes on.'
    : hasNoRounds(runs) || !measured
      ? 'Appears when a measured round finishes.'
      : undefined;
  return (
    <ChartCard
      id="instability"
      title="Instability vs. weights remaining"
      subtitle="The error barrier between two copies trained with different data orders: 0 means the copies end in one linearly connected region."
      legend={legend}
      hidden={hidden}
      emptyMessage={empty}
      size={size}
      height={height}
    >
      <ArmSeriesPlot
        series={series}
        band={multiSeed}
        xMode="remaining"
        yDomain={zeroBasedDomain(series.flatMap((s) => s.points.map((q) => q.max)), 0.02)}
        yLabel="Error barrier (points)"
        yFormat={format('.1%')}
        valueName="Instability (error barrier)"
        valueFormat={formatAccuracy}
        references={[{ value: 0, label: 'no barrier', color: '#9ca3af', dash: '3 4', mark: 'stable' }]}
        width={size.width}
        height={height}
        fontPx={size.fontPx}
        title="Instability vs. weights remaining"
      />
    </ChartCard>
  );
}
