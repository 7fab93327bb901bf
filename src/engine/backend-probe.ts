// The measured automatic backend choice: a few training steps on each usable backend, inside a
// time budget, pick the fastest. The measurement itself is a callback (the runner supplies the
// engine's training step), so this module knows nothing of tfjs or of training. The result is
// cached per browser (IndexedDB where there is one: the engine's worker has no localStorage).

/** One backend's figure from a probe. */
export interface ProbeFigure {
  backend: string;
  /** How it ran, e.g. "WASM (threads ×2)" or "WebGPU (software adapter)". */
  label: string;
  /** Training examples per second; null when it did not start, failed or was not measured. */
  samplesPerSecond: number | null;
  /** Why there is no figure. */
  note?: string;
}

export interface ProbeResult {
  winner: string;
  figures: ProbeFigure[];
  /** Wall time of the measurement in ms (of the original one when this came from the cache). */
  ms: number;
  /** When it was measured (ms since the epoch). */
  measuredAt: number;
  fromCache: boolean;
}

/** What a measure callback returns: samples/s, optionally with how the backend ran. */
export type Measurement = number | { samplesPerSecond: number; label?: string };

/**
 * Trains on `backend` for about `sliceMs` (it may overrun by one step, never more) and returns
 * the training examples per second. Throws when the backend cannot start or train.
 */
export type Measure = (backend: string, sliceMs: number) => Promise<Measurement>;

export interface ProbeCache {
  get(key: string): Promise<ProbeResult | undefined>;
  set(key: string, value: ProbeResult): Promise<void>;
}

export interface ProbeOptions {
  /** 'auto' measures; any other value is an explicit choice and wins without a measurement. */
  choice?: string;
  /** The whole probe's budget, backend start-up included. */
  budgetMs?: number;
  /** A slice shorter than this is not worth measuring: "not measured: out of time". */
  minSliceMs?: number;
  /** No backend measures longer than this (a lone candidate needs no 2.5 s to show a figure). */
  maxSliceMs?: number;
  cache?: ProbeCache;
  /** What the cache entry is for (model, batch, browser, adapter…); no key, no caching. */
  key?: string;
  /** Entries older than this are measured again. */
  maxAgeMs?: number;
  /** Measure even when the cache has a fresh entry (e.g. its winner no longer starts). */
  refresh?: boolean;
  /** Display names for the figures before a measurement says more. */
  label?: (backend: string) => string;
  /**
   * Starts a candidate before any is measured (its start-up time is spent from the budget, not
   * from its slice) and returns how it runs ("WASM (threads ×2)"); throws when it is unusable.
   */
  start?: (backend: string) => Promise<string | undefined>;
  /** A candidate's share of the measuring time relative to the others' (default 1). */
  weight?: (backend: string) => number;
  /** Monotonic clock in ms (tests pass a fake one). */
  now?: () => number;
  /** Wall clock for measuredAt. */
  wallClock?: () => number;
}

/** Thrown by a `start` hook for a candidate that is left out on purpose; `label` says how it runs. */
export class NotMeasured extends Error {
  constructor(message: string, readonly label?: string) {
    super(message);
  }
}

export const PROBE_BUDGET_MS = 2500;
export const PROBE_MIN_SLICE_MS = 150;
export const PROBE_MAX_SLICE_MS = 1200;
export const PROBE_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

/**
 * Picks a backend. An explicit `choice` wins at once. Otherwise a fresh cache entry for `key`
 * (whose winner is still a candidate) is used, or every candidate is started (`start`), then each
 * one that started gets its share (`weight`) of what is left of the budget and `measure` reports
 * its samples/s; the fastest wins (the earlier candidate on a tie). A slice shorter than
 * `minSliceMs` is not run. Throws when no candidate could be measured.
 */
export async function probeBackends(candidates: readonly string[], measure: Measure, opts: ProbeOptions = {}): Promise<ProbeResult> {
  const now = opts.now ?? (() => performance.now());
  const wallClock = opts.wallClock ?? (() => Date.now());
  const labelOf = opts.label ?? ((b: string) => b);
  if (opts.choice && opts.choice !== 'auto') {
    return { winner: opts.choice, figures: [], ms: 0, measuredAt: wallClock(), fromCache: false };
  }
  if (candidates.length === 0) throw new Error('no backend to measure');
  if (opts.cache && opts.key && !opts.refresh) {
    const hit = await opts.cache.get(opts.key).catch(() => undefined);
    const maxAge = opts.maxAgeMs ?? PROBE_MAX_AGE_MS;
    if (hit && candidates.includes(hit.winner) && wallClock() - hit.measuredAt <= maxAge && wallClock() >= hit.measuredAt) {
      return { ...hit, fromCache: true };
    }
  }

  const budget = opts.budgetMs ?? PROBE_BUDGET_MS;
  const minSlice = opts.minSliceMs ?? PROBE_MIN_SLICE_MS;
  const weight = (b: string) => Math.max(0, opts.weight?.(b) ?? 1);
  const started = now();
  const figures: ProbeFigure[] = candidates.map((backend) => ({ backend, label: labelOf(backend), samplesPerSecond: null }));
  const fail = (f: ProbeFigure, e: unknown) => (f.note = e instanceof Error ? e.message : String(e));
  // 1. Start each candidate: what does not start drops out, and the others say how they run.
  let usable = figures;
  if (opts.start) {
    usable = [];
    for (const f of figures) {
      if (now() - started >= budget) {
        f.note = 'not measured: out of time';
        continue;
      }
      try {
        f.label = (await opts.start(f.backend)) ?? f.label;
        usable.push(f);
      } catch (e) {
        if (e instanceof NotMeasured && e.label) f.label = e.label;
        fail(f, e);
      }
    }
  }
  // 2. Measure each usable one for its share of what is left of the budget.
  for (let i = 0; i < usable.length; i++) {
    const f = usable[i];
    const share = weight(f.backend) / usable.slice(i).reduce((sum, g) => sum + weight(g.backend), 0);
    const slice = Math.min(opts.maxSliceMs ?? PROBE_MAX_SLICE_MS, (budget - (now() - started)) * (Number.isFinite(share) ? share : 0));
    if (!(slice >= minSlice)) {
      f.note = 'not measured: out of time';
      continue;
    }
    try {
      const m = await measure(f.backend, slice);
      const sps = typeof m === 'number' ? m : m.samplesPerSecond;
      if (typeof m !== 'number' && m.label) f.label = m.label;
      if (Number.isFinite(sps) && sps > 0) f.samplesPerSecond = sps;
      else f.note = `no figure (${sps})`;
    } catch (e) {
      fail(f, e);
    }
  }
  let best: ProbeFigure | null = null;
  for (const f of figures) if (f.samplesPerSecond !== null && (!best || f.samplesPerSecond > best.samplesPerSecond!)) best = f;
  if (!best) throw new Error(`no backend could be measured: ${formatFigures(figures)}`);
  const result: ProbeResult = { winner: best.backend, figures, ms: Math.round(now() - started), measuredAt: wallClock(), fromCache: false };
  if (opts.cache && opts.key) await opts.cache.set(opts.key, result).catch(() => undefined);
  return result;
}

