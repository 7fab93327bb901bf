// Runs several configs one after another, as a sweep does: set the config, start, wait for the
// run to end, take its document and the id the autosaver (src/storage/) gave it, next. `start` is
// the page's lab.start (passed in, so this file needs no engine and tests drive it with events).
import type { ExperimentConfig } from '../config/schema';
import type { ResultsDocument } from '../engine/events';
import type { RunStatus } from './run-slice';
import { useLab } from './store';

const ACTIVE: readonly RunStatus[] = ['starting', 'running', 'paused'];
const isActive = (status: RunStatus) => ACTIVE.includes(status);

export interface FinishedRun {
  document: ResultsDocument;
  /** The saved run's id, '' where the run could not be saved here. */
  runId: string;
}

export interface SweepOutcome {
  finished: FinishedRun[];
  /** How the run that ended the sweep early ended (stopped, failed, reset), or null when all ran. */
  endedEarly: RunStatus | null;
}

/** The status the next run ends in: the first one that is not active once a run has begun. */
function nextRunEnd(): Promise<RunStatus> {
  return new Promise((resolve) => {
    let begun = isActive(useLab.getState().status);
    const unsubscribe = useLab.subscribe((s) => {
      if (isActive(s.status)) begun = true;
      else if (begun) {
        unsubscribe();
        resolve(s.status);
      }
    });
  });
}

/**
 * Trains each config in turn, each replacing the results on screen (the autosaver keeps them).
 * Stops at the first run that does not complete: Stop, a failure or Reset ends the sweep.
 * `labels` name each run in the progress line.
 */
export async function runOneAfterAnother(configs: readonly ExperimentConfig[], labels: readonly string[], start: () => void): Promise<SweepOutcome> {
  const finished: FinishedRun[] = [];
  try {
    for (let i = 0; i < configs.length; i++) {
      if (isActive(useLab.getState().status)) return { finished, endedEarly: useLab.getState().status };
      useLab.setState({ config: configs[i], sweepProgress: { index: i, total: configs.length, label: labels[i] ?? `run ${i + 1}` } });
      const ended = nextRunEnd();
      start();
      const status = await ended;
      const s = useLab.getState();
      if (status !== 'complete' || !s.document) return { finished, endedEarly: status };
      // The autosaver names the saved run at the engine's 'started', so its id is set by now.
      finished.push({ document: s.document, runId: s.savedRunId ?? '' });
    }
    return { finished, endedEarly: null };
  } finally {
    useLab.setState({ sweepProgress: null });
  }
}
