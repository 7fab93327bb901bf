// After a fault (a lost GPU, memory, a crashed worker): what happened in plain words, that the
// finished rounds are kept, and buttons to go on from the last one on another backend.
import { backendWords, recoveryBackends, type Fault, type RecoveryBackend } from '../engine/faults';
import { lab } from '../state/actions';
import { useLab } from '../state/store';

export interface FaultNoticeProps {
  fault: Fault;
  /** Rounds of the first seed that finished before the fault. */
  finishedRounds: number;
  /** Whether the run can go on from its last finished round (its resume point is saved). */
  resumable: boolean;
  onResume: (backend: RecoveryBackend) => void;
  onRestart: (backend: RecoveryBackend) => void;
  onDismiss: () => void;
}

export function FaultNoticeView({ fault, finishedRounds, resumable, onResume, onRestart, onDismiss }: FaultNoticeProps) {
  const kept = finishedRounds === 0 ? 'No round had finished.' : finishedRounds === 1 ? 'Round 0 finished and is kept.' : `Rounds 0–${finishedRounds - 1} finished and are kept.`;
  const goOn = resumable && finishedRounds > 0;
  return (
    <div className="banner fault" role="alert" data-testid="fault-notice" data-fault={fault.kind}>
      <div>
        <b>{fault.message}</b> {kept}
        <div className="fault-actions">
          {recoveryBackends(fault).map((b) =>
            goOn ? (
              <button key={b} onClick={() => onResume(b)} data-backend={b}>
                Resume from round {finishedRounds} on {backendWords(b)}
              </button>
            ) : (
              <button key={b} onClick={() => onRestart(b)} data-backend={b}>
                Start again on {backendWords(b)}
              </button>
            ),
          )}
        </div>
        <details>
          <summary>What the browser said</summary>
          <code>{fault.detail}</code>
        </details>
      </div>
      <button onClick={onDismiss} aria-label="Dismiss the fault notice">
        ✕
      </button>
    </div>
  );
}

export function FaultNotice() {
  const fault = useLab((s) => s.fault);
  const finishedRounds = useLab((s) => s.document?.rounds.length ?? 0);
  const savedRunId = useLab((s) => s.savedRunId);
  if (!fault || fault.kind === 'error') return null;
  return (
    <FaultNoticeView
      fault={fault}
      finishedRounds={finishedRounds}
      resumable={savedRunId !== null}
      onResume={(backend) => savedRunId && lab.resumeSavedRun(savedRunId, backend)}
      onRestart={(backend) => {
        useLab.getState().setField('backend', backend);
        lab.start();
      }}
      onDismiss={() => useLab.setState({ fault: null })}
    />
  );
}
