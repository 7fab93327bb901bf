// A labelled control for every config field, in five groups, each with what its value implies.
// Controls write to the store at once (setField validates and refuses bad values; the URL follows
// the store elsewhere). A running experiment keeps the config it started with.
import { useState, type ReactNode } from 'react';
import {
  BACKEND_LINES,
  DATASET_INFO,
  MODEL_NAMES,
  OPTIMIZER_LINES,
  fieldImplication,
  formatLr,
  isConvModel,
  scheduleOf,
} from '../config/implications';
import {
  BACKENDS,
  CONTROLS,
  DATASETS,
  FIELDS,
  IMAGE_DATASETS,
  OPTIMIZERS,
  type ControlName,
  type ExperimentConfig,
  type FieldName,
} from '../config/schema';
import { label as backendLabel } from '../engine/backend-label';
import { useLab, type LabState } from '../state/store';
import { Field, NumberInput, Range, inputId } from './fields/Field';
import { Schedule } from './fields/Schedule';
import { useLabNow } from './fields/use-lab-now';
import { fieldError } from './fields/validate';
import './controls.css';

export interface ControlGroup {
  id: string;
  title: string;
  fields: string[];
}

/** The groups, in order. Fields the schema lacks are skipped; fields no group names go last. */
export const GROUPS: ControlGroup[] = [
  { id: 'data', title: 'Data & model', fields: ['dataset', 'model'] },
  { id: 'pruning', title: 'Pruning', fields: ['rate', 'convRate', 'scope', 'rounds', 'rewind'] },
  { id: 'training', title: 'Training', fields: ['iters', 'batch', 'lr', 'opt'] },
  { id: 'evaluation', title: 'Controls & evaluation', fields: ['controls', 'evalEvery', 'evalSize'] },
  { id: 'reproducibility', title: 'Reproducibility & backend', fields: ['seed', 'seeds', 'backend'] },
];

/** GROUPS against the schema as it is: every FIELDS entry exactly once. */
export function groupsForSchema(): ControlGroup[] {
  const known = Object.keys(FIELDS);
  const groups = GROUPS.map((g) => ({ ...g, fields: g.fields.filter((f) => known.includes(f)) }));
  const placed = new Set(groups.flatMap((g) => g.fields));
  const rest = known.filter((f) => !placed.has(f));
  groups[groups.length - 1].fields.push(...rest);
  return groups;
}

type SetField = (name: FieldName, value: unknown) => void;

interface FieldProps {
  config: ExperimentConfig;
  set: SetField;
  note: string;
}

const ACTIVE = ['starting', 'running', 'paused'];
const MAX_ITERS = 50_000;
const LOG_STEPS = 1000;
const BATCHES = [1, 8, 16, 32, 60, 64, 100, 128, 256, 512, 1024];
const pct = (f: number) => Math.round(f * 1000) / 10;

const DATASET_GROUPS: { label: string; names: readonly string[] }[] = [
  { label: 'Images (28×28, 10 classes)', names: IMAGE_DATASETS },
  { label: '2-D points (2 classes)', names: DATASETS.filter((d) => !IMAGE_DATASETS.includes(d)) },
];

