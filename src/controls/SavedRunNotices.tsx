// What the page says about saving: storage full (the run goes on unsaved), a kept run, and an
// interrupted run that can go on from its last finished round.
import { lab } from '../state/actions';
import { useSavedRuns } from '../storage/saved-runs';
import './saved-runs.css';

export function SavedRunNotices() {
  const { problem, notice, interrupted } = useSavedRuns();
  if (!problem && !notice && !interrupted) return null;
  return (
    <div className="saved-run-notices">
      {problem && (
        <p className="saved-run-notice problem" role="alert" data-testid="storage-problem">
          {problem}
        </p>
      )}
      {interrupted && (
        <p className="saved-run-notice interrupted" data-testid="interrupted-run">
          <span>This run was interrupted after round {interrupted.round}.</span>
          <button className="primary" data-action="resume-saved-run" onClick={() => void lab.resumeSavedRun(interrupted.id)}>
            Resume
          </button>
        </p>
      )}
      {notice && (
        <p className="saved-run-notice" role="status" data-testid="saved-run-notice">
          <span>{notice}</span>
          <button onClick={() => useSavedRuns.setState({ notice: null })} aria-label="Dismiss the note">
            ✕
          </button>
        </p>
      )}
    </div>
  );
}
