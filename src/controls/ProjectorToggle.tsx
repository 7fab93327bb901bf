// The header's switch for projector mode (projector=1 in the link), beside "A+ Large text".
import { useLab } from '../state/store';

export function ProjectorToggle() {
  const projector = useLab((s) => s.projector);
  return (
    <button data-action="projector" aria-pressed={projector} onClick={() => useLab.getState().setProjector(!projector)} title="Dark page, one chart at a time, ‹ › or the arrow keys to move (projector=1 in the link)">
      ▣ Projector
    </button>
  );
}
