// The results document's schema: exports are checked against it, and an imported file must
// pass it before any chart sees it. Mirrors the types in src/engine/events.ts.
import { z } from 'zod';
import { CRITERIA } from '../engine/criteria';
import { RESULTS_FORMAT, RESULTS_VERSION, type ArmResult, type ResultsDocument } from '../engine/events';
import { PATH_POINTS, parseConfig } from './schema';

const fraction = z.number().min(0).max(1);
const curvePoint = z.object({
  iteration: z.number().int().min(0),
  testAccuracy: fraction,
  testLoss: z.number(),
  valAccuracy: fraction,
  valLoss: z.number(),
});
const layerCount = z.object({ name: z.string(), kind: z.enum(['dense', 'conv']), total: z.number().int().min(0), remaining: z.number().int().min(0) });
const arm = z.object({
  untrainedAccuracy: fraction,
  testAccuracy: fraction,
  testLoss: z.number(),
  bestValAccuracy: fraction,
  earlyStopIteration: z.number().int().min(0),
  testAccuracyAtEarlyStop: fraction,
  curve: z.array(curvePoint),
  layers: z.array(layerCount),
  seconds: z.number().min(0),
  stability: z
    .object({ distance: z.number().min(0), path: z.array(fraction).min(2).max(101), instability: z.number().min(-1).max(1) })
    .optional(),
});
const round = z.object({
  round: z.number().int().min(0),
  remaining: fraction,
  ticket: arm,
  reinit: arm.nullable(),
  randomMask: arm.nullable(),
  criteria: z.record(z.enum(CRITERIA), arm).optional(),
  transfer: arm.nullable().optional(),
  transferRandomMask: arm.nullable().optional(),
  targetTicket: arm.nullable().optional(),
  rewinds: z.record(z.string().regex(/^\d{1,5}$/), arm).optional(),
});

const supermask = z.object({
  testAccuracy: fraction,
  density: fraction,
  curve: z.array(z.object({ iteration: z.number().int().min(0), testAccuracy: fraction, testLoss: z.number(), valAccuracy: fraction, density: fraction })),
  layers: z.array(layerCount),
  seconds: z.number().min(0),
});

export const resultsSchema = z.object({
  format: z.literal(RESULTS_FORMAT),
  // Version 1 lacks only fields that are optional here (stability, rewinds, transferOpt's keys).
  version: z.union([z.literal(1), z.literal(RESULTS_VERSION)]).transform(() => RESULTS_VERSION),
  engineVersion: z.string(),
  createdAt: z.string(),
  config: z.record(z.unknown()),
  query: z.string(),
  backend: z.object({ name: z.string(), reason: z.string(), tried: z.array(z.string()) }),
  model: z.object({
    name: z.string(),
    inputShape: z.array(z.number().int().positive()),
    layers: z.array(
      z.object({ name: z.string(), kind: z.enum(['dense', 'conv']), shape: z.array(z.number().int().positive()), weights: z.number(), biases: z.number(), flops: z.number(), positions: z.number().int().positive().optional() }),
    ),
    prunableWeights: z.number(),
    numClasses: z.number().int().positive().optional(),
  }),
  dataset: z.object({ name: z.string(), train: z.number(), val: z.number(), test: z.number(), source: z.string() }),
  status: z.enum(['running', 'complete', 'stopped', 'failed']),
  error: z.string().optional(),
  rounds: z.array(round),
  extraSeeds: z.array(z.object({ seed: z.number().int(), rounds: z.array(round) })).default([]),
  supermask: supermask.optional(),
  schedule: z.array(fraction).optional(),
});

export type ResultsCheck = { ok: true; document: ResultsDocument; notes: string[] } | { ok: false; errors: string[] };

/** Validates a parsed JSON value as a results document; the config inside goes through the config schema. */
export function checkResults(value: unknown): ResultsCheck {
  const parsed = resultsSchema.safeParse(value);
  if (!parsed.success)
    return { ok: false, errors: parsed.error.issues.slice(0, 8).map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`) };
  const { config, issues } = parseConfig(parsed.data.config);
  const document = { ...parsed.data, config } as ResultsDocument;
  const errors = meaningErrors(document);
  if (errors.length) return { ok: false, errors: errors.slice(0, 8) };
  return { ok: true, document, notes: issues.map((i) => i.message) };
}

/**
 * What the shape cannot say: a stability measure agrees with itself (its path's first point is
 * the arm's own accuracy, its instability is the barrier of its path) and swept rewinds are ones
 * the config asked for.
 */
function meaningErrors(doc: ResultsDocument): string[] {
  const errors: string[] = [];
  const runs = [doc.rounds, ...doc.extraSeeds.map((e) => e.rounds)];
  runs.forEach((rounds, seed) =>
    rounds.forEach((r, i) => {
      const where = `${seed ? `extraSeeds.${seed - 1}.` : ''}rounds.${i}`;
      for (const [name, arm] of Object.entries(r)) {
        const s = arm && typeof arm === 'object' && 'stability' in arm ? (arm as ArmResult).stability : undefined;
        if (!s) continue;
        const barrier = (s.path[0] + s.path[s.path.length - 1]) / 2 - Math.min(...s.path);
        if (s.path.length !== PATH_POINTS) errors.push(`${where}.${name}.stability.path: ${s.path.length} points, not ${PATH_POINTS}`);
        else if (Math.abs(s.path[0] - (arm as ArmResult).testAccuracy) > 1e-9) errors.push(`${where}.${name}.stability.path: its first point is not the arm's test accuracy`);
        else if (Math.abs(barrier - s.instability) > 1e-6) errors.push(`${where}.${name}.stability.instability: not the barrier of its path`);
      }
      for (const k of Object.keys(r.rewinds ?? {}))
        if (!doc.config.rewinds.includes(Number(k))) errors.push(`${where}.rewinds.${k}: k = ${k} is not in the config's rewinds`);
    }),
  );
  return errors;
}
