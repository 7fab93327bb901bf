// Why rewind? (Frankle et al. 2019/2020): in one pruning round, the ticket's test accuracy and its
// instability for each rewind iteration k. Where k = 0 fails, a small k > 0 makes the ticket
// stable and accurate again.
import { format } from 'd3';
import { formatPercent, percent } from '../analysis/format';
import type { SweepPoint } from '../analysis/stability';
import { accuracyDomain } from './AccuracyVsRemaining';
import { ChartCard } from './common/ChartCard';
import type { LegendItem } from './common/Legend';
import { LinePlot, zeroBasedDomain, type LinePlotSpec } from './common/LinePlot';
import { useSize } from './common/useSize';

export const SWEEP_ACCURACY_COLOR = '#1d4ed8';
export const SWEEP_INSTABILITY_COLOR = '#dc2626';

export interface RewindSweepProps {
  points: readonly SweepPoint[];
  round: number | null;
  remaining?: number;
  /** Whether the run sweeps k at all (rewinds=…). */
  enabled: boolean;
  height?: number;
  hidden?: boolean;
}

/** k on an even spacing (the swept values are often 0, 50, 100, 500): one slot per k. */
function slots(points: readonly SweepPoint[]) {
  const ks = points.map((p) => p.k);
  return { ks, at: (k: number) => ks.indexOf(k) };
}

export function RewindSweep({ points, round, remaining, enabled, height = 360, hidden }: RewindSweepProps) {
  const size = useSize();
  const { ks, at } = slots(points);
  const common = {
    xDomain: [-0.3, Math.max(1, ks.length - 1) + 0.3] as [number, number],
    xTicks: ks.map((_, i) => i),
    xFormat: (i: number) => (Number.isInteger(i) && ks[i] !== undefined ? String(ks[i]) : ''),
    xLabel: 'Rewind iteration k',
  };
  const accuracy: LinePlotSpec = {
    ...common,
    series: [{ key: 'accuracy', label: 'Test accuracy', color: SWEEP_ACCURACY_COLOR, points: points.map((p) => ({ x: at(p.k), y: p.accuracy, title: `k = ${p.k}: ${percent(p.accuracy, 2)}` })) }],
    yDomain: accuracyDomain(points.map((p) => p.accuracy)),
    yFormat: format('.1%'),
    // Short: each plot is half the card's height, and the tick labels are wide.
    yLabel: 'Accuracy',
  };
  const unstable = points.filter((p) => p.instability !== undefined);
  const instability: LinePlotSpec = {
    ...common,
    series: [
      { key: 'instability', label: 'Instability', color: SWEEP_INSTABILITY_COLOR, dash: '6 3', points: unstable.map((p) => ({ x: at(p.k), y: p.instability!, title: `k = ${p.k}: barrier ${percent(p.instability!, 2)}` })) },
    ],
    yDomain: zeroBasedDomain(unstable.map((p) => p.instability!), 0.02),
    yFormat: format('.1%'),
    yLabel: 'Barrier',
  };
  const legend: LegendItem[] = [
    { label: 'Ticket’s test accuracy', color: SWEEP_ACCURACY_COLOR },
    ...(unstable.length ? [{ label: 'Instability (error barrier between two copies)', color: SWEEP_INSTABILITY_COLOR, dash: '6 3' }] : []),
  ];
  const where = round === null ? '' : ` (round ${round}${remaining !== undefined ? `, ${formatPercent(remaining)} left` : ''})`;
  const empty = !enabled
    ? 'List rewind iterations in “Also rewind to (k)” (rewinds=0,50,100) to compare tickets rewound to each.'
    : points.length < 2
      ? 'Appears when the first pruning round finishes.'
      : undefined;
  const half = unstable.length ? Math.round(height * 0.5) : height;
  return (
    <ChartCard
      id="rewind-sweep"
      title={`Accuracy and instability vs. rewind iteration${where}`}
      subtitle="One ticket chain per k, each reset to θ_k of the same dense run: does rewinding a little past 0 make the ticket accurate and stable?"
      legend={legend}
      hidden={hidden}
      emptyMessage={empty}
      size={size}
      height={height}
    >
      <LinePlot spec={accuracy} width={size.width} height={half} fontPx={size.fontPx} title={`Accuracy vs. rewind iteration${where}`} />
      {unstable.length > 0 && <LinePlot spec={instability} width={size.width} height={height - half} fontPx={size.fontPx} title={`Instability vs. rewind iteration${where}`} />}
    </ChartCard>
  );
}