/** "WASM (threads ×2): 11,200 samples/s; WebGPU (software adapter): 240 samples/s", fastest first. */
export function formatFigures(figures: readonly ProbeFigure[]): string {
  const sorted = [...figures].sort((a, b) => (b.samplesPerSecond ?? -1) - (a.samplesPerSecond ?? -1));
  return sorted.map(formatFigure).join('; ');
}

export function formatFigure(f: ProbeFigure): string {
  return `${f.label}: ${f.samplesPerSecond !== null ? `${Math.round(f.samplesPerSecond).toLocaleString('en-US')} samples/s` : (f.note ?? 'no figure')}`;
}

/** What a timed training step hands back: its loss, read asynchronously (never dataSync). */
export interface StepResult {
  data(): Promise<unknown>;
  dispose(): void;
}

export interface TimeStepsOptions {
  /** Untimed steps first (shader compilation, buffer allocation). Default 2. */
  warmup?: number;
  /** Monotonic clock in ms (tests pass a fake one). */
  now?: () => number;
}

/**
 * Times `step` (one training step on `batch` examples) for about `sliceMs`: warm-up steps, then
 * timed ones until the slice is spent, reading the result with `await data()` after 1, 2, 4…
 * steps so a GPU queue stays short but is not synced after every step. Returns samples per
 * second; when the warm-up alone spends the slice, the warm-up's own rate (pessimistic).
 */
export async function timeSteps(step: () => StepResult, batch: number, sliceMs: number, opts: TimeStepsOptions = {}): Promise<number> {
  const now = opts.now ?? (() => performance.now());
  const t0 = now();
  const warmup = opts.warmup ?? 2;
  for (let i = 0; i < warmup; i++) {
    const r = step();
    try {
      await r.data();
    } finally {
      r.dispose();
    }
    const spent = now() - t0;
    if (spent >= sliceMs) return ((i + 1) * batch * 1000) / Math.max(1e-3, spent);
  }
  const timedFrom = now();
  let steps = 0;
  let chunk = 1;
  let elapsed = 0;
  while (true) {
    let last: StepResult | null = null;
    for (let i = 0; i < chunk; i++) {
      last?.dispose();
      last = step();
    }
    try {
      await last!.data();
    } finally {
      last!.dispose();
    }
    steps += chunk;
    elapsed = now() - timedFrom;
    const perStep = elapsed / steps;
    const left = sliceMs - (now() - t0);
    if (left <= perStep) break;
    // Grow the chunk while the time left holds at least twice as many steps.
    chunk = Math.max(1, Math.min(chunk * 2, Math.floor(left / perStep / 2)));
  }
  return (steps * batch * 1000) / Math.max(1e-3, elapsed);
}

// ---------------------------------------------------------------------------------------------
// Caches

/** A cache that lives as long as the module (Node, tests, or a browser without IndexedDB). */
export function memoryProbeCache(): ProbeCache {
  const map = new Map<string, ProbeResult>();
  return {
    get: async (key) => (map.has(key) ? structuredClone(map.get(key)!) : undefined),
    set: async (key, value) => void map.set(key, structuredClone(value)),
  };
}

const DB_NAME = 'ticket-lab';
const STORE = 'backend-probe';

/** The browser's IndexedDB (one object store of probe results by key), or null where there is none. */
export function indexedDbProbeCache(): ProbeCache | null {
  const idb = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!idb) return null;
  let db: Promise<IDBDatabase> | null = null;
  const open = () =>
    (db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = idb.open(DB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('IndexedDB blocked'));
    }));
  const run = async <T>(mode: IDBTransactionMode, body: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const store = (await open()).transaction(STORE, mode).objectStore(STORE);
    return new Promise<T>((resolve, reject) => {
      const req = body(store);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  };
  return {
    get: (key) => run('readonly', (s) => s.get(key) as IDBRequest<ProbeResult | undefined>),
    set: async (key, value) => void (await run('readwrite', (s) => s.put(value, key))),
  };
}

let shared: ProbeCache | null = null;

/** IndexedDB where there is one, else a per-process memory cache. */
export function defaultProbeCache(): ProbeCache {
  return (shared ??= indexedDbProbeCache() ?? memoryProbeCache());
}
