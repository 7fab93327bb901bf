// The comparison area of the page: a sweep under way, the comparison's charts with a Close
// button, and the sweep form. ComparisonAreaView draws what it is given (tested with props);
// ComparisonArea connects it to the store and, on mount, acts on a comparison link (sweep= /
// runs=) once: saved runs are reopened, the others run after a question.
import { useEffect } from 'react';
import type { ExperimentConfig } from '../../config/schema';
import { lab } from '../../state/actions';
import { closeComparison, openLinkedComparison, requestSweep } from '../../state/comparison';
import type { Comparison, SweepProgress } from '../../state/comparison-slice';
import { useLab } from '../../state/store';
import { CompareCharts } from './CompareCharts';
import { SweepForm } from './SweepForm';
import './compare.css';

export interface ComparisonAreaViewProps {
  comparison: Comparison | null;
  progress: SweepProgress | null;
  note: string | null;
  /** The config on screen: what a sweep's runs share. */
  config: ExperimentConfig;
  /** A run is under way: no sweep can start. */
  running: boolean;
  onClose: () => void;
  onSweep: (configs: ExperimentConfig[]) => void;
}

export function ComparisonAreaView({ comparison, progress, note, config, running, onClose, onSweep }: ComparisonAreaViewProps) {
  return (
    <section className="comparison-area" aria-label="Sweeps and runs compared">
      {progress && (
        <p className="comparison-status" data-testid="sweep-progress" role="status">
          Sweep: run {progress.index + 1} of {progress.total} ({progress.label}). Stop ends the sweep.
        </p>
      )}
      {note && (
        <p className="comparison-status" data-testid="comparison-note" role="status">
          {note}
        </p>
      )}
      {comparison && <CompareCharts documents={comparison.documents} onClose={onClose} />}
      <details>
        <summary>Sweep a setting: one run per value, compared</summary>
        <SweepForm config={config} busy={running || progress !== null} onSweep={onSweep} />
      </details>
    </section>
  );
}

const start = () => lab.start();

export function ComparisonArea() {
  const comparison = useLab((s) => s.comparison);
  const progress = useLab((s) => s.sweepProgress);
  const note = useLab((s) => s.comparisonNote);
  const config = useLab((s) => s.config);
  const running = useLab((s) => s.status === 'starting' || s.status === 'running' || s.status === 'paused');

  useEffect(() => {
    const plan = useLab.getState().linkedComparison;
    if (!plan) return;
    useLab.setState({ linkedComparison: null });
    void openLinkedComparison(plan, start);
  }, []);

  return (
    <ComparisonAreaView
      comparison={comparison}
      progress={progress}
      note={note}
      config={config}
      running={running}
      onClose={closeComparison}
      onSweep={(configs) => requestSweep(configs, start)}
    />
  );
}
