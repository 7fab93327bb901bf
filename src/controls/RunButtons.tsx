import { lab } from '../state/actions';
import { useLab } from '../state/store';

/** Run, pause/resume, step one round, stop, reset. Space toggles run/pause (see App). */
export function RunButtons() {
  const status = useLab((s) => s.status);
  const active = status === 'starting' || status === 'running' || status === 'paused';
  return (
    <div className="run-buttons" role="toolbar" aria-label="Run controls">
      {status === 'running' ? (
        <button className="primary" data-action="pause" onClick={lab.pause} title="Pause (Space)">
          ❚❚ Pause
        </button>
      ) : status === 'paused' ? (
        <button className="primary" data-action="resume" onClick={lab.resume} title="Resume (Space)">
          ▶ Resume
        </button>
      ) : (
        <button className="primary" data-action="run" onClick={() => lab.run()} disabled={status === 'starting'} title="Run (Space)">
          ▶ Run
        </button>
      )}
      <button data-action="step" onClick={() => lab.stepRound()} disabled={status === 'starting'} title="Train until the current round ends, then pause">
        ▶| Step round
      </button>
      <button data-action="stop" onClick={lab.stop} disabled={!active}>
        ■ Stop
      </button>
      <button data-action="reset" onClick={lab.askReset} disabled={status === 'idle'}>
        ↺ Reset
      </button>
    </div>
  );
}
