// Saved runs in IndexedDB (through idb). Two object stores: `runs` holds each run's small meta
// record (what the Runs list shows), `parts` holds its pieces under [runId, part] keys, so the
// recorder rewrites only what changed (one round's snapshot, the newest resume point) and the list
// never reads weights. Parts: 'document', 'start' (θ0 and rewind values), 'round:<n>' (masks and
// kept trained weights), 'next-mask' (the newest round's next mask), 'curves:<n>' (every seed's
// learning curves of round n), 'resume'.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CurvePoint, ResultsDocument, RoundSnapshotLayer, StartLayer } from '../engine/events';
import type { ResumePoint } from '../engine/resume';
import { addRound, EMPTY_SNAPSHOTS, MASK_BUDGET_BYTES, type SnapshotStore, type StoredLayer } from '../state/snapshots';

export type SavedRunStatus = 'running' | 'complete' | 'stopped' | 'failed';

export interface SavedRunMeta {
  id: string;
  name: string;
  /** True once someone renamed it: its name then no longer follows the config. */
  customName: boolean;
  /** ISO times. */
  createdAt: string;
  updatedAt: string;
  /** As last saved: 'running' with no live run means the page was closed or reloaded mid-run (interrupted). */
  status: SavedRunStatus;
  /** encodeConfig(config): the run's link. */
  query: string;
  /** Finished rounds of the first seed. */
  roundsDone: number;
  /** Fraction of prunable weights the last finished round kept (null before round 0 ends). */
  remaining: number | null;
  /** The last finished round's ticket test accuracy (a supermask: its accuracy). */
  ticketAccuracy: number | null;
  /** A resume point is saved: the run can go on from its last finished round. */
  resumable: boolean;
  /** The last finished round a resume goes on from (null when not resumable). */
  resumeRound: number | null;
  /** Rounds whose trained weights are kept (the newest ones, within SAVED_WEIGHT_BUDGET_BYTES). */
  weightRounds: number;
  /** About what the run takes in storage. */
  bytes: number;
}

export interface SavedRun {
  meta: SavedRunMeta;
  document: ResultsDocument;
  curves: Record<string, CurvePoint[]>;
  snapshots: SnapshotStore;
}

/** Trained weights kept per saved run: the newest rounds' that fit (masks, θ0 and rewind values are always kept). */
export const SAVED_WEIGHT_BUDGET_BYTES = 64 * 2 ** 20;

export type PartName = 'document' | 'start' | 'resume' | 'next-mask' | `round:${number}` | `curves:${number}`;

/** A round's layer as saved: its mask and, within the budget, its trained weights (no next mask: the next round's mask is it). */
export type SavedLayer = Omit<StoredLayer, 'nextMask'>;
export type PartKey = [string, string];

interface RunsSchema extends DBSchema {
  runs: { key: string; value: SavedRunMeta };
  parts: { key: PartKey; value: unknown };
}

export const DB_NAME = 'ticket-lab-runs';
let opened: Promise<IDBPDatabase<RunsSchema>> | null = null;

/** False where the page has no IndexedDB (Node without fake-indexeddb, some private modes). */
export const storageAvailable = () => typeof indexedDB !== 'undefined';

function db(): Promise<IDBPDatabase<RunsSchema>> {
  opened ??= openDB<RunsSchema>(DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore('runs', { keyPath: 'id' });
      database.createObjectStore('parts');
    },
    // Another tab upgrading later: let it, and open again next time.
    blocking() {
      void opened?.then((d) => d.close());
      opened = null;
    },
  });
  return opened;
}

/** Closes the connection (tests delete the database between cases). */
export async function closeRunsDb(): Promise<void> {
  const d = opened;
  opened = null;
  if (d) (await d).close();
}

// Every part of one run: arrays sort after strings, so [id, []] bounds all [id, '…'] keys.
const allParts = (id: string) => IDBKeyRange.bound([id], [id, []]);
const partsStarting = (id: string, prefix: string) => IDBKeyRange.bound([id, prefix], [id, `${prefix}\uffff`]);

