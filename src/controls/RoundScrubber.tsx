import { useShownRound } from '../panels/LivePanels';
import { percent } from '../analysis/format';
import { useLab } from '../state/store';

/** Picks the round the weight, mask and summary views show; "latest" follows a running experiment. */
export function RoundScrubber() {
  const snapshots = useLab((s) => s.snapshots);
  const selected = useLab((s) => s.selectedRound);
  const { round: shown } = useShownRound();
  const left = useLab((s) => s.document?.rounds.find((r) => r.round === shown)?.remaining);
  if (shown === null) return null;
  const rounds = Object.keys(snapshots.rounds).map(Number);
  return (
    <div className="scrubber" data-testid="round-scrubber">
      <label htmlFor="round-scrubber">
        Round <b>{shown}</b>
        {left !== undefined && <> · {percent(left, 1)} of weights left</>}
      </label>
      <input
        id="round-scrubber"
        type="range"
        min={Math.min(...rounds)}
        max={Math.max(...rounds)}
        step={1}
        value={shown}
        onChange={(e) => useLab.getState().selectRound(Number(e.target.value))}
      />
      <button onClick={() => useLab.getState().selectRound(null)} disabled={selected === null}>
        Follow latest
      </button>
    </div>
  );
}
