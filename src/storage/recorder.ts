// Saves the run in progress as it goes. record() is called with every engine event, in the page's
// event handler, so it only updates memory and marks which parts changed; writes happen after the
// handler returns, one transaction at a time, each carrying whatever changed meanwhile (a round's
// results, snapshot and resume point coalesce into one write). A failed write (storage full) stops
// saving that run and says so; the run itself goes on.
import { runName } from '../analysis/run-name';
import type { CurvePoint, EngineEvent, ResultsDocument, RoundSnapshotLayer, StartLayer } from '../engine/events';
import { resumePointBytes, type ResumePoint } from '../engine/resume';
import { reduceRun, EMPTY_RUN } from '../state/run-slice';
import { isQuotaError, SAVED_WEIGHT_BUDGET_BYTES, writeRun, type PartName, type SavedLayer, type SavedRun, type SavedRunMeta } from './runs-db';

export const QUOTA_MESSAGE = 'Browser storage is full: this run is no longer being saved. Delete saved runs to make room.';
export const writeFailedMessage = (reason: string) => `This run is no longer being saved: ${reason}`;

export interface RecorderHooks {
  /** A new saved run began (its id), at the engine's 'started'. */
  onRunId?: (id: string) => void;
  /** After each write: the meta as saved. */
  onWritten?: (meta: SavedRunMeta) => void;
  /** Saving this run stopped (storage full or another failure), in plain words. */
  onProblem?: (message: string, runId: string) => void;
}

export interface RecorderOptions {
  write?: typeof writeRun;
  /** When a write runs: after the event handler (a macrotask), so the page never waits on storage. */
  schedule?: (fn: () => void) => void;
  newId?: () => string;
  now?: () => Date;
}

interface Recording {
  meta: SavedRunMeta;
  document: ResultsDocument | null;
  curves: Record<string, CurvePoint[]>;
  start: StartLayer[] | null;
  /**
   * Rounds' masks and trained weights still in memory: those whose weights are kept (they may have
   * to be written again without them) and those waiting for a write. The rest is let go.
   */
  rounds: Map<number, SavedLayer[]>;
  /** The newest round's next mask (a round's next mask is otherwise the next round's mask). */
  nextMask: Uint8Array[] | null;
  resume: ResumePoint | null;
  /** Parts changed since the last write; curve rounds wait for their round to end. */
  dirty: Set<PartName>;
  curveRounds: Set<number>;
  /** Approximate bytes of every part written, for meta.bytes. */
  partBytes: Map<PartName, number>;
  failed: boolean;
  /** 'done' was seen: the record lets go of its arrays once written. */
  finished: boolean;
}

// The round of a curve key (run-slice.ts curveKey: `round/arm` or `seed:round/arm`).
const curveRound = (key: string) => Number(key.replace(/^\d+:/, '').split('/')[0]);

/** About the bytes a value takes in storage: typed arrays by length, the rest by its JSON size. */
export function approxBytes(value: unknown): number {
  if (value == null) return 0;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (typeof value === 'string') return value.length;
  if (typeof value !== 'object') return 8;
  let n = 0;
  if (Array.isArray(value)) for (const v of value) n += approxBytes(v);
  else for (const [k, v] of Object.entries(value)) n += k.length + approxBytes(v);
  return n;
}

