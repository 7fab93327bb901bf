// Controls of the "Controls & evaluation" group: the control arms, evaluation interval and size.
import { DATASET_INFO } from '../../config/implications';
import { CONTROLS, DATASETS, isImageDataset, type ControlName } from '../../config/schema';
import { Glossed } from '../Term';
import { Field, NumberInput, inputId } from './Field';
import type { FieldProps } from './types';
import { fieldError } from './validate';

const CONTROL_LABELS: Record<ControlName, string> = { reinit: 'random re-init', random: 'random mask' };

export function ControlsField({ config, set, note }: FieldProps) {
  return (
    <Field name="controls" group note={note}>
      <div className="checks" role="group" aria-labelledby="label-controls">
        {CONTROLS.map((c) => (
          <label key={c} className="check">
            <input
              type="checkbox"
              id={`input-controls-${c}`}
              data-field="controls"
              value={c}
              checked={config.controls.includes(c)}
              onChange={(e) => set('controls', e.target.checked ? [...config.controls, c] : config.controls.filter((x) => x !== c))}
            />
            <Glossed text={CONTROL_LABELS[c]} />
          </label>
        ))}
      </div>
    </Field>
  );
}

function IntField(name: 'evalEvery' | 'evalSize', unit: string, min: number, max: number, step: number) {
  return function IntFieldControl({ config, set, note }: FieldProps) {
    return (
      <Field name={name} note={note}>
        <NumberInput name={name} value={config[name]} validate={(v) => fieldError(name, v, config)} onCommit={(v) => set(name, v)} min={min} max={max} step={step} unit={unit} />
      </Field>
    );
  };
}

export const EvalEveryField = IntField('evalEvery', 'iterations', 1, 50_000, 1);
export const EvalSizeField = IntField('evalSize', 'examples', 100, 10_000, 100);

/** transfer=…: a dataset of the same input shape the ticket is also trained on (Morcos et al.). */
export function TransferField({ config, set, note }: FieldProps) {
  const options = (['none', ...DATASETS] as const).filter((d) => d === 'none' || (d !== config.dataset && isImageDataset(d) === isImageDataset(config.dataset)));
  return (
    <Field name="transfer" note={note}>
      <select id={inputId('transfer')} data-field="transfer" value={config.transfer} onChange={(e) => set('transfer', e.target.value as typeof config.transfer)}>
        {options.map((d) => (
          <option key={d} value={d}>
            {d === 'none' ? 'no transfer' : DATASET_INFO[d].name}
          </option>
        ))}
      </select>
    </Field>
  );
}
