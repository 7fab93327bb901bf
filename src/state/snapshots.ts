// What the page keeps of the engine's weight snapshots, within a memory budget. Pure, so the
// bounds are tested without a worker. θ0 and the rewind values arrive once; each round brings its
// trained weights and masks (bytes). Masks of every round are kept; trained weights only for the
// newest rounds that fit WEIGHT_BUDGET_BYTES (Conv-2's are 13 MB a round), and the page says which
// rounds' weights were dropped.
import type { LayerSnapshot, RoundSnapshotLayer, StartLayer } from '../engine/events';

export const WEIGHT_BUDGET_BYTES = 128 * 2 ** 20;

export interface StoredLayer extends Omit<RoundSnapshotLayer, 'final'> {
  final?: Float32Array;
}

export interface SnapshotStore {
  start: StartLayer[] | null;
  rounds: Record<number, StoredLayer[]>;
  /** Rounds whose trained weights were dropped to stay within the budget (masks kept). */
  dropped: number[];
}

export const EMPTY_SNAPSHOTS: SnapshotStore = { start: null, rounds: {}, dropped: [] };

const finalBytes = (layers: StoredLayer[]) => layers.reduce((n, l) => n + (l.final?.byteLength ?? 0), 0);

/**
 * Adds a round. The previous round's `nextMask` is this round's `mask` (the engine prunes one into
 * the other), so one buffer serves both; then the oldest trained weights go until the rest fit.
 */
export function addRound(store: SnapshotStore, round: number, layers: RoundSnapshotLayer[], budget = WEIGHT_BUDGET_BYTES): SnapshotStore {
  const rounds: Record<number, StoredLayer[]> = { ...store.rounds, [round]: layers };
  const previous = rounds[round - 1];
  if (previous) rounds[round - 1] = previous.map((l, i) => ({ ...l, nextMask: layers[i].mask }));
  const dropped = [...store.dropped];
  const withWeights = Object.keys(rounds)
    .map(Number)
    .filter((r) => rounds[r].some((l) => l.final))
    .sort((a, b) => a - b);
  let bytes = withWeights.reduce((n, r) => n + finalBytes(rounds[r]), 0);
  // The newest round always keeps its weights, whatever their size.
  for (const r of withWeights.slice(0, -1)) {
    if (bytes <= budget) break;
    bytes -= finalBytes(rounds[r]);
    rounds[r] = rounds[r].map(({ final: _dropped, ...rest }) => rest);
    dropped.push(r);
  }
  return { ...store, rounds, dropped };
}

/** Bytes the page holds in snapshot arrays (an array shared by two rounds counted once). */
export function retainedBytes(store: SnapshotStore): number {
  const seen = new Set<ArrayBufferView>();
  let n = 0;
  const count = (a?: ArrayBufferView) => {
    if (a && !seen.has(a)) {
      seen.add(a);
      n += a.byteLength;
    }
  };
  for (const l of store.start ?? []) {
    count(l.init);
    count(l.rewind);
  }
  for (const layers of Object.values(store.rounds))
    for (const l of layers) {
      count(l.final);
      count(l.mask);
      count(l.nextMask);
    }
  return n;
}

/** The views' layers for one round: its masks and (if kept) trained weights with θ0 and the rewind values. */
export function layersOf(store: SnapshotStore, round: number): LayerSnapshot[] | null {
  const layers = store.rounds[round];
  if (!layers || !store.start) return null;
  return layers.map((l, i) => ({ ...l, ...store.start![i] }));
}