function DatasetField({ config, set, note }: FieldProps) {
  return (
    <Field name="dataset" label="Dataset" note={note}>
      <select id={inputId('dataset')} data-field="dataset" value={config.dataset} onChange={(e) => set('dataset', e.target.value)}>
        {DATASET_GROUPS.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.names.map((d) => (
              <option key={d} value={d}>
                {DATASET_INFO[d as keyof typeof DATASET_INFO].name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </Field>
  );
}

/** Why custom widths like "300-100" are refused, in the text box's own terms; null if accepted. */
export function widthsError(text: string, config: ExperimentConfig): string | null {
  const widths = text.trim();
  if (!/^\d{1,4}(-\d{1,4}){0,5}$/.test(widths)) return '1 to 6 hidden widths joined by "-", e.g. 300-100 or 64-64-64';
  return fieldError('model', `mlp-${widths}`, config);
}

const widthsOf = (model: string) => (model.startsWith('mlp-') ? model.slice(4) : '300-100');

function ModelField({ config, set, note }: FieldProps) {
  const custom = config.model.startsWith('mlp');
  const images = IMAGE_DATASETS.includes(config.dataset);
  const [draft, setDraft] = useState(widthsOf(config.model));
  const [shown, setShown] = useState(config.model);
  if (shown !== config.model) {
    setShown(config.model);
    if (config.model.startsWith('mlp')) setDraft(widthsOf(config.model));
  }
  const error = custom && `mlp-${draft.trim()}` !== config.model ? widthsError(draft, config) : null;
  return (
    <Field name="model" label="Model" note={note}>
      <select
        id={inputId('model')}
        data-field="model"
        value={custom ? 'custom' : config.model}
        onChange={(e) => set('model', e.target.value === 'custom' ? `mlp-${widthsError(draft, config) ? '300-100' : draft.trim()}` : e.target.value)}
      >
        <option value="lenet300">LeNet-300-100 (Frankle & Carbin)</option>
        {(['conv2', 'conv4', 'conv6'] as const).map((m) => (
          <option key={m} value={m} disabled={!images} title={images ? undefined : 'needs 28×28 images'}>
            {MODEL_NAMES[m]}
            {images ? '' : ' (images only)'}
          </option>
        ))}
        <option value="custom">Custom MLP…</option>
      </select>
      {custom && (
        <span className="custom-widths">
          <label htmlFor="input-model-widths">Hidden widths</label>
          <input
            type="text"
            id="input-model-widths"
            data-field="model-widths"
            className="widths"
            spellCheck={false}
            placeholder="300-100"
            value={draft}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'model-widths-error' : undefined}
            onChange={(e) => {
              const text = e.target.value;
              setDraft(text);
              if (!widthsError(text, config)) set('model', `mlp-${text.trim()}`);
            }}
          />
          {error && (
            <span className="field-error" id="model-widths-error" role="alert">
              {error}
            </span>
          )}
        </span>
      )}
    </Field>
  );
}

function RateField({ config, set, note }: FieldProps) {
  return (
    <Field name="rate" label="Pruning rate" value={`${pct(config.rate)}% per round`} note={note}>
      <Range name="rate" min={1} max={95} step={1} value={Math.round(config.rate * 100)} valueText={`${pct(config.rate)}% per round`} onChange={(v) => set('rate', v / 100)} />
      <Schedule schedule={scheduleOf(config)} />
    </Field>
  );
}

function ConvRateField({ config, set, note }: FieldProps) {
  const enabled = isConvModel(config.model) && config.scope === 'layer';
  return (
    <Field name="convRate" label="Conv pruning rate" value={`${pct(config.convRate)}% per round`} note={note} disabled={!enabled}>
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

function ScopeField({ config, set, note }: FieldProps) {
  const options = [
    ['layer', 'per layer'],
    ['global', 'global'],
  ] as const;
  return (
    <Field name="scope" label="Scope" htmlFor="input-scope-layer" note={note}>
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

function RoundsField({ config, set, note }: FieldProps) {
  return (
    <Field name="rounds" label="Pruning rounds" value={`${config.rounds} round${config.rounds === 1 ? '' : 's'}`} note={note}>
      <Range name="rounds" min={0} max={30} step={1} value={config.rounds} valueText={`${config.rounds} rounds`} onChange={(v) => set('rounds', v)} />
    </Field>
  );
}

function RewindField({ config, set, note }: FieldProps) {
  const validate = (v: number) => fieldError('rewind', v, config);
  return (
    <Field name="rewind" label="Rewind to iteration" value={config.rewind === 0 ? 'θ0' : `θ${config.rewind}`} note={note}>
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

const CONTROL_LABELS: Record<ControlName, string> = { reinit: 'random re-init', random: 'random mask' };

function ControlsField({ config, set, note }: FieldProps) {
  return (
    <Field name="controls" label="Controls" htmlFor={`input-controls-${CONTROLS[0]}`} note={note}>
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
            {CONTROL_LABELS[c]}
          </label>
        ))}
      </div>
    </Field>
  );
}

/** Log-scale slider position (0..LOG_STEPS) <-> iterations (1..50,000), two significant digits. */
export const itersToPosition = (iters: number) => Math.round((LOG_STEPS * Math.log(iters)) / Math.log(MAX_ITERS));
export function positionToIters(position: number): number {
  const raw = Math.exp((position / LOG_STEPS) * Math.log(MAX_ITERS));
  const nice = raw < 100 ? Math.round(raw) : Number(raw.toPrecision(2));
  return Math.min(MAX_ITERS, Math.max(1, nice));
}

function ItersField({ config, set, note }: FieldProps) {
  return (
    <Field name="iters" label="Iterations per round" note={note}>
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

function BatchField({ config, set, note }: FieldProps) {
  const options = BATCHES.includes(config.batch) ? BATCHES : [...BATCHES, config.batch].sort((a, b) => a - b);
  return (
    <Field name="batch" label="Batch size" value={`${config.batch} per step`} note={note}>
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

function LrField({ config, set, note }: FieldProps) {
  return (
    <Field name="lr" label="Learning rate" value={formatLr(config.lr)} note={note}>
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

function OptField({ config, set, note }: FieldProps) {
  return (
    <Field name="opt" label="Optimizer" note={note}>
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

function IntField(name: 'evalEvery' | 'evalSize', label: string, unit: string, min: number, max: number, step: number) {
  return function IntFieldControl({ config, set, note }: FieldProps) {
    return (
      <Field name={name} label={label} note={note}>
        <NumberInput name={name} value={config[name]} validate={(v) => fieldError(name, v, config)} onCommit={(v) => set(name, v)} min={min} max={max} step={step} unit={unit} />
      </Field>
    );
  };
}

const EvalEveryField = IntField('evalEvery', 'Evaluate every', 'iterations', 1, 50_000, 1);
const EvalSizeField = IntField('evalSize', 'Evaluation size', 'examples', 100, 10_000, 100);

/** A new seed, small enough to read out in a lecture. */
export const newSeed = () => 1 + Math.floor(Math.random() * 999_999);

function SeedField({ config, set, note }: FieldProps) {
  return (
    <Field name="seed" label="Seed" note={note}>
      <NumberInput name="seed" value={config.seed} validate={(v) => fieldError('seed', v, config)} onCommit={(v) => set('seed', v)} min={0} max={2 ** 31 - 1} step={1} />
      <button type="button" className="dice" data-action="new-seed" onClick={() => set('seed', newSeed())} aria-label="New random seed">
        New seed
      </button>
    </Field>
  );
}

function SeedsField({ config, set, note }: FieldProps) {
  const value = Number((config as Record<string, unknown>).seeds ?? 1);
  return (
    <Field name="seeds" label="Repeats (seeds)" value={`${value} seed${value === 1 ? '' : 's'}`} note={note}>
      <Range name="seeds" min={1} max={5} step={1} value={value} valueText={`${value} seed${value === 1 ? '' : 's'}`} onChange={(v) => set('seeds' as FieldName, v)} />
    </Field>
  );
}

function BackendField({ config, set, note }: FieldProps) {
  return (
    <Field name="backend" label="Backend" note={note}>
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

/** A plain input for a field this file does not know yet (added to the schema later). */
function GenericField({ name, config, set, note }: FieldProps & { name: string }) {
  const value = (config as Record<string, unknown>)[name];
  if (typeof value === 'number')
    return (
      <Field name={name} label={name} note={note} generic>
        <NumberInput name={name} value={value} validate={(v) => fieldError(name, v, config)} onCommit={(v) => set(name as FieldName, v)} step="any" />
      </Field>
    );
  return (
    <Field name={name} label={name} note={note} generic>
      <input
        type="text"
        id={inputId(name)}
        data-field={name}
        defaultValue={Array.isArray(value) ? value.join(',') : String(value)}
        onChange={(e) => {
          const v = Array.isArray(value) ? e.target.value.split(',').filter(Boolean) : e.target.value;
          if (!fieldError(name, v, config)) set(name as FieldName, v);
        }}
      />
    </Field>
  );
}

const RENDERERS: Record<string, (p: FieldProps) => ReactNode> = {
  dataset: DatasetField,
  model: ModelField,
  rate: RateField,
  convRate: ConvRateField,
  scope: ScopeField,
  rounds: RoundsField,
  rewind: RewindField,
  controls: ControlsField,
  iters: ItersField,
  batch: BatchField,
  lr: LrField,
  opt: OptField,
  evalEvery: EvalEveryField,
  evalSize: EvalSizeField,
  seed: SeedField,
  seeds: SeedsField,
  backend: BackendField,
};

export interface ConfigControlsViewProps {
  config: ExperimentConfig;
  /** Field names (and group-<id>) the link hides. */
  hidden?: readonly string[];
  /** An experiment is running: changes apply to the next run. */
  running?: boolean;
  setField: SetField;
  /** Training samples/s measured for this model, for the time estimate (else the WASM model). */
  samplesPerSecond?: number | null;
}

/** The controls for a given config; no store access (the connected one is ConfigControls). */
export function ConfigControlsView({ config, hidden = [], running = false, setField, samplesPerSecond }: ConfigControlsViewProps) {
  const groups = groupsForSchema()
    .filter((g) => !hidden.includes(`group-${g.id}`))
    .map((g) => ({ ...g, fields: g.fields.filter((f) => !hidden.includes(f)) }))
    .filter((g) => g.fields.length > 0);
  return (
    <section className="config-controls" aria-label="Experiment settings" data-running={running || undefined}>
      {running && (
        <p className="run-note" role="status" data-testid="run-note">
          Changes apply to the next run.
        </p>
      )}
      {groups.map((g) => (
        <fieldset key={g.id} className="control-group" id={`group-${g.id}`} data-group={g.id}>
          <legend>{g.title}</legend>
          {g.fields.map((name) => {
            const Render = RENDERERS[name];
            const note = fieldImplication(name as FieldName, config, samplesPerSecond ?? undefined);
            const props = { config, set: setField, note };
            return Render ? <Render key={name} {...props} /> : <GenericField key={name} name={name} {...props} />;
          })}
        </fieldset>
      ))}
    </section>
  );
}

/** Samples/s of the run in progress (or last run) when it trains the same model and batch. */
function measuredSamplesPerSecond(s: LabState): number | null {
  const p = s.progress;
  const d = s.document;
  if (!p || !d || s.imported) return null;
  const a = s.config;
  const b = d.config;
  if (a.model !== b.model || a.dataset !== b.dataset || a.batch !== b.batch) return null;
  if (a.backend !== 'auto' && a.backend !== d.backend.name) return null;
  const sps = p.samplesPerSecond;
  return Number.isFinite(sps) && sps > 0 ? Number(sps.toPrecision(2)) : null;
}

// setField is generic over the field's value type; the controls pass values they checked.
const setFromStore: SetField = (name, value) => (useLab.getState().setField as (n: FieldName, v: unknown) => void)(name, value);

/** Every config field as a control, wired to the store. Mount in the sidebar. */
export function ConfigControls() {
  const config = useLabNow((s) => s.config);
  const hidden = useLabNow((s) => s.hidden);
  const running = useLabNow((s) => ACTIVE.includes(s.status));
  const measured = useLabNow(measuredSamplesPerSecond);
  return <ConfigControlsView config={config} hidden={hidden} running={running} setField={setFromStore} samplesPerSecond={measured} />;
}
