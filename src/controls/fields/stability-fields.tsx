// Controls of the "Stability & transfer" group: which rounds measure stability, the rewind
// iterations swept, and the other optimizer a ticket is trained with.
import { useState } from 'react';
import { OPTIMIZER_LINES, formatLr } from '../../config/implications';
import { OPTIMIZERS, type ExperimentConfig } from '../../config/schema';
import { Field, NumberInput, inputId } from './Field';
import type { FieldProps } from './types';
import { fieldError } from './validate';

const OPTIMIZER_NAMES: Record<(typeof OPTIMIZERS)[number], string> = { adam: 'Adam', sgd: 'SGD', momentum: 'SGD + momentum' };

/** stability=…: "every round", or a checkbox per round. */
export function StabilityField({ config, set, note }: FieldProps) {
  const all = config.stability === 'all';
  const chosen = all ? [] : (config.stability as number[]);
  const rounds = Array.from({ length: config.rounds + 1 }, (_, r) => r);
  const value = all ? 'every round' : chosen.length ? `round${chosen.length > 1 ? 's' : ''} ${chosen.join(', ')}` : 'off';
  return (
    <Field name="stability" value={value} group note={note} disabled={config.mode !== 'imp'}>
      <div className="checks" role="group" aria-labelledby="label-stability">
        <label className="check">
          <input type="checkbox" id="input-stability-all" data-field="stability" value="all" checked={all} onChange={(e) => set('stability', e.target.checked ? 'all' : [])} />
          every round
        </label>
        {rounds.map((r) => (
          <label key={r} className="check">
            <input
              type="checkbox"
              id={`input-stability-${r}`}
              data-field="stability"
              value={r}
              title={r === 0 ? 'round 0: the dense network' : `round ${r}`}
              checked={all || chosen.includes(r)}
              disabled={all}
              onChange={(e) => set('stability', e.target.checked ? [...chosen, r] : chosen.filter((x) => x !== r))}
            />
            {r}
          </label>
        ))}
      </div>
    </Field>
  );
}

const rewindsText = (list: number[]) => list.join(', ');

/** Why a typed list of rewind iterations is refused, in the text box's terms; null if accepted. */
export function rewindsError(text: string, config: ExperimentConfig): string | null {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  if (parts.some((p) => !/^\d{1,5}$/.test(p))) return 'whole iterations separated by commas, e.g. 0, 50, 100, 500';
  return fieldError('rewinds', parts.map(Number), config);
}

/** rewinds=…: a typed list of iterations, applied when it is valid. */
export function RewindsField({ config, set, note }: FieldProps) {
  const [draft, setDraft] = useState(rewindsText(config.rewinds));
  const [shown, setShown] = useState(config.rewinds);
  if (shown !== config.rewinds) {
    setShown(config.rewinds);
    setDraft(rewindsText(config.rewinds));
  }
  const same = draft.split(/[,\s]+/).filter(Boolean).map(Number).join() === config.rewinds.join();
  const error = same ? null : rewindsError(draft, config);
  return (
    <Field name="rewinds" note={note} disabled={config.mode !== 'imp'}>
      <input
        type="text"
        id={inputId('rewinds')}
        data-field="rewinds"
        className="widths"
        spellCheck={false}
        placeholder="e.g. 0, 50, 100"
        value={draft}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'rewinds-error' : undefined}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          if (!rewindsError(text, config)) set('rewinds', text.split(/[,\s]+/).filter(Boolean).map(Number));
        }}
      />
      {error && (
        <span className="field-error" id="rewinds-error" role="alert">
          {error}
        </span>
      )}
    </Field>
  );
}

/** transferOpt=…: the other optimizer a ticket is trained with. */
export function TransferOptField({ config, set, note }: FieldProps) {
  return (
    <Field name="transferOpt" note={note} disabled={config.mode !== 'imp'}>
      <select id={inputId('transferOpt')} data-field="transferOpt" value={config.transferOpt} onChange={(e) => set('transferOpt', e.target.value)}>
        <option value="none">no other optimizer</option>
        {OPTIMIZERS.map((o) => (
          <option key={o} value={o} title={OPTIMIZER_LINES[o]}>
            {OPTIMIZER_NAMES[o]}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function TransferLrField({ config, set, note }: FieldProps) {
  return (
    <Field name="transferLr" value={formatLr(config.transferLr)} note={note} disabled={config.transferOpt === 'none'}>
      <NumberInput name="transferLr" value={config.transferLr} validate={(v) => fieldError('transferLr', v, config)} onCommit={(v) => set('transferLr', v)} min={1e-6} max={1} step="any" className="narrow" />
    </Field>
  );
}
