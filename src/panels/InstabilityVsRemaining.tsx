// Instability vs weights remaining (Frankle et al. 2020): the error barrier between two copies of
// each arm, round by round. Tickets stay stable (near 0) to higher sparsity than the controls.
import { format } from 'd3';
import { useState } from 'react';
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
  // The barrier (Linear Mode Connectivity) or the copies' relative distance (Stabilizing the LTH).
  const [measure, setMeasure] = useState<'instability' | 'distance'>('instability');
  const barrier = measure === 'instability';
  const series = arms.map((arm) => ({ arm, points: armSeries(runs, arm, (r) => r.stability?.[measure]) })).filter((s) => s.points.length);
  const multiSeed = runs.length > 1;
  const legend = armLegend(
    series.map((s) => s.arm),
    { label: barrier ? 'No barrier (stable)' : 'Identical copies', color: '#9ca3af', dash: '3 4', shape: 'line' as const },
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
      title={barrier ? 'Instability vs. weights remaining' : 'Distance between copies vs. weights remaining'}
      subtitle={
        barrier
          ? 'The error barrier between two copies trained with different data orders: 0 means the copies end in one linearly connected region.'
          : 'How far apart the two copies end, ‖w_A − w_B‖ / ‖w_A‖: stable networks end close together.'
      }
      controls={
        <label>
          <select aria-label="Stability measure" value={measure} onChange={(e) => setMeasure(e.target.value as 'instability' | 'distance')}>
            <option value="instability">error barrier</option>
            <option value="distance">distance</option>
          </select>
        </label>
      }
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
        yDomain={zeroBasedDomain(series.flatMap((s) => s.points.map((q) => q.max)), barrier ? 0.02 : 0.1)}
        yLabel={barrier ? 'Error barrier (points)' : 'Relative distance'}
        yFormat={barrier ? format('.1%') : format('.2f')}
        valueName={barrier ? 'Instability (error barrier)' : 'Relative distance'}
        valueFormat={barrier ? formatAccuracy : format('.3f')}
        references={[{ value: 0, label: barrier ? 'no barrier' : 'identical', color: '#9ca3af', dash: '3 4', mark: 'stable' }]}
        width={size.width}
        height={height}
        fontPx={size.fontPx}
        title={barrier ? 'Instability vs. weights remaining' : 'Distance between copies vs. weights remaining'}
      />
    </ChartCard>
  );
}
