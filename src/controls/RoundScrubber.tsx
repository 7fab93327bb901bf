import { useScrubbedRounds, useShownRound } from '../panels/LivePanels';
import { percent } from '../analysis/format';
import { useLab } from '../state/store';

/** "Round 3" or "Rounds 0–25" (rounds are dropped oldest first, so a span). */
const roundSpan = (rounds: number[]) => (rounds.length === 1 ? `Round ${rounds[0]}` : `Rounds ${Math.min(...rounds)}–${Math.max(...rounds)}`);

/**
 * Picks the round the weight, mask and summary views show and the accuracy charts mark; "latest"
 * follows a running experiment. Results without weights (a file, an open_lth folder) still pick
 * among their rounds.
 */
export function RoundScrubber() {
  const snapshots = useLab((s) => s.snapshots);
  const selected = useLab((s) => s.selectedRound);
  const { round: shown } = useShownRound();
  const left = useLab((s) => s.document?.rounds.find((r) => r.round === shown)?.remaining);
  const rounds = useScrubbedRounds();
  const gone = snapshots.masksDropped ?? [];
  if (shown === null) return null;
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
      {gone.length > 0 && (
        <p className="note" data-testid="rounds-dropped">
          {roundSpan(gone)} {gone.length > 1 ? 'were' : 'was'} dropped from the weight and mask views to keep the page's memory bounded; every round's numbers stay in the charts and the table.
        </p>
      )}
    </div>
  );
}