const randomId = () => (typeof crypto !== 'undefined' && crypto.randomUUID ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`);

export class RunRecorder {
  private current: Recording | null = null;
  private continuing: Recording | null = null;
  /** Recordings with changes not yet written (a finished run's last write may still be pending when the next begins). */
  private unsaved = new Set<Recording>();
  private writing: Promise<void> | null = null;
  private scheduled = false;
  private readonly write: typeof writeRun;
  private readonly schedule: (fn: () => void) => void;
  private readonly newId: () => string;
  private readonly now: () => Date;

  constructor(
    private hooks: RecorderHooks = {},
    options: RecorderOptions = {},
  ) {
    this.write = options.write ?? writeRun;
    this.schedule = options.schedule ?? ((fn) => setTimeout(fn, 0));
    this.newId = options.newId ?? randomId;
    this.now = options.now ?? (() => new Date());
  }

  /** The saved run the latest engine run writes to (null before the first 'started'). */
  get runId(): string | null {
    return this.current?.meta.id ?? null;
  }

  /** Whether the run with this id is still being saved (false once a write failed). */
  isSaving(id: string): boolean {
    return this.current?.meta.id === id ? !this.current.failed : true;
  }

  /**
   * The next 'started' goes on in this saved run (a resume): its finished rounds stay, later ones
   * are added to it.
   */
  continueRun(saved: SavedRun, point: ResumePoint): void {
    const partBytes = new Map<PartName, number>([
      ['document', approxBytes(saved.document)],
      ['start', approxBytes(saved.snapshots.start)],
      ['resume', resumePointBytes(point)],
    ]);
    const rounds = new Map<number, SavedLayer[]>();
    for (const [r, layers] of Object.entries(saved.snapshots.rounds)) {
      const stored = layers.map(({ nextMask: _next, ...layer }) => layer);
      partBytes.set(`round:${Number(r)}`, approxBytes(stored));
      if (stored.some((l) => l.final)) rounds.set(Number(r), stored);
    }
    const curveRounds = new Set(Object.keys(saved.curves).map(curveRound));
    for (const r of curveRounds) partBytes.set(`curves:${r}`, approxBytes(Object.entries(saved.curves).filter(([k]) => curveRound(k) === r)));
    this.continuing = {
      meta: saved.meta,
      document: saved.document,
      curves: { ...saved.curves },
      start: saved.snapshots.start,
      rounds,
      nextMask: null,
      resume: point,
      dirty: new Set(),
      curveRounds: new Set(),
      partBytes,
      failed: false,
      finished: false,
    };
  }

  /** A fresh run is about to start: a resume prepared earlier (whose engine never started) no longer applies. */
  startFresh(): void {
    this.continuing = null;
  }

  /** Takes one engine event; never throws, never waits. */
  record(event: EngineEvent): void {
    try {
      this.apply(event);
    } catch (e) {
      // A bug here must not stop the run: saving stops instead, and says why.
      const run = this.current;
      if (run && !run.failed) this.fail(run, writeFailedMessage((e as Error).message ?? String(e)));
    }
  }

  private apply(event: EngineEvent): void {
    if (event.type === 'started') return this.begin(event.document);
    // The engine refused to start (a resume it cannot go on with): the next run is a fresh one.
    if (event.type === 'error') this.continuing = null;
    const run = this.current;
    if (!run || run.failed || run.finished) return;
    switch (event.type) {
      case 'curve': {
        const key = event.seedIndex ? `${event.seedIndex}:${event.round}/${event.arm}` : `${event.round}/${event.arm}`;
        (run.curves[key] ??= []).push(event.point);
        run.curveRounds.add(event.round);
        return;
      }
      case 'round':
      case 'supermask-point':
        run.document = reduceRun({ ...EMPTY_RUN, document: run.document }, event).document ?? run.document;
        if (event.type === 'supermask-point') return; // written at 'done' with the rest
        run.dirty.add('document');
        run.dirty.add(`curves:${event.result.round}`);
        run.curveRounds.delete(event.result.round);
        break;
      case 'start-weights':
        if (event.seedIndex !== 0) return;
        run.start = event.layers;
        run.dirty.add('start');
        break;
      case 'snapshot':
        if (event.seedIndex !== 0) return;
        this.addSnapshot(run, event.round, event.layers);
        break;
      case 'resume-point':
        run.resume = event.point;
        run.dirty.add('resume');
        break;
      case 'done':
        run.document = event.document;
        run.meta.status = event.document.status === 'running' ? 'complete' : event.document.status;
        run.dirty.add('document');
        for (const r of run.curveRounds) run.dirty.add(`curves:${r}`);
        run.curveRounds.clear();
        // A complete run has nothing left to resume: its resume point goes.
        if (run.meta.status === 'complete' && run.resume) {
          run.resume = null;
          run.dirty.add('resume');
        }
        run.finished = true;
        break;
      case 'error':
        run.meta.status = 'failed';
        run.finished = true;
        break;
      default:
        return; // progress, status, pauses: nothing to save
    }
    this.requestWrite(run);
  }

  private begin(document: ResultsDocument): void {
    const continuing = this.continuing;
    this.continuing = null;
    const now = this.now().toISOString();
    const run: Recording = continuing ?? {
      meta: {
        id: this.newId(),
        name: runName(document.config),
        customName: false,
        createdAt: now,
        updatedAt: now,
        status: 'running',
        query: document.query,
        roundsDone: 0,
        remaining: null,
        ticketAccuracy: null,
        resumable: false,
        resumeRound: null,
        weightRounds: 0,
        bytes: 0,
      },
      document,
      curves: {},
      start: null,
      rounds: new Map(),
      nextMask: null,
      resume: null,
      dirty: new Set(),
      curveRounds: new Set(),
      partBytes: new Map(),
      failed: false,
      finished: false,
    };
    run.document = document;
    run.meta = { ...run.meta, status: 'running', query: document.query };
    run.dirty.add('document');
    this.current = run;
    this.hooks.onRunId?.(run.meta.id);
    this.requestWrite(run);
  }

  /** After a rename in the Runs list: later writes keep the new name. */
  renamed(id: string, name: string): void {
    for (const run of [this.current, this.continuing]) if (run?.meta.id === id) run.meta = { ...run.meta, name, customName: true };
  }

  /** After a delete: nothing more is written for this run (it would come back otherwise). */
  forget(id: string): void {
    for (const run of [this.current, this.continuing])
      if (run?.meta.id === id) {
        run.failed = true;
        run.dirty.clear();
      }
  }

  private requestWrite(run: Recording): void {
    this.unsaved.add(run);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      void this.drain();
    });
  }

  /** Writes what changed, again and again until nothing is left; one write in flight at a time. */
  private drain(): Promise<void> {
    if (this.writing) return this.writing;
    const loop = async () => {
      for (const run of this.unsaved) {
        if (!run.failed && run.dirty.size > 0) await this.writeOnce(run);
        // A set visits what is added while it is iterated: a run changed during its write comes round again.
        this.unsaved.delete(run);
        if (!run.failed && run.dirty.size > 0) this.unsaved.add(run);
      }
    };
    this.writing = loop().finally(() => (this.writing = null));
    return this.writing;
  }

  /** Resolves once everything recorded so far is written (or saving failed). */
  async flush(): Promise<void> {
    while (this.writing || this.unsaved.size > 0) await this.drain();
  }

  private async writeOnce(run: Recording): Promise<void> {
    const parts = new Map<PartName, unknown>();
    for (const name of run.dirty) parts.set(name, this.valueOf(run, name));
    run.dirty.clear();
    for (const [name, value] of parts) run.partBytes.set(name, approxBytes(value));
    const meta = this.metaOf(run);
    try {
      await this.write(meta, parts);
    } catch (e) {
      return this.fail(run, isQuotaError(e) ? QUOTA_MESSAGE : writeFailedMessage((e as Error)?.message ?? String(e)));
    }
    // run.meta is not replaced by what was written: events during the write (a status) stay.
    run.meta.weightRounds = meta.weightRounds;
    // Rounds written without weights are not needed again.
    for (const name of parts.keys()) {
      const round = name.startsWith('round:') ? Number(name.slice('round:'.length)) : null;
      if (round !== null && !run.dirty.has(name) && !run.rounds.get(round)?.some((l) => l.final)) run.rounds.delete(round);
    }
    // A finished run's arrays live on in the page's store; the record lets go of its references.
    if (run.finished && run.dirty.size === 0) {
      run.rounds.clear();
      run.start = null;
      run.nextMask = null;
      run.curves = {};
      run.resume = null;
    }
    this.hooks.onWritten?.(meta);
  }

  /**
   * A round's masks and trained weights, without its next mask (the next round's mask is it);
   * then the oldest rounds' weights go until the rest fit the budget (the newest always keeps its).
   */
  private addSnapshot(run: Recording, round: number, layers: RoundSnapshotLayer[]): void {
    run.rounds.set(round, layers.map(({ nextMask: _next, ...layer }) => layer));
    run.dirty.add(`round:${round}`);
    run.nextMask = layers.every((l) => l.nextMask) ? layers.map((l) => l.nextMask!) : null;
    run.dirty.add('next-mask');
    let bytes = 0;
    for (const r of [...run.rounds.keys()].sort((a, b) => b - a)) {
      const kept = run.rounds.get(r)!;
      bytes += kept.reduce((n, l) => n + (l.final?.byteLength ?? 0), 0);
      if (r === round || bytes <= SAVED_WEIGHT_BUDGET_BYTES || !kept.some((l) => l.final)) continue;
      run.rounds.set(r, kept.map(({ final: _dropped, ...layer }) => layer));
      run.dirty.add(`round:${r}`);
    }
  }

  private fail(run: Recording, message: string): void {
    run.failed = true;
    run.dirty.clear();
    this.hooks.onProblem?.(message, run.meta.id);
  }

  private valueOf(run: Recording, name: PartName): unknown {
    if (name === 'document') return run.document;
    if (name === 'start') return run.start ?? undefined;
    if (name === 'next-mask') return run.nextMask ?? undefined;
    if (name === 'resume') return run.resume ?? undefined;
    const [kind, n] = name.split(':');
    const round = Number(n);
    if (kind === 'round') return run.rounds.get(round);
    return Object.fromEntries(Object.entries(run.curves).filter(([k]) => curveRound(k) === round));
  }

  private metaOf(run: Recording): SavedRunMeta {
    const doc = run.document;
    const last = doc?.rounds.at(-1);
    const supermask = doc?.supermask;
    const bytes = [...run.partBytes.values()].reduce((a, b) => a + b, 0);
    return {
      ...run.meta,
      // Its name follows the config until someone renames it.
      name: run.meta.customName || !doc ? run.meta.name : runName(doc.config),
      updatedAt: this.now().toISOString(),
      roundsDone: doc?.rounds.length ?? 0,
      remaining: last?.remaining ?? supermask?.density ?? null,
      ticketAccuracy: last?.ticket.testAccuracy ?? supermask?.testAccuracy ?? null,
      resumable: run.resume !== null && run.meta.status !== 'complete',
      resumeRound: run.resume && run.meta.status !== 'complete' ? run.resume.round : null,
      weightRounds: [...run.rounds.values()].filter((layers) => layers.some((l) => l.final)).length || run.meta.weightRounds,
      bytes,
    };
  }
}
