import type { StateCreator } from 'zustand';
import type { ComparisonPlan } from '../config/sweep';
import type { ResultsDocument } from '../engine/events';
import type { LabState } from './store';

/** Runs drawn side by side (src/panels/compare/): their results documents, in the order compared. */
export interface Comparison {
  /** The saved run (src/storage/) of each document, '' where it could not be saved here. */
  runIds: string[];
  documents: ResultsDocument[];
}

/** A sweep or comparison link under way: which of its runs is training now. */
export interface SweepProgress {
  /** 0-based index of the run training now, among `total`. */
  index: number;
  total: number;
  /** What sets this run apart (its legend words). */
  label: string;
}

export interface ComparisonSlice {
  comparison: Comparison | null;
  sweepProgress: SweepProgress | null;
  /** What the last sweep or comparison could not do, in plain words. */
  comparisonNote: string | null;
  /** The comparison the page's link asked for (sweep= / runs=), until the page acts on it, once. */
  linkedComparison: ComparisonPlan | null;
}

export const createComparisonSlice: StateCreator<LabState, [], [], ComparisonSlice> = () => ({
  comparison: null,
  sweepProgress: null,
  comparisonNote: null,
  linkedComparison: null,
});
