// The words that tell compared runs apart: per run, the settings in which it differs from the
// others ("50%/round, seed 3", from run-name.ts), or "run n" where nothing does; a name given twice
// gets its run number, so every legend entry and progress line stays distinct.
import type { ExperimentConfig } from '../config/schema';
import { differences } from './run-name';

export function runLabels(configs: readonly ExperimentConfig[]): string[] {
  const labels = differences([...configs]).map((phrases, i) => (phrases.length ? phrases.join(', ') : `run ${i + 1}`));
  return labels.map((label, i) => (labels.indexOf(label) !== labels.lastIndexOf(label) ? `${label} (run ${i + 1})` : label));
}
