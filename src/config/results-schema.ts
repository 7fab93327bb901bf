// The results document's schema: exports are checked against it, and an imported file must
// pass it before any chart sees it. Mirrors the types in src/engine/events.ts.
//
// A file is anyone's: every array and map has a length limit checked before its items are read
// (zod would otherwise read all of them and collect an issue per item), and the check reads the
// document for meaning too (meaningErrors), so the charts only ever see what a run could have
// written: rounds 0, 1, 2, … each once, within the config's rounds, weights only ever removed,
// curves and layers of the sizes the config and the model imply.
import { z } from 'zod';
import { CRITERIA } from '../engine/criteria';
import { RESULTS_FORMAT, RESULTS_VERSION, type ArmResult, type ResultsDocument, type RoundResult } from '../engine/events';
import { PATH_POINTS, parseConfig } from './schema';
import { asTyped, quoted, zodReason } from './shown';

/** The largest results file the lab reads (a run at the lab's limits writes a few MB). */
export const MAX_RESULTS_FILE_BYTES = 64 * 1024 * 1024;
/** engineVersion of documents imported from open_lth (src/openlth/import.ts): levels, not the lab's rounds. */
export const OPEN_LTH_ENGINE = 'open_lth';
/** Rounds per seed: an open_lth run shows up to 1000 levels (the lab's own stop at 30). */
export const MAX_ROUNDS_IN_FILE = 1001;
/** Evaluations per curve: the lab writes at most 50,001 (iters=50000, eval=1), an open_lth logger at most 200,000. */
export const MAX_CURVE_POINTS = 200_000;
const MAX_LAYERS = 64;
const MAX_CONFIG_FIELDS = 100;
/** Problems listed per file; the page shows the first. */
const MAX_ERRORS = 8;

