import { useLab } from '../state/store';

/** Picks the round the weight, mask and summary views show; "latest" follows a running experiment. */
export function RoundScrubber() {
  const snapshots = useLab((s) => s.snapshots);
  const selected = useLab((s) => s.selectedRound);
  const rounds = Object.keys(snapshots).map(Number).sort((a, b) => a - b);
  const remaining = useLab((s) => s.document?.rounds);
  if (!rounds.length) return null;
  const latest = rounds[rounds.length - 1];
  const shown = selected !== null && snapshots[selected] ? selected : latest;
  const left = remaining?.find((r) => r.round === shown)?.remaining;
  return (
    <div className="scrubber" data-testid="round-scrubber">
      <label htmlFor="round-scrubber">
        Round <b>{shown}</b>
        {left !== undefined && <> · {(100 * left).toFixed(1)}% of weights left</>}
      </label>
      <input
        id="round-scrubber"
        type="range"
        min={rounds[0]}
        max={latest}
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
