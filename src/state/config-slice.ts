import type { StateCreator } from 'zustand';
import { DEFAULT_CONFIG, parseConfig, type ConfigIssue, type ExperimentConfig, type FieldName } from '../config/schema';
import type { LabState } from './store';

export interface ConfigSlice {
  config: ExperimentConfig;
  /** What was wrong with the link (or an import) and was replaced by defaults; shown in a banner. */
  configIssues: ConfigIssue[];
  setField: <K extends FieldName>(name: K, value: ExperimentConfig[K]) => void;
  setConfig: (config: Partial<ExperimentConfig>, issues?: ConfigIssue[]) => void;
  dismissIssues: () => void;
}

export const createConfigSlice: StateCreator<LabState, [], [], ConfigSlice> = (set, get) => ({
  config: DEFAULT_CONFIG,
  configIssues: [],
  setField: (name, value) => {
    const parsed = parseConfig({ ...get().config, [name]: value });
    // A control can only offer valid values; anything else is refused and the field kept.
    if (parsed.issues.some((i) => i.field === name)) return;
    set({ config: parsed.config });
  },
  setConfig: (config, issues = []) => {
    const parsed = parseConfig(config);
    set({ config: parsed.config, configIssues: [...issues, ...parsed.issues] });
  },
  dismissIssues: () => set({ configIssues: [] }),
});
