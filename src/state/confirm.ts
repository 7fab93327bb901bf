// Questions asked before a destructive or long action: one at a time, answered by ConfirmDialog.
// Callable without hooks (buttons, Space, the run=1 link all go through here).
import { create } from 'zustand';
import { estimateTime, formatDuration } from '../config/implications';
import { hasFinishedResults, needsConfirmation, type RunSource } from '../config/confirmations';
import { measuredSamplesPerSecond } from '../controls/ConfigControls';
import { useLab } from './store';

export type QuestionKind = 'replace' | 'reset' | 'long' | 'delete' | 'delete-all';

export interface Question {
  kind: QuestionKind;
  title: string;
  text: string;
  /** Label of the button that goes ahead. */
  confirm: string;
  onConfirm: () => void;
}

export const useQuestion = create<{ question: Question | null }>(() => ({ question: null }));

const ask = (question: Question) => useQuestion.setState({ question });
export const answer = (go: boolean) => {
  const q = useQuestion.getState().question;
  useQuestion.setState({ question: null });
  if (go) q?.onConfirm();
};

/**
 * Saved runs (src/storage/) can register this: Run over finished results then keeps them as a
 * saved run and starts without asking. Until then the page asks first.
 */
let keepAsSavedRun: (() => void) | null = null;
export function setKeepAsSavedRun(fn: (() => void) | null): void {
  keepAsSavedRun = fn;
}

const finished = () => {
  const s = useLab.getState();
  return hasFinishedResults(s.status, s.document !== null);
};

function longCheck(source: RunSource, start: () => void): void {
  const s = useLab.getState();
  const sps = source === 'button' ? (measuredSamplesPerSecond(s) ?? undefined) : undefined;
  const seconds = estimateTime(s.config, sps).seconds;
  if (!needsConfirmation({ estimateSeconds: seconds, source })) return start();
  const what = source === 'link' ? 'This link starts a run' : 'This run is';
  ask({
    kind: 'long',
    title: 'Start a long run?',
    text: `${what} estimated at about ${formatDuration(seconds)} on this machine.`,
    confirm: 'Start',
    onConfirm: start,
  });
}

/** Run, through the questions: results on screen first, then a long estimate. */
export function requestStart(source: RunSource, start: () => void): void {
  if (!finished()) return longCheck(source, start);
  if (keepAsSavedRun) {
    keepAsSavedRun();
    return longCheck(source, start);
  }
  ask({
    kind: 'replace',
    title: 'Replace the results on screen?',
    text: 'A new run replaces the results on screen. Export them first to keep them.',
    confirm: 'Replace',
    onConfirm: () => longCheck(source, start),
  });
}

/** Reset asks when there are results on screen. */
export function requestReset(reset: () => void): void {
  if (useLab.getState().document === null) return reset();
  ask({
    kind: 'reset',
    title: 'Clear the results on screen?',
    text: 'Reset clears the results on screen. Export them first to keep them.',
    confirm: 'Reset',
    onConfirm: reset,
  });
}

/** Deleting a saved run asks first: it cannot be undone. */
export function requestDeleteRun(name: string, remove: () => void): void {
  ask({
    kind: 'delete',
    title: 'Delete this saved run?',
    text: `“${name}” will be deleted from this browser: its results, curves, weights and resume point. Export it first to keep it.`,
    confirm: 'Delete',
    onConfirm: remove,
  });
}

export function requestDeleteAllRuns(count: number, remove: () => void): void {
  ask({
    kind: 'delete-all',
    title: 'Delete every saved run?',
    text: `All ${count} saved run${count === 1 ? '' : 's'} will be deleted from this browser. Export the ones to keep first.`,
    confirm: 'Delete all',
    onConfirm: remove,
  });
}
