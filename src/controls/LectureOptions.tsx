// Lecture options, carried in the link like TensorFlow Playground's hidable controls:
// hide=<panel or field ids> and big=1 for large text on a projector.
import { useState } from 'react';
import { useLab } from '../state/store';
import { LINK_ONLY_PANELS, PANELS } from '../state/ui-slice';
import { groupsForSchema } from './ConfigControls';
import { Dialog } from './Dialog';
import { fieldLabel } from './fields/labels';

// Parts hide= names that PANELS does not list, in the words the page uses for them.
const LINK_ONLY_LABELS: Record<(typeof LINK_ONLY_PANELS)[number], string> = { presets: 'Presets (sidebar)' };

/** Every part the lecture options can hide, in page order: panels first, the preset bar with the sidebar. */
export const HIDABLE_PANELS: { id: string; label: string }[] = [...PANELS, ...LINK_ONLY_PANELS.map((id) => ({ id, label: LINK_ONLY_LABELS[id] }))];

function Toggle({ id, label, hidden, onToggle }: { id: string; label: string; hidden: readonly string[]; onToggle: (id: string) => void }) {
  return (
    <label>
      <input type="checkbox" checked={!hidden.includes(id)} onChange={() => onToggle(id)} data-hide={id} /> {label}
    </label>
  );
}

/** The checkboxes: a panel or setting is shown when ticked. No store access (LectureOptions wires it). */
export function LectureOptionsView({ hidden, onToggle, onClose }: { hidden: readonly string[]; onToggle: (id: string) => void; onClose: () => void }) {
  return (
    <Dialog
      title="Show or hide parts of the page"
      modal={false}
      describedByBody={false}
      className="lecture-dialog"
      onCancel={onClose}
      actions={
        <button className="primary" data-action="lecture-done" onClick={onClose}>
          Done
        </button>
      }
    >
      <p>Hidden parts stay hidden for anyone who opens the link.</p>
      <fieldset>
        <legend>Panels</legend>
        {HIDABLE_PANELS.map((p) => (
          <Toggle key={p.id} id={p.id} label={p.label} hidden={hidden} onToggle={onToggle} />
        ))}
      </fieldset>
      {groupsForSchema().map((g) => (
        <fieldset key={g.id}>
          <legend>Settings: {g.title}</legend>
          {g.fields.map((f) => (
            <Toggle key={f} id={f} label={fieldLabel(f)} hidden={hidden} onToggle={onToggle} />
          ))}
        </fieldset>
      ))}
    </Dialog>
  );
}

export function LectureOptions() {
  const [open, setOpen] = useState(false);
  const hidden = useLab((s) => s.hidden);
  const big = useLab((s) => s.big);
  const { toggleHidden, setBig } = useLab.getState();
  return (
    <div className="lecture">
      <button data-action="big-text" aria-pressed={big} onClick={() => setBig(!big)} title="Large text for projectors (big=1 in the link)">
        A+ Large text
      </button>
      <button data-action="lecture" aria-expanded={open} aria-haspopup="dialog" onClick={() => setOpen(!open)}>
        Show / hide…
      </button>
      {open && <LectureOptionsView hidden={hidden} onToggle={toggleHidden} onClose={() => setOpen(false)} />}
    </div>
  );
}
