// The page's side of saved runs: the list the Runs panel shows, storage use, what went wrong, and
// the actions that move a saved run into the page's store (open, restore after a reload, prepare a
// resume). Callable without hooks; the engine side (starting a resumed run) is in state/actions.ts.
import { create } from 'zustand';
import { BACKENDS, FIELDS, type BackendChoice, type ExperimentConfig } from '../config/schema';
import { VERSION_KEY } from '../config/url';
import type { EngineEvent, ResultsDocument } from '../engine/events';
import type { ResumePoint } from '../engine/resume';
import { setKeepAsSavedRun } from '../state/confirm';
import { decodeLink } from '../state/link';
import { useLab } from '../state/store';
import { QUOTA_MESSAGE, RunRecorder } from './recorder';
import {
  deleteAllRuns,
  deleteRun,
  getRunMeta,
  listRuns,
  loadResumePoint,
  loadRun,
  renameRun,
  storageAvailable,
  storageUse,
  type SavedRun,
  type SavedRunMeta,
} from './runs-db';

export { QUOTA_MESSAGE };

export interface SavedRunsState {
  available: boolean;
  /** Newest first. */
  runs: SavedRunMeta[];
  usage: { used: number; quota: number } | null;
  /** Why saving stopped (storage full), in plain words; the run itself goes on. */
  problem: string | null;
  /** A short note about the last thing done with saved runs. */
  notice: string | null;
  /** The open run was interrupted (page closed or reloaded mid-run) and can go on. */
  interrupted: { id: string; round: number } | null;
}

export const useSavedRuns = create<SavedRunsState>(() => ({ available: storageAvailable(), runs: [], usage: null, problem: null, notice: null, interrupted: null }));

// The run the page had open, so a reload comes back to it.
const OPEN_RUN_KEY = 'ticket-lab.open-run';
function rememberOpenRun(id: string | null): void {
  try {
    if (id) localStorage.setItem(OPEN_RUN_KEY, id);
    else localStorage.removeItem(OPEN_RUN_KEY);
  } catch {
    // No localStorage (Node, some private modes): a reload starts empty.
  }
}
function rememberedOpenRun(): string | null {
  try {
    return localStorage.getItem(OPEN_RUN_KEY);
  } catch {
    return null;
  }
}

// The link as the page was opened: url-sync rewrites the address (dropping run=1) before any
// effect runs, and this module is evaluated before that.
const LINK_AT_LOAD = typeof location !== 'undefined' ? location.search : '';

const mergeMeta = (runs: SavedRunMeta[], meta: SavedRunMeta) => (runs.some((r) => r.id === meta.id) ? runs.map((r) => (r.id === meta.id ? meta : r)) : [meta, ...runs]);

export const recorder = new RunRecorder({
  onRunId: (id) => {
    useLab.setState({ savedRunId: id });
    rememberOpenRun(id);
    useSavedRuns.setState({ interrupted: null, problem: null });
  },
  onWritten: (meta) => {
    useSavedRuns.setState((s) => ({ runs: mergeMeta(s.runs, meta) }));
    void refreshUsage();
  },
  onProblem: (message) => {
    useSavedRuns.setState({ problem: message });
    updateKeepHook();
  },
});

/** Before a fresh run starts (state/actions.ts): it is saved as a new run. */
export function startFreshRun(): void {
  recorder.startFresh();
}

/** Every engine event goes here too (state/actions.ts); it returns at once. */
export function recordEvent(event: EngineEvent): void {
  if (storageAvailable()) recorder.record(event);
}

async function refreshUsage(): Promise<void> {
  useSavedRuns.setState({ usage: await storageUse() });
}

/** Reads the list and the storage use again. */
export async function refreshSavedRuns(): Promise<void> {
  if (!storageAvailable()) return;
  try {
    useSavedRuns.setState({ runs: await listRuns(), available: true });
  } catch (e) {
    useSavedRuns.setState({ available: false, problem: `Saved runs cannot be read here: ${(e as Error).message}` });
  }
  await refreshUsage();
}

const isLive = () => ['starting', 'running', 'paused'].includes(useLab.getState().status);

/** A saved 'running' status is a live run only while this page runs it; otherwise it was interrupted. */
export const isInterrupted = (meta: SavedRunMeta) => meta.status === 'running' && !(isLive() && useLab.getState().savedRunId === meta.id);

function interruptedOf(meta: SavedRunMeta): SavedRunsState['interrupted'] {
  return isInterrupted(meta) && meta.resumable && meta.resumeRound !== null ? { id: meta.id, round: meta.resumeRound } : null;
}

/**
 * Draws a saved run as the page's run (its document, curves and weight and mask snapshots).
 * `keepConfig`: the settings stay as they are (a reload whose link holds its own settings).
 */
export async function openSavedRun(id: string, { keepConfig = false } = {}): Promise<SavedRun | null> {
  if (isLive()) return null;
  const saved = await loadRun(id);
  if (!saved || isLive()) return null;
  useLab.getState().loadSavedRun(id, saved);
  if (!keepConfig) useLab.getState().setConfig(saved.document.config, []);
  rememberOpenRun(id);
  useSavedRuns.setState({ interrupted: interruptedOf(saved.meta), notice: null });
  return saved;
}

/**
 * On page load, unless the link starts a run: the run that was open comes back, and if the page
 * was closed mid-run, it says so and offers to go on.
 */