const sizeIssue = (ctx: z.RefinementCtx, n: number, max: number, what: string) =>
  ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${n.toLocaleString('en-US')} ${what}, more than the ${max.toLocaleString('en-US')} a results file may hold` });

/** An array of at most `max` items, refused by its length before any item is read. */
const list = <T extends z.ZodTypeAny>(item: T, max: number) =>
  z
    .unknown()
    .superRefine((v, ctx) => {
      if (Array.isArray(v) && v.length > max) sizeIssue(ctx, v.length, max, 'items');
    })
    .pipe(z.array(item));

/** Own keys of an object, counting no further than `stop`. */
function keysUpTo(v: object, stop: number): number {
  let n = 0;
  for (const key in v) if (Object.hasOwn(v, key) && ++n >= stop) break;
  return n;
}

/** A map of at most `max` keys, refused by its size before any entry is read. */
const keyed = <K extends z.ZodType<string>, V extends z.ZodTypeAny>(key: K, value: V, max: number) =>
  z
    .unknown()
    .superRefine((v, ctx) => {
      if (v && typeof v === 'object' && !Array.isArray(v) && keysUpTo(v, max + 1) > max) sizeIssue(ctx, keysUpTo(v, Infinity), max, 'keys');
    })
    .pipe(z.record(key, value));

const text = z.string().max(10_000);
const name = z.string().max(200);
const fraction = z.number().min(0).max(1);
const curvePoint = z.object({
  iteration: z.number().int().min(0),
  testAccuracy: fraction,
  testLoss: z.number(),
  valAccuracy: fraction,
  valLoss: z.number(),
});
const layerCount = z.object({ name, kind: z.enum(['dense', 'conv']), total: z.number().int().min(0), remaining: z.number().int().min(0) });
const arm = z.object({
  untrainedAccuracy: fraction,
  testAccuracy: fraction,
  testLoss: z.number(),
  bestValAccuracy: fraction,
  earlyStopIteration: z.number().int().min(0),
  testAccuracyAtEarlyStop: fraction,
  curve: list(curvePoint, MAX_CURVE_POINTS),
  layers: list(layerCount, MAX_LAYERS),
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
  criteria: keyed(z.enum(CRITERIA), arm, CRITERIA.length).optional(),
  transfer: arm.nullable().optional(),
  transferRandomMask: arm.nullable().optional(),
  targetTicket: arm.nullable().optional(),
  rewinds: keyed(z.string().regex(/^(0|[1-9]\d{0,4})$/, 'a rewind iteration, written as a whole number'), arm, 16).optional(),
});

const supermask = z.object({
  testAccuracy: fraction,
  density: fraction,
  curve: list(z.object({ iteration: z.number().int().min(0), testAccuracy: fraction, testLoss: z.number(), valAccuracy: fraction, density: fraction }), MAX_CURVE_POINTS),
  layers: list(layerCount, MAX_LAYERS),
  seconds: z.number().min(0),
});

/** The config as written, checked field by field by parseConfig: the same object, so every key it holds (even `__proto__`) is seen and reported. */
const configObject = z
  .unknown()
  .superRefine((v, ctx) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'expected an object of settings' });
    else if (keysUpTo(v, MAX_CONFIG_FIELDS + 1) > MAX_CONFIG_FIELDS) sizeIssue(ctx, keysUpTo(v, Infinity), MAX_CONFIG_FIELDS, 'settings');
  })
  .transform((v) => v as Record<string, unknown>);

export const resultsSchema = z.object({
  format: z.literal(RESULTS_FORMAT),
  // Version 1 lacks only fields that are optional here (stability, rewinds, transferOpt's keys).
  version: z.union([z.literal(1), z.literal(RESULTS_VERSION)]).transform(() => RESULTS_VERSION),
  engineVersion: name,
  createdAt: name,
  config: configObject,
  query: text,
  // The backends the engine names, and open_lth's: the page looks the name up in a table.
  backend: z.object({ name: z.enum(['webgpu', 'webgl', 'wasm', 'cpu', OPEN_LTH_ENGINE]), reason: text, tried: list(z.string().max(1000), 16) }),
  model: z.object({
    name,
    inputShape: list(z.number().int().positive(), 4),
    layers: list(
      z.object({ name, kind: z.enum(['dense', 'conv']), shape: list(z.number().int().positive(), 4), weights: z.number(), biases: z.number(), flops: z.number(), positions: z.number().int().positive().optional() }),
      MAX_LAYERS,
    ),
    prunableWeights: z.number(),
    numClasses: z.number().int().positive().optional(),
  }),
  dataset: z.object({ name, train: z.number(), val: z.number(), test: z.number(), source: text }),
  status: z.enum(['running', 'complete', 'stopped', 'failed']),
  error: text.optional(),
  rounds: list(round, MAX_ROUNDS_IN_FILE),
  extraSeeds: list(z.object({ seed: z.number().int(), rounds: list(round, MAX_ROUNDS_IN_FILE) }), 4).default([]),
  supermask: supermask.optional(),
  schedule: list(fraction, 31).optional(),
});

export type ResultsCheck = { ok: true; document: ResultsDocument; notes: string[] } | { ok: false; errors: string[] };

/** A zod issue's path as a message names it: rounds.3.ticket.curve (keys from the file cut and escaped). */
const pathOf = (path: (string | number)[]) => path.map((p) => (typeof p === 'number' ? String(p) : asTyped(p, 30))).join('.') || '(document)';

/** Validates a parsed JSON value as a results document; the config inside goes through the config schema. */
export function checkResults(value: unknown): ResultsCheck {
  const parsed = resultsSchema.safeParse(value);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.slice(0, MAX_ERRORS).map((i) => `${pathOf(i.path)}: ${zodReason(i)}`) };
  const { config, issues } = parseConfig(parsed.data.config);
  const document = { ...parsed.data, config } as ResultsDocument;
  const errors = meaningErrors(document);
  if (errors.length) return { ok: false, errors };
  return { ok: true, document, notes: issues.map((i) => i.message) };
}

/** Evaluations of a run of `iters` iterations: at 0, every `every` iterations and at the last (src/engine/train.ts). */
export const evaluationsOf = (iters: number, every: number) => Math.floor(iters / every) + 1 + (iters % every ? 1 : 0);

const percentOf = (x: number) => `${+(100 * x).toPrecision(4)}%`;

/** Every arm result a round holds, with its path inside the round. */
function armsOf(r: RoundResult): [string, ArmResult][] {
  const out: [string, ArmResult][] = [];
  for (const key of ['ticket', 'reinit', 'randomMask', 'transfer', 'transferRandomMask', 'targetTicket'] as const) {
    const a = r[key];
    if (a) out.push([key, a]);
  }
  for (const [k, a] of Object.entries(r.criteria ?? {})) if (a) out.push([`criteria.${k}`, a]);
  for (const [k, a] of Object.entries(r.rewinds ?? {})) out.push([`rewinds.${k}`, a]);
  return out;
}

/**
 * What the shape cannot say. Rounds are numbered 0, 1, 2, … in order, each once, and no more than
 * the config runs; each round keeps no more weights than the one before; every curve has the
 * evaluations the config's iters and eval imply, in increasing order; every arm counts the model's
 * layers, by name, keeping no more weights than a layer has; seeds follow the config's seed. A
 * stability measure agrees with itself (its path's first point is the arm's own accuracy, its
 * instability is the barrier of its path) and swept rewinds and compared criteria are ones the
 * config asked for. Documents imported from open_lth number their rounds by the levels that were
 * found (in increasing order, gaps allowed, up to 1000) and log their own evaluation steps.
 */
function meaningErrors(doc: ResultsDocument): string[] {
  const errors: string[] = [];
  const full = () => errors.length >= MAX_ERRORS;
  const c = doc.config;
  const fromLab = doc.engineVersion !== OPEN_LTH_ENGINE;
  const evaluations = evaluationsOf(c.iters, c.evalEvery);

  const names = doc.model.layers.map((l) => l.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) errors.push(`model.layers: two layers are named ${quoted(twice)}, and each layer needs a name of its own`);

  if (doc.extraSeeds.length > c.seeds - 1) errors.push(`extraSeeds: ${doc.extraSeeds.length} more seeds, but the config runs seeds=${c.seeds} in all`);
  doc.extraSeeds.forEach((e, i) => {
    const seed = (c.seed + i + 1) % 2 ** 31;
    if (e.seed !== seed) errors.push(`extraSeeds.${i}.seed: ${e.seed}, but the seed after ${i ? 'the one before' : `config seed ${c.seed}`} is ${seed}`);
  });

  const checkCurve = (where: string, curve: readonly { iteration: number }[]) => {
    if (fromLab && curve.length !== evaluations)
      return errors.push(`${where}.curve: ${curve.length.toLocaleString('en-US')} points, but iters=${c.iters} with eval=${c.evalEvery} evaluates ${evaluations.toLocaleString('en-US')} times`);
    for (let j = 1; j < curve.length; j++)
      if (!(curve[j].iteration > curve[j - 1].iteration))
        return errors.push(`${where}.curve.${j}.iteration: ${curve[j].iteration} after ${curve[j - 1].iteration}, but evaluations come in increasing order`);
    const last = curve[curve.length - 1];
    if (fromLab && last && last.iteration !== c.iters) errors.push(`${where}.curve: the last evaluation is at iteration ${last.iteration}, not at the config's iters=${c.iters}`);
  };
  const checkLayers = (where: string, layers: readonly { name: string; total: number; remaining: number }[]) => {
    if (layers.length !== names.length) return errors.push(`${where}.layers: ${layers.length} layers, but the model has ${names.length}`);
    const k = layers.findIndex((l, i) => l.name !== names[i] || l.remaining > l.total);
    if (k < 0) return;
    const l = layers[k];
    errors.push(l.name !== names[k] ? `${where}.layers.${k}: ${quoted(l.name)}, but the model's layer ${k} is ${quoted(names[k])}` : `${where}.layers.${k}: ${l.remaining} weights kept of the ${l.total} the layer has`);
  };

  const runs = [doc.rounds, ...doc.extraSeeds.map((e) => e.rounds)];
  runs.forEach((rounds, seed) => {
    const at = seed ? `extraSeeds.${seed - 1}.rounds` : 'rounds';
    if (fromLab && c.mode === 'supermask' && rounds.length) errors.push(`${at}: ${rounds.length} rounds, but mode=supermask trains none`);
    else if (fromLab && rounds.length > c.rounds + 1) errors.push(`${at}: ${rounds.length.toLocaleString('en-US')} rounds, but the config runs rounds 0 to ${c.rounds}`);
    rounds.forEach((r, i) => {
      if (full()) return;
      const where = `${at}.${i}`;
      const before = rounds[i - 1];
      if (fromLab && r.round !== i) return errors.push(`${where}.round: ${r.round}, but rounds are numbered 0, 1, 2, … in order, each once, so this one is ${i}`);
      if (before && !(r.round > before.round)) return errors.push(`${where}.round: ${r.round} after round ${before.round}, but rounds come in increasing order, each once`);
      if (fromLab && r.round === 0 && r.remaining !== 1) errors.push(`${where}.remaining: ${percentOf(r.remaining)}, but round 0 is the dense network (100%)`);
      if (before && r.remaining > before.remaining + 1e-12)
        errors.push(`${where}.remaining: ${percentOf(r.remaining)} of the weights, more than the ${percentOf(before.remaining)} of round ${before.round}, but a round only removes weights`);
      for (const [name, arm] of armsOf(r)) {
        if (full()) return;
        checkCurve(`${where}.${name}`, arm.curve);
        checkLayers(`${where}.${name}`, arm.layers);
        const s = arm.stability;
        if (!s) continue;
        const barrier = (s.path[0] + s.path[s.path.length - 1]) / 2 - Math.min(...s.path);
        if (s.path.length !== PATH_POINTS) errors.push(`${where}.${name}.stability.path: ${s.path.length} points, not ${PATH_POINTS}`);
        else if (Math.abs(s.path[0] - arm.testAccuracy) > 1e-9) errors.push(`${where}.${name}.stability.path: its first point is not the arm's test accuracy`);
        else if (Math.abs(barrier - s.instability) > 1e-6) errors.push(`${where}.${name}.stability.instability: not the barrier of its path`);
      }
      for (const k of Object.keys(r.rewinds ?? {}))
        if (!c.rewinds.includes(Number(k))) errors.push(`${where}.rewinds.${k}: k = ${k} is not in the config's rewinds`);
      for (const k of Object.keys(r.criteria ?? {}))
        if (!(c.compare as string[]).includes(k)) errors.push(`${where}.criteria.${k}: ${k} is not in the config's compare`);
    });
  });

  if (doc.supermask) {
    checkCurve('supermask', doc.supermask.curve);
    checkLayers('supermask', doc.supermask.layers);
  }
  if (doc.schedule) {
    if (fromLab && doc.schedule.length !== c.rounds + 1) errors.push(`schedule: ${doc.schedule.length} fractions, but the config runs rounds 0 to ${c.rounds}`);
    const k = doc.schedule.findIndex((f, i) => i > 0 && f > doc.schedule![i - 1] + 1e-12);
    if (k > 0) errors.push(`schedule.${k}: ${percentOf(doc.schedule[k])}, more than the ${percentOf(doc.schedule[k - 1])} before it, but a round only removes weights`);
  }
  return errors.slice(0, MAX_ERRORS);
}
