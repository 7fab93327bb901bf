// What the stability and rewind views draw, from the results alone (no tensors, no drawing):
// which arms of a round were measured, the error along each path, the rewind sweep per k.
import { PATH_POINTS } from '../config/schema';
import { armResultOf, rewindArm, type Arm, type RoundResult } from '../engine/events';

/** The path's points, the endpoints included: α = 0, 0.1, …, 1. */
export const pathAlphas = (points = PATH_POINTS) => Array.from({ length: points }, (_, i) => i / (points - 1));

/** Rounds (of the first seed) in which some arm carries a stability measure. */
export function measuredRounds(rounds: readonly RoundResult[]): number[] {
  return rounds.filter((r) => r.ticket.stability).map((r) => r.round);
}

export interface ArmPath {
  arm: Arm;
  /** Test error (1 − accuracy) at α = 0 … 1. */
  error: number[];
  instability: number;
  distance: number;
}

/** Each arm of the round that was measured, in the order given, with its error path. */
export function roundPaths(round: RoundResult | undefined, arms: readonly Arm[]): ArmPath[] {
  if (!round) return [];
  return arms.flatMap((arm) => {
    const s = armResultOf(round, arm)?.stability;
    // Round 0's compared and rewind chains are the shared dense run: draw it once, as the ticket.
    if (!s || (round.round === 0 && arm !== 'ticket' && armResultOf(round, arm) === round.ticket)) return [];
    return [{ arm, error: s.path.map((a) => 1 - a), instability: s.instability, distance: s.distance }];
  });
}

export interface SweepPoint {
  k: number;
  arm: Arm;
  accuracy: number;
  /** Absent when the round's stability was not measured. */
  instability?: number;
}

/** Accuracy (and instability) per rewind iteration in a round: the ticket's own k and every swept k. */
export function rewindSweep(round: RoundResult | undefined, rewind: number, rewinds: readonly number[]): SweepPoint[] {
  if (!round) return [];
  const ks = [...new Set([rewind, ...rewinds])].sort((a, b) => a - b);
  return ks.flatMap((k) => {
    const arm: Arm = k === rewind ? 'ticket' : rewindArm(k);
    const r = armResultOf(round, arm);
    return r ? [{ k, arm, accuracy: r.testAccuracy, ...(r.stability ? { instability: r.stability.instability } : {}) }] : [];
  });
}

/** The round a round-picking view shows: the selected one if it has data, else the last that does. */
export function pickRound(available: readonly number[], selected: number | null): number | null {
  if (!available.length) return null;
  return selected !== null && available.includes(selected) ? selected : available[available.length - 1];
}
