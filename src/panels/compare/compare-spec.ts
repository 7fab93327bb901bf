// Pure data shaping for the comparison charts: per compared run, one line of its ticket (and, on
// request, dashed lines of its controls) in the run's colour, as a LinePlot spec. The x axis is
// weights remaining on a log scale like the single-run charts: LinePlot's scales are linear, so x
// is log10(remaining) and the ticks and labels are mapped back to percentages.
import { format, scaleLinear } from 'd3';
import { maxOf } from '../../analysis/extent';
import { axisPercent } from '../../analysis/format';
import { runLabels as configLabels } from '../../analysis/run-labels';
import type { Arm, ArmResult, ResultsDocument, RoundResult } from '../../engine/events';
import { accuracyDomain } from '../AccuracyVsRemaining';
import { armSeries } from '../common/arm-series';
import type { LegendItem } from '../common/Legend';
import type { LinePlotSpec, LineSeries } from '../common/LinePlot';
import { formatAccuracy, formatRemaining, remainingDomain, remainingTicks } from '../common/remaining-scale';
import { runColor } from './run-colors';

export type CompareMetric = 'accuracy' | 'untrained' | 'earlyStop';

interface MetricInfo {
  id: string;
  title: string;
  subtitle: string;
  value: (r: ArmResult) => number | null | undefined;
  yLabel: string;
  yFormat: (v: number) => string;
  valueFormat: (v: number) => string;
  empty: string;
}

const iterations = format(',d');

export const METRICS: Record<CompareMetric, MetricInfo> = {
  accuracy: {
    id: 'compare-accuracy',
    title: 'Accuracy vs. weights remaining, runs compared',
    subtitle: 'Each run’s winning ticket: test accuracy after training as pruning removes weights.',
    value: (r) => r.testAccuracy,
    yLabel: 'Test accuracy (%)',
    yFormat: axisPercent,
    valueFormat: formatAccuracy,
    empty: 'None of these runs has a finished round yet.',
  },
  untrained: {
    id: 'compare-untrained',
    title: 'Accuracy before training, runs compared',
    subtitle: 'Each run’s rewound, masked ticket evaluated before retraining: how much the mask alone gives.',
    value: (r) => r.untrainedAccuracy,
    yLabel: 'Untrained test accuracy (%)',
    yFormat: axisPercent,
    valueFormat: formatAccuracy,
    empty: 'None of these runs has a finished round yet.',
  },
  earlyStop: {
    id: 'compare-early-stop',
    title: 'Early-stopping iteration vs. weights remaining, runs compared',
    subtitle: 'The iteration of best validation accuracy of each run’s ticket: lower means it learns faster.',
    value: (r) => r.earlyStopIteration,
    yLabel: 'Early-stop iteration (iterations)',
    yFormat: format('~s'),
    valueFormat: (v) => iterations(Math.round(v)),
    empty: 'None of these runs has a finished round yet.',
  },
};

/** The controls a comparison can add, each dashed its own way in its run's colour. */
const CONTROL_LINES: readonly { arm: Arm; dash: string; name: string }[] = [
  { arm: 'reinit', dash: '6 4', name: 'random re-init' },
  { arm: 'randomMask', dash: '2 3', name: 'random mask' },
];
const CONTROL_SWATCH = '#4b5563';

/** Every seed's rounds of a run (the charts draw the mean over seeds). */
const seedRounds = (doc: ResultsDocument): RoundResult[][] => [doc.rounds, ...doc.extraSeeds.map((e) => e.rounds)].filter((r) => r.length > 0);

/** The legend text of each run: what tells it apart from the others (src/analysis/run-labels.ts). */
export const runLabels = (documents: readonly ResultsDocument[]): string[] => configLabels(documents.map((d) => d.config));

export interface CompareChart {
  spec: LinePlotSpec;
  legend: LegendItem[];
  /** True when no run has a point to draw. */
  empty: boolean;
}

/** One chart of the comparison: a line per run (its ticket), and its controls dashed when asked. */
export function compareChart(documents: readonly ResultsDocument[], labels: readonly string[], metric: CompareMetric, showControls = false): CompareChart {
  const info = METRICS[metric];
  const series: LineSeries[] = [];
  documents.forEach((doc, i) => {
    const runs = seedRounds(doc);
    const arms = [{ arm: 'ticket' as Arm, dash: undefined, name: '' }, ...(showControls ? CONTROL_LINES : [])];
    for (const { arm, dash, name } of arms) {
      const points = armSeries(runs, arm, info.value);
      if (points.length === 0) continue;
      const who = name ? `${labels[i]}, ${name}` : labels[i];
      series.push({
        key: `run-${i}-${arm}`,
        label: who,
        color: runColor(i),
        dash,
        points: points.map((q) => ({ x: Math.log10(q.remaining), y: q.mean, title: `${who}: ${info.valueFormat(q.mean)} at ${formatRemaining(q.remaining)} weights remaining` })),
      });
    }
  });

  const ys = series.flatMap((s) => s.points.map((p) => p.y));
  const [, sparsest] = remainingDomain(series.flatMap((s) => s.points.map((p) => 10 ** p.x)));
  const spec: LinePlotSpec = {
    series,
    xDomain: [0, Math.log10(sparsest)],
    xTicks: remainingTicks(sparsest).map(Math.log10),
    xFormat: (v) => formatRemaining(10 ** v),
    xLabel: 'Weights remaining (%, log scale)',
    yDomain: yDomainOf(metric, ys, documents),
    yFormat: info.yFormat,
    yLabel: info.yLabel,
  };
  const legend: LegendItem[] = [
    ...documents.map((_, i) => ({ label: labels[i], color: runColor(i) })),
    ...(showControls ? CONTROL_LINES.map((c) => ({ label: `${c.name} (same run’s colour)`, color: CONTROL_SWATCH, dash: c.dash, shape: 'line' as const })) : []),
  ];
  return { spec, legend, empty: series.length === 0 };
}

function yDomainOf(metric: CompareMetric, ys: readonly number[], documents: readonly ResultsDocument[]): [number, number] {
  if (metric === 'accuracy') return accuracyDomain(ys);
  if (metric === 'untrained') {
    const top = Math.min(1, Math.max(0.2, maxOf(ys, 0) * 1.15));
    return scaleLinear().domain([0, top]).nice(5).domain() as [number, number];
  }
  const iters = maxOf(documents.map((d) => d.config.iters), 1);
  return scaleLinear().domain([0, Math.max(maxOf(ys, 0) * 1.1, iters)]).nice(5).domain() as [number, number];
}
