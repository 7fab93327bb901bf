// Runs compared side by side: the accuracy, untrained-accuracy and early-stop charts with one
// line per run, each in its own colour, the legend naming what differs between the runs. A view
// of the documents it is given (tested with props); ComparisonArea connects it to the store.
import { useMemo, useState } from 'react';
import type { ResultsDocument } from '../../engine/events';
import { ChartCard } from '../common/ChartCard';
import { LinePlot } from '../common/LinePlot';
import { useSize } from '../common/useSize';
import { compareChart, METRICS, runLabels, type CompareMetric } from './compare-spec';

const CHART_METRICS: readonly CompareMetric[] = ['accuracy', 'untrained', 'earlyStop'];

function CompareChartCard({ documents, labels, metric, showControls, height }: { documents: readonly ResultsDocument[]; labels: readonly string[]; metric: CompareMetric; showControls: boolean; height: number }) {
  const size = useSize();
  const info = METRICS[metric];
  const chart = useMemo(() => compareChart(documents, labels, metric, showControls), [documents, labels, metric, showControls]);
  return (
    <ChartCard id={info.id} title={info.title} subtitle={info.subtitle} legend={chart.legend} size={size} height={height} emptyMessage={chart.empty ? info.empty : undefined}>
      <LinePlot spec={chart.spec} width={size.width} height={height} fontPx={size.fontPx} title={info.title} />
    </ChartCard>
  );
}

export interface CompareChartsProps {
  documents: readonly ResultsDocument[];
  /** Legend text per run; default: what differs between the runs' settings. */
  labels?: readonly string[];
  onClose?: () => void;
  /** Start with the controls drawn (dashed). */
  initialShowControls?: boolean;
  height?: number;
}

export function CompareCharts({ documents, labels, onClose, initialShowControls = false, height = 320 }: CompareChartsProps) {
  const [showControls, setShowControls] = useState(initialShowControls);
  const shownLabels = useMemo(() => labels ?? runLabels(documents), [labels, documents]);
  return (
    <section className="comparison" data-testid="comparison" aria-label="Runs compared">
      <header className="comparison-header">
        <h2>
          {documents.length} runs compared
        </h2>
        <label>
          <input type="checkbox" checked={showControls} onChange={(e) => setShowControls(e.target.checked)} data-action="comparison-controls" />
          with each run’s controls (dashed)
        </label>
        {onClose && (
          <button type="button" data-action="close-comparison" onClick={onClose}>
            Close comparison
          </button>
        )}
      </header>
      <div className="panels comparison-charts">
        {CHART_METRICS.map((metric) => (
          <CompareChartCard key={metric} documents={documents} labels={shownLabels} metric={metric} showControls={showControls} height={height} />
        ))}
      </div>
    </section>
  );
}
