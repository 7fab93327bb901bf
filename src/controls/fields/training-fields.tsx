// Controls of the "Training" group: iterations (log slider), batch size, learning rate, optimizer.
import { OPTIMIZER_LINES, formatLr } from '../../config/implications';
import { OPTIMIZERS } from '../../config/schema';
import { Field, NumberInput, Range, inputId } from './Field';
import type { FieldProps } from './types';
import { fieldError } from './validate';

const MAX_ITERS = 50_000;
const LOG_STEPS = 1000;
const BATCHES = [1, 8, 16, 32, 60, 64, 100, 128, 256, 512, 1024];

/** Log-scale slider position (0..LOG_STEPS) <-> iterations (1..50,000), two significant digits. */
export const itersToPosition = (iters: number) => Math.round((LOG_STEPS * Math.log(iters)) / Math.log(MAX_ITERS));
export function positionToIters(position: number): number {
  const raw = Math.exp((position / LOG_STEPS) * Math.log(MAX_ITERS));
  const nice = raw < 100 ? Math.round(raw) : Number(raw.toPrecision(2));
  return Math.min(MAX_ITERS, Math.max(1, nice));
}

export function ItersField({ config, set, note }: FieldProps) {
  return (
    <Field name="iters" note={note}>
      <NumberInput name="iters" value={config.iters} validate={(v) => fieldError('iters', v, config)} onCommit={(v) => set('iters', v)} min={1} max={MAX_ITERS} step={1} unit="iterations" />
      <Range
        name="iters"
        id={inputId('iters', 'range')}
        label="Iterations per round (log slider)"
        scale="log"
        min={0}
        max={LOG_STEPS}
        step={1}
        value={itersToPosition(config.iters)}
        valueText={`${config.iters} iterations`}
        onChange={(p) => set('iters', positionToIters(p))}
      />
    </Field>
  );
}

export function BatchField({ config, set, note }: FieldProps) {
  const options = BATCHES.includes(config.batch) ? BATCHES : [...BATCHES, config.batch].sort((a, b) => a - b);
  return (
    <Field name="batch" value={`${config.batch} per step`} note={note}>
      <select id={inputId('batch')} data-field="batch" value={config.batch} onChange={(e) => set('batch', Number(e.target.value))}>
        {options.map((b) => (
          <option key={b} value={b}>
            {b}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Learning-rate slider: log10(lr) from -5 to 0 in steps of 0.01, two significant digits. */
export const lrFromPosition = (p: number) => Number((10 ** p).toPrecision(2));

export function LrField({ config, set, note }: FieldProps) {
  return (
    <Field name="lr" value={formatLr(config.lr)} note={note}>
      <Range
        name="lr"
        id={inputId('lr', 'range')}
        label="Learning rate (log slider)"
        scale="log"
        min={-5}
        max={0}
        step={0.01}
        value={Math.max(-5, Math.round(Math.log10(config.lr) * 100) / 100)}
        valueText={formatLr(config.lr)}
        onChange={(p) => set('lr', lrFromPosition(p))}
      />
      <NumberInput name="lr" value={config.lr} validate={(v) => fieldError('lr', v, config)} onCommit={(v) => set('lr', v)} min={1e-6} max={1} step="any" className="narrow" />
    </Field>
  );
}

export function OptField({ config, set, note }: FieldProps) {
  return (
    <Field name="opt" note={note}>
      <select id={inputId('opt')} data-field="opt" value={config.opt} onChange={(e) => set('opt', e.target.value)}>
        {OPTIMIZERS.map((o) => (
          <option key={o} value={o} title={OPTIMIZER_LINES[o]}>
            {o === 'adam' ? 'Adam' : o === 'sgd' ? 'SGD' : 'SGD + momentum'}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function ScoreLrField({ config, set, note }: FieldProps) {
  const enabled = config.mode === 'supermask';
  return (
    <Field name="scoreLr" value={formatLr(config.scoreLr)} note={note} disabled={!enabled}>
      <NumberInput name="scoreLr" value={config.scoreLr} validate={(v) => fieldError('scoreLr', v, config)} onCommit={(v) => set('scoreLr', v)} min={1e-4} max={100} step="any" className="narrow" />
    </Field>
  );
}
