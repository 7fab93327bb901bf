// One store of slices (the zustand docs' pattern). Components select the few fields they draw;
// actions are plain functions in actions.ts, callable without hooks.
import { create } from 'zustand';
import { createComparisonSlice, type ComparisonSlice } from './comparison-slice';
import { createConfigSlice, type ConfigSlice } from './config-slice';
import { createRunSlice, type RunSlice } from './run-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

export type LabState = ConfigSlice & RunSlice & UiSlice & ComparisonSlice;

export const useLab = create<LabState>()((...a) => ({
  ...createConfigSlice(...a),
  ...createRunSlice(...a),
  ...createUiSlice(...a),
  ...createComparisonSlice(...a),
}));
