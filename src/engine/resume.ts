// What an IMP run needs to go on after a finished round exactly as if it had never stopped (a
// reload, a closed tab, a lost GPU): every chain's θ_k, masks and last trained weights. θ0, the
// data, the data orders and every random draw come from the seed and the round number (rng.ts:
// deriveSeed), so they are rebuilt rather than saved. Plain data: it crosses the worker boundary
// transferred and is stored as it is (IndexedDB takes typed arrays).
import type { Checkpoint } from './arms';
import type { Masks } from './masks';

/** One ticket chain after a round: the mask it trains under next and its trained weights. */
export interface SavedChain {
  /** 1 = kept; the engine's Float32 0/1 masks, stored as bytes. */
  masks: Uint8Array[];
  final: Float32Array[] | null;
}

export interface SavedSeed {
  /** θ_k of the dense run for every rewind iteration k > 0 in use. */
  thetaKs: { k: number; checkpoint: Checkpoint }[];
  /** In the engine's chain order: the ticket, compared criteria, swept rewinds. */
  tickets: SavedChain[];
  /** transfer=…: the target's own chain. */
  target: { thetaK: Checkpoint | null; chain: SavedChain } | null;
}

export interface ResumePoint {
  /** The last finished round: a resumed run starts with round + 1. */
  round: number;
  /** Training runs finished so far (the progress bar's count). */
  runsDone: number;
  seeds: SavedSeed[];
}

/** Bytes a resume point holds (what saving it costs). */
export function resumePointBytes(point: ResumePoint): number {
  const arrays = (xs: ArrayBufferView[] | null | undefined) => (xs ?? []).reduce((n, a) => n + a.byteLength, 0);
  const checkpoint = (c: Checkpoint | null) => (c ? arrays(c.weights) + arrays(c.biases) : 0);
  const chain = (c: SavedChain) => arrays(c.masks) + arrays(c.final);
  return point.seeds.reduce(
    (n, s) => n + s.thetaKs.reduce((m, t) => m + checkpoint(t.checkpoint), 0) + s.tickets.reduce((m, t) => m + chain(t), 0) + (s.target ? checkpoint(s.target.thetaK) + chain(s.target.chain) : 0),
    0,
  );
}

// Copies: the engine keeps using its arrays, and the host may transfer (detach) what it is given.
const copyCheckpoint = (c: Checkpoint): Checkpoint => ({ weights: c.weights.map((w) => w.slice()), biases: c.biases.map((b) => b.slice()) });
export const saveChain = (masks: Masks, final: Float32Array[] | null): SavedChain => ({ masks: masks.map((m) => Uint8Array.from(m)), final: final && final.map((w) => w.slice()) });
export const saveThetaK = (k: number, c: Checkpoint) => ({ k, checkpoint: copyCheckpoint(c) });
export const saveTarget = (thetaK: Checkpoint | null, chain: SavedChain) => ({ thetaK: thetaK && copyCheckpoint(thetaK), chain });

export const restoreMasks = (masks: Uint8Array[]): Masks => masks.map((m) => Float32Array.from(m));

/** Every typed array in a resume point, for a worker to transfer rather than copy. */
export function resumePointBuffers(point: ResumePoint): ArrayBuffer[] {
  const out: ArrayBufferLike[] = [];
  const checkpoint = (c: Checkpoint | null) => c && [...c.weights, ...c.biases].forEach((a) => out.push(a.buffer));
  const chain = (c: SavedChain) => [...c.masks, ...(c.final ?? [])].forEach((a) => out.push(a.buffer));
  for (const s of point.seeds) {
    s.thetaKs.forEach((t) => checkpoint(t.checkpoint));
    s.tickets.forEach(chain);
    if (s.target) {
      checkpoint(s.target.thetaK);
      chain(s.target.chain);
    }
  }
  return [...new Set(out)] as ArrayBuffer[];
}
