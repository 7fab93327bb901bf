// The headline chart of the Lottery Ticket Hypothesis: test accuracy as pruning removes weights,
// for the winning ticket and its two controls, against the dense network's accuracy.
import { scaleLinear } from 'd3';
import { maxOf, minOf } from '../analysis/extent';
import { axisPercent } from '../analysis/format';
import { ARMS, type Arm, type ArmResult, type RoundResult } from '../engine/events';
import { armLegend, armSeries, hasNoRounds } from './common/arm-series';
import { ArmSeriesPlot, type ReferenceLine } from './common/ArmSeriesPlot';
import { ChartCard } from './common/ChartCard';
import { formatAccuracy } from './common/remaining-scale';
import { useSize } from './common/useSize';
import { DENSE_COLOR } from './theme';

export interface AccuracyVsRemainingProps {
  /** One array of rounds per seed (round 0 = the dense network); may be partial while running. */
  runs: readonly (readonly RoundResult[])[];
  /** Show test accuracy at the early-stopping iteration instead of at the end of training. */
  atEarlyStop?: boolean;
  /** When given, the card shows a checkbox that toggles `atEarlyStop`. */
  onAtEarlyStopChange?: (atEarlyStop: boolean) => void;
  /** Which arms to draw (default all three). */
  arms?: readonly Arm[];
  /** Chart height in px (default 340). */
  height?: number;
  id?: string;
  hidden?: boolean;
  /** Another title and subtitle (the transfer target's chart). */
  title?: string;
  subtitle?: string;
  /** The arm whose round 0 is the dense reference line (the target's own on the transfer chart). */
  denseArm?: Arm;
  /** The round picked in the round scrubber, marked on the chart. */
  highlightRound?: number | null;
}

/** y domain padded around the data (accuracy differences are small: do not start at 0). */
export function accuracyDomain(values: readonly number[]): [number, number] {
  if (values.length === 0) return [0, 1];
  let lo = minOf(values);
  let hi = maxOf(values);
  const pad = Math.max((hi - lo) * 0.12, 0.01);
  lo = Math.max(0, lo - pad);
  hi = Math.min(1, hi + pad);
  const d = scaleLinear().domain([lo, hi]).nice(6).domain() as [number, number];
  return [Math.max(0, d[0]), Math.min(1, d[1])];
}

export function AccuracyVsRemaining({
  runs,
  atEarlyStop = false,
  onAtEarlyStopChange,
  arms = ARMS,
  height = 340,
  id = 'accuracy-vs-remaining',
  hidden,
  title = 'Accuracy vs. weights remaining',
  subtitle,
  denseArm = 'ticket',
  highlightRound,
}: AccuracyVsRemainingProps) {
  const size = useSize();
  const value = (r: ArmResult) => (atEarlyStop ? r.testAccuracyAtEarlyStop : r.testAccuracy);
  const series = arms.map((arm) => ({ arm, points: armSeries(runs, arm, value) }));
  const multiSeed = runs.length > 1;

  // Round 0's ticket is the dense network (nothing pruned yet).
  const dense = armSeries(runs, denseArm, value).find((q) => q.round === 0);
  const references: ReferenceLine[] = dense
    ? [{ value: dense.mean, label: `dense network ${formatAccuracy(dense.mean)}`, color: DENSE_COLOR, dash: '6 4', mark: 'dense' }]
    : [];

  const allValues = series.flatMap((s) => s.points.flatMap((q) => (multiSeed ? [q.min, q.max] : [q.mean])));
  const legend = armLegend(arms, { label: 'Dense network (round 0)', color: DENSE_COLOR, dash: '6 4', shape: 'line' as const }, runs.length);

  const which = atEarlyStop ? 'at the early-stopping iteration' : 'after training';
  const controls = onAtEarlyStopChange ? (
    <label>
      <input type="checkbox" checked={atEarlyStop} onChange={(e) => onAtEarlyStopChange(e.target.checked)} />
      at early stop
    </label>
  ) : undefined;

  return (
    <ChartCard
      id={id}
      hidden={hidden}
      title={title}
      subtitle={subtitle ?? `Test accuracy ${which} as pruning removes weights: does the ticket keep up with the dense network where the controls fall behind?`}
      legend={legend}
      controls={controls}
      size={size}
      height={height}
      emptyMessage={hasNoRounds(runs) ? 'Run an experiment to see how accuracy changes as weights are pruned.' : undefined}
    >
      <ArmSeriesPlot
        series={series}
        band={multiSeed}
        xMode="remaining"
        yDomain={accuracyDomain([...allValues, ...references.map((r) => r.value)])}
        yLabel="Test accuracy (%)"
        yFormat={axisPercent}
        valueName="Test accuracy"
        valueFormat={formatAccuracy}
        references={references}
        width={size.width}
        height={height}
        fontPx={size.fontPx}
        title={title}
        highlightRound={highlightRound}
      />
    </ChartCard>
  );
}
