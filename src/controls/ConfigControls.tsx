// A labelled control for every config field, in five groups, each with what its value implies.
// Controls write to the store at once (setField validates and refuses bad values; the URL follows
// the store elsewhere). A running experiment keeps the config it started with.
// The controls themselves live in fields/, one file per group.
import type { ReactNode } from 'react';
import { fieldImplication } from '../config/implications';
import { FIELDS, type ExperimentConfig, type FieldName } from '../config/schema';
import { speedKey } from '../config/speed-key';
import { useLab, type LabState } from '../state/store';
import { DatasetField, ModelField } from './fields/data-model-fields';
import { ControlsField, EvalEveryField, EvalSizeField, TransferField } from './fields/evaluation-fields';
import { GenericField } from './fields/generic-field';
import { CompareField, ConvRateField, CriterionField, ModeField, PrunedField, RateField, RewindField, RoundsField, ScopeField, StartField } from './fields/pruning-fields';
import { RewindsField, StabilityField, TransferLrField, TransferOptField } from './fields/stability-fields';
import { BackendField, SeedField, SeedsField } from './fields/reproducibility-fields';
import { BatchField, ItersField, LrField, OptField, ScoreLrField } from './fields/training-fields';
import type { FieldProps, SetField } from './fields/types';
import { useLabNow } from './fields/use-lab-now';
import './controls.css';

export { widthsError } from './fields/data-model-fields';
export { newSeed } from './fields/reproducibility-fields';
export { itersToPosition, lrFromPosition, positionToIters } from './fields/training-fields';

export interface ControlGroup {
  id: string;
  title: string;
  fields: string[];
}

/** The groups, in order. Fields the schema lacks are skipped; fields no group names go last. */
export const GROUPS: ControlGroup[] = [
  { id: 'data', title: 'Data & model', fields: ['dataset', 'model'] },
  { id: 'pruning', title: 'Pruning', fields: ['mode', 'rate', 'convRate', 'scope', 'rounds', 'criterion', 'compare', 'start', 'pruned', 'rewind'] },
  { id: 'training', title: 'Training', fields: ['iters', 'batch', 'lr', 'opt', 'scoreLr'] },
  { id: 'evaluation', title: 'Controls & evaluation', fields: ['controls', 'evalEvery', 'evalSize'] },
  { id: 'stability', title: 'Stability & transfer', fields: ['stability', 'rewinds', 'transfer', 'transferOpt', 'transferLr'] },
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

const ACTIVE = ['starting', 'running', 'paused'];

const RENDERERS: Record<string, (p: FieldProps) => ReactNode> = {
  dataset: DatasetField,
  model: ModelField,
  rate: RateField,
  convRate: ConvRateField,
  scope: ScopeField,
  rounds: RoundsField,
  rewind: RewindField,
  criterion: CriterionField,
  compare: CompareField,
  start: StartField,
  pruned: PrunedField,
  mode: ModeField,
  scoreLr: ScoreLrField,
  controls: ControlsField,
  transfer: TransferField,
  transferOpt: TransferOptField,
  transferLr: TransferLrField,
  stability: StabilityField,
  rewinds: RewindsField,
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
    <section className="config-controls" id="experiment-settings" aria-label="Experiment settings" data-running={running || undefined}>
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
export function measuredSamplesPerSecond(s: LabState): number | null {
  const p = s.progress;
  const d = s.document;
  // Before any run (or after one of other settings): this machine's measurement of these settings.
  const measured = s.measuredSpeed?.key === speedKey(s.config) ? Number(s.measuredSpeed.samplesPerSecond.toPrecision(2)) : null;
  if (!p || !d || s.imported) return measured;
  const a = s.config;
  const b = d.config;
  if (a.model !== b.model || a.dataset !== b.dataset || a.batch !== b.batch) return measured;
  if (a.backend !== 'auto' && a.backend !== d.backend.name) return measured;
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
