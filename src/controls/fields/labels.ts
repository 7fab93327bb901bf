// What the page calls each setting: the field's label in the sidebar and its name in the lecture
// options (LectureOptions.tsx), so a lecturer never meets internal names such as evalEvery or lr.
import type { FieldName } from '../../config/schema';

export const FIELD_LABELS: Record<FieldName, string> = {
  dataset: 'Dataset',
  model: 'Model',
  mode: 'Experiment',
  rate: 'Pruning rate',
  convRate: 'Conv pruning rate',
  scope: 'Scope',
  rounds: 'Pruning rounds',
  criterion: 'Keep weights by',
  compare: 'Compare with',
  start: 'Kept weights start from',
  pruned: 'Pruned weights become',
  rewind: 'Rewind to iteration',
  iters: 'Iterations per round',
  batch: 'Batch size',
  lr: 'Learning rate',
  opt: 'Optimizer',
  scoreLr: 'Supermask score learning rate',
  controls: 'Controls',
  evalEvery: 'Evaluate every',
  evalSize: 'Evaluation size',
  stability: 'Measure stability in',
  rewinds: 'Also rewind to (k)',
  transfer: 'Transfer the ticket to',
  transferOpt: 'Also train the ticket with',
  transferLr: 'Its learning rate',
  seed: 'Seed',
  seeds: 'Repeats (seeds)',
  backend: 'Backend',
};

/** The label of a field name; a name the schema does not know (yet) is shown as it is. */
export const fieldLabel = (name: string): string => (Object.hasOwn(FIELD_LABELS, name) ? FIELD_LABELS[name as FieldName] : name);
