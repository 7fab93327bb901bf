import type { StateCreator } from 'zustand';
import { armResultOf, configArms, type Arm, type CurvePoint, type EngineEvent, type Progress, type ResultsDocument } from '../engine/events';
import type { Fault } from '../engine/faults';
import { addRound, EMPTY_SNAPSHOTS, type SnapshotStore } from './snapshots';
import type { LabState } from './store';

export type RunStatus = 'idle' | 'starting' | 'running' | 'paused' | 'complete' | 'stopped' | 'failed';

export interface DataProgress {
  dataset: string;
  phase: 'download' | 'decode';
  loaded: number;
  total: number;
}

export interface RunData {
  status: RunStatus;
  message: string;
  error: string | null;
  dataProgress: DataProgress | null;
  /** The results document as it grows: rounds are appended as they finish. */
  document: ResultsDocument | null;
  /** Learning curves of runs in progress and finished, keyed by curveKey(round, arm, seedIndex). */
  curves: Record<string, CurvePoint[]>;
  /** The first seed's weight and mask snapshots (the weight and mask panels draw that seed), within a memory budget. */
  snapshots: SnapshotStore;
  /** High-rate: read it with a selector in the few components that show it. */
  progress: Progress | null;
  /** True when the document was imported from a file rather than run here. */
  imported: boolean;
  /** The saved run (src/storage/) these results are saved in, or null (imported, not saved). */
  savedRunId: string | null;
  /** The fault that stopped the run (a lost GPU, memory, a crashed worker): the page offers to resume. */
  fault: Fault | null;
}

export interface MeasuredSpeed {
  /** speedKey (src/config/speed-key.ts) of the config measured. */
  key: string;
  samplesPerSecond: number;
  backend: string;
}

export interface RunSlice extends RunData {
  /** This machine's measured training speed for a config (kept across runs and resets). */
  measuredSpeed: MeasuredSpeed | null;
  applyEvent: (event: EngineEvent) => void;
  loadDocument: (document: ResultsDocument) => void;
  /** A saved run's results, curves and snapshots, drawn as a run of this page (not an import). */
  loadSavedRun: (id: string, run: { document: ResultsDocument; curves: Record<string, CurvePoint[]>; snapshots: SnapshotStore }) => void;
  clearRun: () => void;
  /** Saved runs ticked in the Runs list for comparison; kept across runs. */
  pickedRunIds: string[];
  setPickedRunIds: (ids: string[]) => void;
}

/** Every seed's curves stream; the first seed's keep the short key the panels read. */
export const curveKey = (round: number, arm: Arm, seedIndex = 0) => (seedIndex ? `${seedIndex}:${round}/${arm}` : `${round}/${arm}`);

export const EMPTY_RUN: RunData = {
  status: 'idle',
  message: '',
  error: null,
  dataProgress: null,
  document: null,
  curves: {},
  snapshots: EMPTY_SNAPSHOTS,
  progress: null,
  imported: false,
  fault: null,
  savedRunId: null,
};

/** How one engine event changes the run's data. Pure, so it is tested without a worker. */
export function reduceRun(state: RunData, event: EngineEvent): Partial<RunData> {
  switch (event.type) {
    case 'status':
      return { message: event.message, status: state.status === 'idle' ? 'starting' : state.status };
    case 'data-progress':
      return { dataProgress: { dataset: event.dataset, phase: event.phase, loaded: event.loaded, total: event.total } };
    case 'started':
      return { document: event.document, status: 'running', message: '', dataProgress: null, imported: false, fault: null, error: null };
    case 'progress':
      return { progress: event.progress };
    case 'curve': {
      const key = curveKey(event.round, event.arm, event.seedIndex);
      return { curves: { ...state.curves, [key]: [...(state.curves[key] ?? []), event.point] } };
    }
    case 'arm':
    case 'speed': // kept by the slice itself, outside the run's data
    case 'resume-point': // saved runs (src/storage/) keep it; the page's state does not need it
      return {};
    case 'round': {
      const doc = state.document;
      if (!doc) return {};
      if (event.seedIndex === 0) return { document: { ...doc, rounds: [...doc.rounds, event.result] } };
      const extra = [...doc.extraSeeds];
      const i = event.seedIndex - 1;
      const seed = (doc.config.seed + event.seedIndex) % 2 ** 31;
      extra[i] = { seed, rounds: [...(extra[i]?.rounds ?? []), event.result] };
      return { document: { ...doc, extraSeeds: extra } };
    }
    case 'supermask-point': {
      const doc = state.document;
      if (!doc) return {};
      const prev = doc.supermask;
      const curve = [...(prev?.curve ?? []), event.point];
      const layers = prev?.layers ?? [];
      return { document: { ...doc, supermask: { testAccuracy: event.point.testAccuracy, density: event.point.density, curve, layers, seconds: prev?.seconds ?? 0 } } };
    }
    case 'start-weights':
      return event.seedIndex === 0 ? { snapshots: { ...state.snapshots, start: event.layers } } : {};
    case 'snapshot':
      return event.seedIndex === 0 ? { snapshots: addRound(state.snapshots, event.round, event.layers) } : {};
    case 'fault': {
      // A crashed worker sends no 'done': the run ends here, with the rounds it finished.
      if (event.fault.kind !== 'crash') return { fault: event.fault };
      const doc = state.document && { ...state.document, status: 'failed' as const, error: event.fault.message };
      return { fault: event.fault, status: 'failed', error: event.fault.message, document: doc, progress: null };
    }
    case 'paused':
      return { status: 'paused' };
    case 'resumed':
      return { status: 'running' };
    case 'done':
      return {
        document: event.document,
        status: event.document.status === 'running' ? 'complete' : event.document.status,
        error: event.document.error ?? null,
      };
    case 'error':
      return { status: 'failed', error: event.message };
  }
}

export const createRunSlice: StateCreator<LabState, [], [], RunSlice> = (set) => ({
  ...EMPTY_RUN,
  measuredSpeed: null,
  applyEvent: (event) =>
    set((s) => (event.type === 'speed' ? { measuredSpeed: { key: event.key, samplesPerSecond: event.samplesPerSecond, backend: event.backend } } : reduceRun(s, event))),
  loadDocument: (document) => {
    const curves: Record<string, CurvePoint[]> = {};
    for (const r of document.rounds)
      for (const arm of configArms(document.config)) {
        const result = armResultOf(r, arm);
        if (result) curves[curveKey(r.round, arm)] = result.curve;
      }
    set({ ...EMPTY_RUN, document, curves, status: document.status === 'running' ? 'stopped' : document.status, imported: true });
  },
  loadSavedRun: (id, { document, curves, snapshots }) =>
    set({ ...EMPTY_RUN, document, curves, snapshots, status: document.status === 'running' ? 'stopped' : document.status, error: document.error ?? null, savedRunId: id }),
  clearRun: () => set(EMPTY_RUN),
  pickedRunIds: [],
  setPickedRunIds: (ids) => set({ pickedRunIds: [...new Set(ids)] }),
});
