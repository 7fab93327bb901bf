// Before any training, how good is the rewound, masked network? A ticket's mask alone can lift
// it above chance; the controls' masks do not.
import { scaleLinear } from 'd3';
import { maxOf } from '../analysis/extent';
import { axisPercent } from '../analysis/format';
import { ARMS, type Arm, type RoundResult } from '../engine/events';
import { armLegend, armSeries, hasNoRounds } from './common/arm-series';
import { ArmSeriesPlot, type ReferenceLine } from './common/ArmSeriesPlot';
import { ChartCard } from './common/ChartCard';
import { formatAccuracy } from './common/remaining-scale';
import { useSize } from './common/useSize';
import { CHANCE_COLOR } from './theme';

export interface UntrainedAccuracyProps {
  /** One array of rounds per seed; may be partial while running. */
  runs: readonly (readonly RoundResult[])[];
  /** Number of classes: the chance line sits at 1 / numClasses. */
  numClasses: number;
  /** x axis: weights remaining (log, default) or pruning round. */
  xAxis?: 'remaining' | 'round';
  arms?: readonly Arm[];
  /** Chart height in px (default 340). */
  height?: number;
  id?: string;
  hidden?: boolean;
  /** The round picked in the round scrubber, marked on the chart. */
  highlightRound?: number | null;
}

export function UntrainedAccuracy({
  runs,
  numClasses,
  xAxis = 'remaining',
  arms = ARMS,
  height = 340,
  id = 'untrained-accuracy',
  hidden,
  highlightRound,
}: UntrainedAccuracyProps) {
  const size = useSize();
  const series = arms.map((arm) => ({ arm, points: armSeries(runs, arm, (r) => r.untrainedAccuracy) }));
  const multiSeed = runs.length > 1;
  const chance = numClasses > 0 ? 1 / numClasses : 0;
  const references: ReferenceLine[] =
    numClasses > 0
      ? [{ value: chance, label: `chance (${formatAccuracy(chance)})`, color: CHANCE_COLOR, dash: '3 4', mark: 'chance' }]
      : [];
  const top = maxOf(series.flatMap((s) => s.points.map((q) => q.max)), chance);
  const yDomain = scaleLinear().domain([0, Math.min(1, Math.max(0.2, top * 1.15))]).nice(5).domain() as [number, number];

  const legend = armLegend(arms, { label: 'Chance (random guessing)', color: CHANCE_COLOR, dash: '3 4', shape: 'line' as const }, runs.length);

  return (
    <ChartCard
      id={id}
      hidden={hidden}
      title="Accuracy before training"
      subtitle="Test accuracy of the rewound, masked network before it is trained: the mask alone can already beat chance."
      legend={legend}
      size={size}
      height={height}
      emptyMessage={hasNoRounds(runs) ? 'Run an experiment to see how well each pruned network does before training.' : undefined}
    >
      <ArmSeriesPlot
        series={series}
        band={multiSeed}
        xMode={xAxis}
        yDomain={[Math.max(0, yDomain[0]), Math.min(1, yDomain[1])]}
        yLabel="Untrained test accuracy (%)"
        yFormat={axisPercent}
        valueName="Accuracy before training"
        valueFormat={formatAccuracy}
        references={references}
        width={size.width}
        height={height}
        fontPx={size.fontPx}
        title="Accuracy before training"
        highlightRound={highlightRound}
      />
    </ChartCard>
  );
}
