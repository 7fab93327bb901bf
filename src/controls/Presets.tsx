// One-click experiments. Applying one sets its fields and resets every other field to its default;
// the card whose experiment equals the current config (any backend) is marked active.
import { PRESETS, matchesPreset, type Preset } from '../config/presets';
import type { ExperimentConfig } from '../config/schema';
import { useLab } from '../state/store';
import { useLabNow } from './fields/use-lab-now';
import './controls.css';

export interface PresetsViewProps {
  config: ExperimentConfig;
  onApply: (preset: Preset) => void;
  presets?: Preset[];
  hidden?: readonly string[];
}

/** The preset cards for a given config; no store access (the connected one is Presets). */
export function PresetsView({ config, onApply, presets = PRESETS, hidden = [] }: PresetsViewProps) {
  if (hidden.includes('presets')) return null;
  return (
    <section className="presets" id="presets" aria-labelledby="presets-title">
      <div className="presets-head">
        <h2 id="presets-title">Presets</h2>
        <a href="#experiment-settings" data-action="to-settings">
          Settings ↓
        </a>
      </div>
      <ul>
        {presets.map((p) => {
          const active = matchesPreset(config, p);
          return (
            <li key={p.id}>
              <button
                type="button"
                className={active ? 'preset active' : 'preset'}
                data-preset={p.id}
                data-active={active || undefined}
                aria-pressed={active}
                onClick={() => onApply(p)}
              >
                <span className="preset-title">{p.title}</span>
                <span className="preset-line">{p.line}</span>
                {p.lookFor && <span className="preset-look">Look for: {p.lookFor}</span>}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Applies a preset: its fields over the defaults (setConfig validates and clears old issues). */
export const applyPreset = (preset: Preset) => useLab.getState().setConfig(preset.config);

/** Preset cards wired to the store. Mount in the sidebar above ConfigControls. */
export function Presets() {
  const config = useLabNow((s) => s.config);
  const hidden = useLabNow((s) => s.hidden);
  return <PresetsView config={config} hidden={hidden} onApply={applyPreset} />;
}
