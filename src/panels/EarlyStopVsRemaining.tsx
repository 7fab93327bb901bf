// How fast does each network learn? The iteration of best validation accuracy (the early-stopping
// point) per round: winning tickets tend to reach it sooner than the dense network and the controls.
import { format, scaleLinear } from 'd3';
import { maxOf } from '../analysis/extent';
import { ARMS, type Arm, type RoundResult } from '../engine/events';
import { armLegend, armSeries, hasNoRounds } from './common/arm-series';
import { ArmSeriesPlot, type ReferenceLine } from './common/ArmSeriesPlot';
import { ChartCard } from './common/ChartCard';
import { useSize } from './common/useSize';
import { DENSE_COLOR } from './theme';

export interface EarlyStopVsRemainingProps {
  /** One array of rounds per seed (round 0 = the dense network); may be partial while running. */
  runs: readonly (readonly RoundResult[])[];
  /** Training iterations per run: when given, the y axis runs 0..maxIteration and stays still. */
  maxIteration?: number;
  arms?: readonly Arm[];
  /** Chart height in px (default 340). */
  height?: number;
  id?: string;
  hidden?: boolean;
}

const iterFormat = format(',d');
const iterTick = format('~s');

export function EarlyStopVsRemaining({
  runs,
  maxIteration,
  arms = ARMS,
  height = 340,
  id = 'early-stop-vs-remaining',
  hidden,
}: EarlyStopVsRemainingProps) {
  const size = useSize();
  const value = (r: { earlyStopIteration: number }) => r.earlyStopIteration;
  const series = arms.map((arm) => ({ arm, points: armSeries(runs, arm, value) }));
  const multiSeed = runs.length > 1;
  const dense = armSeries(runs, 'ticket', value).find((q) => q.round === 0);
  const references: ReferenceLine[] = dense
    ? [{ value: dense.mean, label: `dense network: ${iterFormat(Math.round(dense.mean))}`, color: DENSE_COLOR, dash: '6 4', mark: 'dense' }]
    : [];
  const top = maxOf(series.flatMap((s) => s.points.map((q) => q.max * 1.1)), Math.max(1, maxIteration ?? 0));
  const yDomain = scaleLinear().domain([0, top]).nice(5).domain() as [number, number];

  const legend = armLegend(arms, { label: 'Dense network (round 0)', color: DENSE_COLOR, dash: '6 4', shape: 'line' as const }, runs.length);

  return (
    <ChartCard
      id={id}
      hidden={hidden}
      title="Early-stopping iteration vs. weights remaining"
      subtitle="Training iteration with the best validation accuracy: lower means the network learns faster."
      legend={legend}
      size={size}
      height={height}
      emptyMessage={hasNoRounds(runs) ? 'Run an experiment to see how quickly each pruned network learns.' : undefined}
    >
      <ArmSeriesPlot
        series={series}
        band={multiSeed}
        xMode="remaining"
        yDomain={yDomain}
        yLabel="Early-stop iteration (iterations)"
        yFormat={iterTick}
        valueName="Early-stop iteration"
        valueFormat={(v) => iterFormat(Math.round(v))}
        references={references}
        width={size.width}
        height={height}
        fontPx={size.fontPx}
        title="Early-stopping iteration vs. weights remaining"
      />
    </ChartCard>
  );
}
