import { backendReasonPlain, backendSummary } from '../engine/backend-label';
import { progressFraction } from '../engine/events';
import { useLab } from '../state/store';
import './progress.css';

/** Room for a counter's widest text, so the items after it stay where they are while it counts. */
const widest = (text: string) => ({ minWidth: `${text.length}ch` });

const fmtTime = (s: number) => (s < 60 ? `${Math.round(s)} s` : s < 3600 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${(s / 3600).toFixed(1)} h`);

/** Round i of n, iteration, samples/s, time left, and the backend in use. Re-renders alone. */
export function ProgressLine() {
  const progress = useLab((s) => s.progress);
  const status = useLab((s) => s.status);
  const message = useLab((s) => s.message);
  const data = useLab((s) => s.dataProgress);
  const backend = useLab((s) => s.document?.backend);
  const error = useLab((s) => s.error);
  const imported = useLab((s) => s.imported);

  const loading = status === 'starting' && data && data.total > 0;
  // While the data downloads the bar shows the download; then the whole experiment.
  const fraction = loading
    ? data.loaded / data.total
    : progress
      ? progressFraction(progress)
      : status === 'complete'
        ? 1
        : 0;
  // Speed and time left only while a run goes on: after Stop they would describe nothing.
  const live = status === 'running' || status === 'paused' || status === 'starting';
  const left = progress && live && !loading && fraction > 0 ? (progress.secondsElapsed / fraction) * (1 - fraction) : null;
  return (
    <section className="progress" aria-live="polite" data-status={status}>
      <div className={loading ? 'progress-bar loading' : 'progress-bar'} role="progressbar" aria-label="Run progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)}>
        <div style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      <div className="progress-text">
        <span className="status-pill" data-testid="status">{status}</span>
        {imported && (
          <span data-testid="imported" title="These results were read from a file, not run here">
            imported results
          </span>
        )}
        {data && status === 'starting' && (
          <span data-testid="data-progress">
            {data.phase === 'download' ? 'Downloading' : 'Decoding'} {data.dataset}
            {data.total > 0 ? ` ${Math.round((100 * data.loaded) / data.total)}%` : ''}
          </span>
        )}
        {status === 'starting' && !data && <span>{message}</span>}
        {progress && !live && status !== 'complete' && (
          <span data-testid="stopped-at" title="finished rounds are kept">
            {status} in round <b>{progress.round}</b> of {progress.rounds}, at iteration {progress.iteration.toLocaleString()}; finished rounds are kept
          </span>
        )}
        {progress && live && (
          <>
            <span>
              Round <b>{progress.round}</b> of {progress.rounds}
            </span>
            <span title="the round's networks (every seed's ticket and controls) train together">
              {progress.arms} network{progress.arms === 1 ? '' : 's'} together{progress.seeds > 1 ? ` (${progress.seeds} seeds)` : ''}
            </span>
            <span style={widest(`iteration ${progress.iters.toLocaleString()} / ${progress.iters.toLocaleString()}`)}>
              iteration {progress.iteration.toLocaleString()} / {progress.iters.toLocaleString()}
            </span>
            <span style={widest('99,999 samples/s')}>{Math.round(progress.samplesPerSecond).toLocaleString()} samples/s</span>
            {left !== null && <span style={widest('59 min 59 s left')}>{fmtTime(left)} left</span>}
          </>
        )}
        {backend && (
          // The technical detail (figures, what was passed over) is the tooltip and data-detail; the line says why in plain words.
          <span className="backend" data-testid="backend" data-detail={backendSummary(backend).detail} title={[backend.reason, ...backend.tried].join('\n')}>
            Backend: <b>{backendSummary(backend).how}</b> · {backendReasonPlain(backend)}
          </span>
        )}
        {error && (
          <span className="error" data-testid="error" title={error}>
            Error: {error}
          </span>
        )}
      </div>
    </section>
  );
}
