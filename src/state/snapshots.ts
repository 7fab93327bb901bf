// What the page keeps of the engine's weight snapshots, within a memory budget. Pure, so the
// bounds are tested without a worker. θ0 and the rewind values arrive once (one array when they
// are the same, k = 0); each round brings its trained weights and masks (bytes). Trained weights
// are kept for the newest rounds that fit WEIGHT_BUDGET_BYTES (Conv-2's are 13 MB a round), masks
// for the newest rounds that fit MASK_BUDGET_BYTES (every round of Conv-2, 3.3 MB each; 5 rounds of
// the largest MLP, 23 MB each); the newest round is always kept whole, and the page says which
// rounds' weights or masks were dropped. So the page holds at most the two budgets plus the
// starting values and the newest round. Measured over 30 rounds (tests/snapshots.test.ts):
// LeNet-300-100 41 MB, Conv-2 250 MB, the largest MLP allowed 280 MB (k = 0) or 366 MB (k > 0).
import type { LayerSnapshot, RoundSnapshotLayer, StartLayer } from '../engine/events';

export const WEIGHT_BUDGET_BYTES = 128 * 2 ** 20;
export const MASK_BUDGET_BYTES = 128 * 2 ** 20;

export interface StoredLayer extends Omit<RoundSnapshotLayer, 'final'> {
  final?: Float32Array;
}

export interface SnapshotStore {
  start: StartLayer[] | null;
  rounds: Record<number, StoredLayer[]>;
  /** Rounds whose trained weights were dropped to stay within the budget (masks kept). */
  dropped: number[];
  /** Rounds dropped whole (masks too) to stay within the mask budget: the oldest, of the largest models. */
  masksDropped?: number[];
}

export const EMPTY_SNAPSHOTS: SnapshotStore = { start: null, rounds: {}, dropped: [], masksDropped: [] };

const finalBytes = (layers: StoredLayer[]) => layers.reduce((n, l) => n + (l.final?.byteLength ?? 0), 0);
// A round's own mask (its next mask is the next round's mask, counted there).
const maskBytes = (layers: StoredLayer[]) => layers.reduce((n, l) => n + l.mask.byteLength, 0);

/**
 * Adds a round. The previous round's `nextMask` is this round's `mask` (the engine prunes one into
 * the other), so one buffer serves both; then the oldest trained weights go until the rest fit
 * `budget`, and the oldest rounds whole until their masks fit `maskBudget`.
 */
export function addRound(store: SnapshotStore, round: number, layers: RoundSnapshotLayer[], budget = WEIGHT_BUDGET_BYTES, maskBudget = MASK_BUDGET_BYTES): SnapshotStore {
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
  const masksDropped = [...(store.masksDropped ?? [])];
  const whole = Object.keys(rounds)
    .map(Number)
    .sort((a, b) => a - b);
  let masks = whole.reduce((n, r) => n + maskBytes(rounds[r]), 0);
  for (const r of whole.slice(0, -1)) {
    if (masks <= maskBudget) break;
    masks -= maskBytes(rounds[r]);
    delete rounds[r];
    masksDropped.push(r);
  }
  return { ...store, rounds, dropped, masksDropped };
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
