// Controls of the "Reproducibility & backend" group: seed, repeats (seeds) and backend.
import { BACKEND_LINES } from '../../config/implications';
import { BACKENDS, type FieldName } from '../../config/schema';
import { label as backendLabel } from '../../engine/backend-label';
import { Field, NumberInput, Range, inputId } from './Field';
import type { FieldProps } from './types';
import { fieldError } from './validate';

/** A new seed, small enough to read out in a lecture. */
export const newSeed = () => 1 + Math.floor(Math.random() * 999_999);

export function SeedField({ config, set, note }: FieldProps) {
  return (
    <Field name="seed" note={note}>
      <NumberInput name="seed" value={config.seed} validate={(v) => fieldError('seed', v, config)} onCommit={(v) => set('seed', v)} min={0} max={2 ** 31 - 1} step={1} />
      <button type="button" className="dice" data-action="new-seed" onClick={() => set('seed', newSeed())} title="A new random seed">
        New seed
      </button>
    </Field>
  );
}

export function SeedsField({ config, set, note }: FieldProps) {
  const value = Number((config as Record<string, unknown>).seeds ?? 1);
  return (
    <Field name="seeds" value={`${value} seed${value === 1 ? '' : 's'}`} note={note}>
      <Range name="seeds" min={1} max={5} step={1} value={value} valueText={`${value} seed${value === 1 ? '' : 's'}`} onChange={(v) => set('seeds' as FieldName, v)} />
    </Field>
  );
}

export function BackendField({ config, set, note }: FieldProps) {
  return (
    <Field name="backend" note={note}>
      <select id={inputId('backend')} data-field="backend" value={config.backend} onChange={(e) => set('backend', e.target.value)}>
        {BACKENDS.map((b) => (
          <option key={b} value={b} title={BACKEND_LINES[b]}>
            {b === 'auto' ? 'auto (fastest usable)' : backendLabel(b)}
          </option>
        ))}
      </select>
    </Field>
  );
}