export async function restoreLastOpenRun(): Promise<void> {
  if (!storageAvailable()) return;
  const link = decodeLink(LINK_AT_LOAD);
  const id = rememberedOpenRun();
  if (link.autorun || !id) return;
  const meta = await getRunMeta(id).catch(() => null);
  if (!meta) return rememberOpenRun(null);
  if (isLive() || useLab.getState().document) return; // something else was opened meanwhile
  const keys = new URLSearchParams(LINK_AT_LOAD);
  const linkHasSettings = keys.has(VERSION_KEY) || Object.values(FIELDS).some((f) => keys.has(f.key));
  await openSavedRun(id, { keepConfig: linkHasSettings });
}

/** What the engine needs to go on with a saved run; the page's store already draws its finished rounds. */
export interface PreparedResume {
  config: ExperimentConfig;
  progress: { document: ResultsDocument; point: ResumePoint };
}

/**
 * Loads a saved run and its resume point into the page (rounds up to the resume point) and tells
 * the recorder to keep saving into it. `backend` replaces the saved config's (resume elsewhere).
 */
export async function prepareResume(id: string, backend?: string): Promise<PreparedResume | null> {
  if (backend !== undefined && !(BACKENDS as readonly string[]).includes(backend)) throw new Error(`No backend is called ${backend}: use one of ${BACKENDS.join(', ')}`);
  const [saved, point] = await Promise.all([loadRun(id), loadResumePoint(id)]);
  if (!saved || !point || isLive()) return null;
  const upTo = (round: number) => round <= point.round;
  const curveRound = (key: string) => Number(key.replace(/^\d+:/, '').split('/')[0]);
  const curves = Object.fromEntries(Object.entries(saved.curves).filter(([k]) => upTo(curveRound(k))));
  const rounds = Object.fromEntries(Object.entries(saved.snapshots.rounds).filter(([r]) => upTo(Number(r))));
  const snapshots = { ...saved.snapshots, rounds, dropped: saved.snapshots.dropped.filter(upTo) };
  const config = backend ? { ...saved.document.config, backend: backend as BackendChoice } : saved.document.config;
  const document = { ...saved.document, config };
  recorder.continueRun({ ...saved, document, curves, snapshots }, point);
  useLab.getState().loadSavedRun(id, { document, curves, snapshots });
  useLab.getState().setConfig(config, []);
  rememberOpenRun(id);
  useSavedRuns.setState({ interrupted: null, problem: null, notice: null });
  return { config, progress: { document, point } };
}

export async function renameSavedRun(id: string, name: string): Promise<void> {
  const trimmed = name.trim();
  if (!trimmed) return;
  recorder.renamed(id, trimmed);
  await renameRun(id, trimmed);
  await refreshSavedRuns();
}

/** Deletes without asking: the Runs list asks first (state/confirm.ts). */
export async function deleteSavedRun(id: string): Promise<void> {
  recorder.forget(id);
  await deleteRun(id);
  forgetOnScreen([id]);
  await refreshSavedRuns();
}

export async function deleteAllSavedRuns(): Promise<void> {
  const ids = useSavedRuns.getState().runs.map((r) => r.id);
  ids.forEach((id) => recorder.forget(id));
  const live = useLab.getState().savedRunId;
  if (live) recorder.forget(live);
  await deleteAllRuns();
  forgetOnScreen(live ? [...ids, live] : ids);
  useSavedRuns.setState({ problem: null });
  await refreshSavedRuns();
}

// The results on screen stay, but no longer as a saved run; the picks and the banner let go of it.
function forgetOnScreen(ids: string[]): void {
  const s = useLab.getState();
  if (s.savedRunId && ids.includes(s.savedRunId)) {
    useLab.setState({ savedRunId: null });
    rememberOpenRun(null);
  }
  s.setPickedRunIds(s.pickedRunIds.filter((p) => !ids.includes(p)));
  const interrupted = useSavedRuns.getState().interrupted;
  if (interrupted && ids.includes(interrupted.id)) useSavedRuns.setState({ interrupted: null });
}

/** Reset clears the screen: a reload then starts empty too. */
export function forgetOpenRun(): void {
  rememberOpenRun(null);
  useSavedRuns.setState({ interrupted: null });
}

/** Run over finished results that are saved: they stay in the Runs list, with their final status. */
function keepResultsAsSavedRun(): void {
  const id = useLab.getState().savedRunId;
  const name = useSavedRuns.getState().runs.find((r) => r.id === id)?.name;
  useSavedRuns.setState({ notice: name ? `The results on screen stay in Saved runs as “${name}”.` : 'The results on screen stay in Saved runs.' });
  void recorder.flush().then(refreshSavedRuns);
}

// Run skips "Replace the results on screen?" only while those results are saved.
function updateKeepHook(): void {
  const id = useLab.getState().savedRunId;
  setKeepAsSavedRun(id && storageAvailable() && recorder.isSaving(id) ? keepResultsAsSavedRun : null);
}

let installed = false;
/** Once, at start-up (state/actions.ts): keeps the Run question in step with what is saved. */
export function installSavedRuns(): void {
  if (installed) return;
  installed = true;
  updateKeepHook();
  useLab.subscribe((s, prev) => s.savedRunId !== prev.savedRunId && updateKeepHook());
}
