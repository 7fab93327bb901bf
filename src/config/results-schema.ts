// The results document's schema: exports are checked against it, and an imported file must
// pass it before any chart sees it. Mirrors the types in src/engine/events.ts.
import { z } from 'zod';
import { CRITERIA } from '../engine/criteria';
import { RESULTS_FORMAT, RESULTS_VERSION, type ResultsDocument } from '../engine/events';
import { parseConfig } from './schema';

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
  return { ok: true, document, notes: issues.map((i) => i.message) };
}