/** Newest first. */
export async function listRuns(): Promise<SavedRunMeta[]> {
  const runs = await (await db()).getAll('runs');
  return runs.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

export async function getRunMeta(id: string): Promise<SavedRunMeta | null> {
  return (await (await db()).get('runs', id)) ?? null;
}

const roundOf = (key: PartKey) => Number(key[1].slice(key[1].indexOf(':') + 1));

const maskBytes = (layers: SavedLayer[]) => layers.reduce((n, l) => n + l.mask.byteLength, 0);

/**
 * A run as the panels draw it, within the page's memory budgets (state/snapshots.ts): the newest
 * rounds' masks that fit are read, older ones are named as dropped. The resume point (the largest
 * part) is left out: loadResumePoint.
 */
export async function loadRun(id: string): Promise<SavedRun | null> {
  const tx = (await db()).transaction(['runs', 'parts']);
  const parts = tx.objectStore('parts');
  const [meta, document, start, nextMask, roundKeys, curveValues] = await Promise.all([
    tx.objectStore('runs').get(id),
    parts.get([id, 'document']) as Promise<ResultsDocument | undefined>,
    parts.get([id, 'start']) as Promise<StartLayer[] | undefined>,
    parts.get([id, 'next-mask']) as Promise<Uint8Array[] | undefined>,
    parts.getAllKeys(partsStarting(id, 'round:')),
    parts.getAll(partsStarting(id, 'curves:')) as Promise<Record<string, CurvePoint[]>[]>,
  ]);
  const newestFirst = roundKeys.map(roundOf).sort((a, b) => b - a);
  const rounds = new Map<number, SavedLayer[]>();
  let bytes = 0;
  for (const r of newestFirst) {
    if (bytes > MASK_BUDGET_BYTES) break;
    const layers = (await parts.get([id, `round:${r}`])) as SavedLayer[];
    rounds.set(r, layers);
    bytes += maskBytes(layers);
  }
  await tx.done;
  if (!meta || !document) return null;
  // Oldest first through the page's own bookkeeping: each round's next mask is the next round's mask.
  let snapshots: SnapshotStore = { ...EMPTY_SNAPSHOTS, start: start ?? null, masksDropped: newestFirst.filter((r) => !rounds.has(r)).reverse() };
  const newest = newestFirst[0];
  for (const r of [...rounds.keys()].reverse()) {
    const layers = rounds.get(r)!.map((l, i) => (r === newest && nextMask ? { ...l, nextMask: nextMask[i] } : l));
    snapshots = addRound(snapshots, r, layers as RoundSnapshotLayer[]);
  }
  const withoutWeights = [...rounds.keys()].filter((r) => !rounds.get(r)!.some((l) => l.final));
  snapshots.dropped = [...new Set([...snapshots.dropped, ...withoutWeights])].sort((a, b) => a - b);
  return { meta, document, curves: Object.assign({}, ...curveValues), snapshots };
}

/** Only the results document (an export), without reading curves or snapshots. */
export async function loadRunDocument(id: string): Promise<ResultsDocument | null> {
  return ((await (await db()).get('parts', [id, 'document'])) as ResultsDocument | undefined) ?? null;
}

export async function loadResumePoint(id: string): Promise<ResumePoint | null> {
  return ((await (await db()).get('parts', [id, 'resume'])) as ResumePoint | undefined) ?? null;
}

/** Writes a run's meta and some of its parts in one transaction; an `undefined` part is deleted. */
export async function writeRun(meta: SavedRunMeta, parts: Map<PartName, unknown>): Promise<void> {
  const tx = (await db()).transaction(['runs', 'parts'], 'readwrite');
  const store = tx.objectStore('parts');
  const writes: Promise<unknown>[] = [tx.objectStore('runs').put(meta)];
  for (const [name, value] of parts) writes.push(value === undefined ? store.delete([meta.id, name]) : store.put(value, [meta.id, name]));
  // tx.done rejects with the transaction's error (QuotaExceededError when storage is full).
  await Promise.all([...writes, tx.done]);
}

export async function renameRun(id: string, name: string): Promise<void> {
  const tx = (await db()).transaction('runs', 'readwrite');
  const meta = await tx.store.get(id);
  if (meta) await tx.store.put({ ...meta, name, customName: true, updatedAt: new Date().toISOString() });
  await tx.done;
}

export async function deleteRun(id: string): Promise<void> {
  const tx = (await db()).transaction(['runs', 'parts'], 'readwrite');
  await Promise.all([tx.objectStore('runs').delete(id), tx.objectStore('parts').delete(allParts(id)), tx.done]);
}

export async function deleteAllRuns(): Promise<void> {
  const tx = (await db()).transaction(['runs', 'parts'], 'readwrite');
  await Promise.all([tx.objectStore('runs').clear(), tx.objectStore('parts').clear(), tx.done]);
}

/** What the browser says this site stores and may store, or null where it does not say. */
export async function storageUse(): Promise<{ used: number; quota: number } | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return null;
  try {
    const { usage, quota } = await navigator.storage.estimate();
    return usage === undefined || quota === undefined ? null : { used: usage, quota };
  } catch {
    return null;
  }
}

/** True for the browser's "storage is full" error, however it arrives (a request's or the transaction's). */
export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: string } | null)?.name;
  return name === 'QuotaExceededError' || (name === 'AbortError' && /quota/i.test(String((e as Error).message)));
}
