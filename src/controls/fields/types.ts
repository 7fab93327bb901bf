// What every config-field control takes: the config, the setter, and the field's implication line.
import type { ExperimentConfig, FieldName } from '../../config/schema';

/** Writes one field to the config (the store's setField validates and refuses bad values). */
export type SetField = (name: FieldName, value: unknown) => void;

export interface FieldProps {
  config: ExperimentConfig;
  set: SetField;
  note: string;
}
