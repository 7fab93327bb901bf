// Lecture options, carried in the link like TensorFlow Playground's hidable controls:
// hide=<panel or field ids> and big=1 for large text on a projector.
import { useState } from 'react';
import { FIELDS } from '../config/schema';
import { useLab } from '../state/store';
import { PANELS } from '../state/ui-slice';

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
      <button data-action="lecture" aria-expanded={open} onClick={() => setOpen(!open)}>
        Show / hide…
      </button>
      {open && (
        <div className="lecture-menu" role="dialog" aria-label="Show or hide parts of the page">
          <p>Hidden parts stay hidden for anyone who opens the link.</p>
          <fieldset>
            <legend>Panels</legend>
            {PANELS.map((p) => (
              <label key={p.id}>
                <input type="checkbox" checked={!hidden.includes(p.id)} onChange={() => toggleHidden(p.id)} data-hide={p.id} /> {p.label}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Settings</legend>
            {Object.keys(FIELDS).map((f) => (
              <label key={f}>
                <input type="checkbox" checked={!hidden.includes(f)} onChange={() => toggleHidden(f)} data-hide={f} /> {f}
              </label>
            ))}
          </fieldset>
          <button onClick={() => setOpen(false)}>Done</button>
        </div>
      )}
    </div>
  );
}
