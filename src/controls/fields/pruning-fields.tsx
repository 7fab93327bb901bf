// Controls of the "Pruning" group: rate, conv rate, scope, rounds, the mask criterion, what kept
// and pruned weights start from, and the rewind point.
import { isConvModel, scheduleOf } from '../../config/implications';
import { CRITERIA, CRITERION, criterionLabel, type CriterionName } from '../../engine/criteria';
import { PRUNED_LINES, PRUNED_VALUES, START_LINES, STARTS } from '../../engine/starts';
import { MODES, type ModeName } from '../../config/schema';
import { Field, NumberInput, Range, inputId } from './Field';
import { Schedule } from './Schedule';
import type { FieldProps } from './types';
import { fieldError } from './validate';

const pct = (f: number) => Math.round(f * 1000) / 10;

export function RateField({ config, set, note }: FieldProps) {
  return (
    <Field name="rate" value={`${pct(config.rate)}% per round`} note={note}>
      <Range name="rate" min={1} max={95} step={1} value={Math.round(config.rate * 100)} valueText={`${pct(config.rate)}% per round`} onChange={(v) => set('rate', v / 100)} />
      <Schedule schedule={scheduleOf(config)} />
    </Field>
  );
}

export function ConvRateField({ config, set, note }: FieldProps) {
  const enabled = isConvModel(config.model) && config.scope === 'layer';
  return (
    <Field name="convRate" value={`${pct(config.convRate)}% per round`} note={note} disabled={!enabled}>
      <Range
        name="convRate"
        min={1}
        max={95}
        step={1}
        value={Math.round(config.convRate * 100)}
        valueText={`${pct(config.convRate)}% per round`}
        disabled={!enabled}
        onChange={(v) => set('convRate', v / 100)}
      />
    </Field>
  );
}

export function ScopeField({ config, set, note }: FieldProps) {
  const options = [
    ['layer', 'per layer'],
    ['global', 'global'],
  ] as const;
  return (
    <Field name="scope" group note={note}>
      <div className="radios" role="radiogroup" aria-labelledby="label-scope">
        {options.map(([value, text]) => (
          <label key={value} className="radio">
            <input
              type="radio"
              name="scope"
              id={`input-scope-${value}`}
              data-field="scope"
              value={value}
              checked={config.scope === value}
              onChange={() => set('scope', value)}
            />
            {text}
          </label>
        ))}
      </div>
    </Field>
  );
}

export function RoundsField({ config, set, note }: FieldProps) {
  return (
    <Field name="rounds" value={`${config.rounds} round${config.rounds === 1 ? '' : 's'}`} note={note}>
      <Range name="rounds" min={0} max={30} step={1} value={config.rounds} valueText={`${config.rounds} rounds`} onChange={(v) => set('rounds', v)} />
    </Field>
  );
}

export function RewindField({ config, set, note }: FieldProps) {
  const validate = (v: number) => fieldError('rewind', v, config);
  return (
    <Field name="rewind" value={config.rewind === 0 ? 'θ0' : `θ${config.rewind}`} note={note}>
      <Range
        name="rewind"
        min={0}
        max={config.iters}
        step={1}
        value={Math.min(config.rewind, config.iters)}
        valueText={config.rewind === 0 ? 'original initialisation' : `iteration ${config.rewind}`}
        onChange={(v) => set('rewind', v)}
        id={inputId('rewind', 'range')}
        label="Rewind iteration (slider)"
      />
      <NumberInput name="rewind" value={config.rewind} validate={validate} onCommit={(v) => set('rewind', v)} min={0} max={config.iters} step={1} />
    </Field>
  );
}

/** A select over a list of names, each option titled with its one-line meaning. */
function Choice<N extends string>({ name, options, value, lines, text, onChange }: { name: string; options: readonly N[]; value: N; lines: Record<N, string>; text: (n: N) => string; onChange: (n: N) => void }) {
  return (
    <select id={inputId(name)} data-field={name} value={value} onChange={(e) => onChange(e.target.value as N)}>
      {options.map((o) => (
        <option key={o} value={o} title={lines[o]}>
          {text(o)}
        </option>
      ))}
    </select>
  );
}

const CRITERION_LINES = Object.fromEntries(CRITERIA.map((c) => [c, CRITERION[c].line])) as Record<CriterionName, string>;
const words = (s: string) => s.replaceAll('_', ' ');

export function CriterionField({ config, set, note }: FieldProps) {
  return (
    <Field name="criterion" note={note}>
      <Choice name="criterion" options={CRITERIA} value={config.criterion} lines={CRITERION_LINES} text={criterionLabel} onChange={(v) => set('criterion', v)} />
    </Field>
  );
}

export function StartField({ config, set, note }: FieldProps) {
  return (
    <Field name="start" note={note}>
      <Choice name="start" options={STARTS} value={config.start} lines={START_LINES} text={words} onChange={(v) => set('start', v)} />
    </Field>
  );
}

export function PrunedField({ config, set, note }: FieldProps) {
  return (
    <Field name="pruned" note={note}>
      <Choice name="pruned" options={PRUNED_VALUES} value={config.pruned} lines={PRUNED_LINES} text={words} onChange={(v) => set('pruned', v)} />
    </Field>
  );
}

const MODE_LINES: Record<ModeName, string> = {
  imp: 'train, prune and rewind, round by round (Frankle & Carbin)',
  supermask: 'learn which weights to keep; the weights themselves never train (Zhou et al.)',
};

export function ModeField({ config, set, note }: FieldProps) {
  return (
    <Field name="mode" note={note}>
      <Choice name="mode" options={MODES} value={config.mode} lines={MODE_LINES} text={(m) => (m === 'imp' ? 'prune & retrain (IMP)' : 'learned supermask')} onChange={(v) => set('mode', v)} />
    </Field>
  );
}

/** Further criteria, each its own chain beside the ticket; at most 6 (the schema's bound). */
export function CompareField({ config, set, note }: FieldProps) {
  const options = CRITERIA.filter((c) => c !== config.criterion);
  const full = config.compare.length >= 6;
  return (
    <Field name="compare" group note={note}>
      <div className="checks" role="group" aria-labelledby="label-compare">
        {options.map((c) => {
          const on = config.compare.includes(c);
          return (
            <label key={c} className="check">
              <input
                type="checkbox"
                title={CRITERION[c].line}
                id={`input-compare-${c}`}
                data-field="compare"
                value={c}
                checked={on}
                disabled={!on && full}
                onChange={(e) => set('compare', e.target.checked ? [...config.compare, c] : config.compare.filter((x) => x !== c))}
              />
              {criterionLabel(c)}
            </label>
          );
        })}
      </div>
    </Field>
  );
}
