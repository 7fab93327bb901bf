// Broken results files, as anyone could hand the import: generated from a fixed seed by mutating
// two valid documents (the documented example and a fresh run with seeds, compared criteria,
// swept rewinds, stability and transfer). Wrong types, missing fields, keys every object inherits
// in the config, repeated and unsorted rounds, more rounds than the config runs, weights that
// come back, curves and layers of the wrong size, a 350,000-point curve, oversized files and text
// that is not JSON. The import must throw nothing but an Error that says in one sentence what is
// wrong, refuse every bad file (or take it with notes, where the fault is harmless), and do it in
// bounded time; the charts' data functions must take a 350,000-point curve.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { Rng } from '../src/engine/rng';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxOf, minOf } from '../src/analysis/extent';
import { IssuesBannerView } from '../src/controls/IssuesBanner';
import { MAX_CURVE_POINTS, MAX_RESULTS_FILE_BYTES } from '../src/config/results-schema';
import type { ArmResult, CurvePoint, ResultsDocument, RoundResult } from '../src/engine/events';
import { accuracyDomain } from '../src/panels/AccuracyVsRemaining';
import { LearningCurves, curvesFromRounds, lastIteration } from '../src/panels/LearningCurves';
import { ResultsTable } from '../src/panels/ResultsTable';
import { armSeries } from '../src/panels/common/arm-series';
import { remainingDomain } from '../src/panels/common/remaining-scale';
import { importOpenLth } from '../src/openlth/import';
import { parseResultsFile } from '../src/state/export';
import { readOpenLthFiles } from '../scripts/open-lth';
import { DEFAULT_CONFIG } from '../src/config/schema';
import { runExperiment } from './engine-helpers';

const PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">';

/** A seeded generator, so every run makes the same files. */
function generator(seed: number) {
  // The engine's own seeded generator (mulberry32), so the same cases on every run.
  const rng = new Rng(seed);
  const next = () => rng.next();
  const int = (n: number) => rng.int(n);
  return { next, int, pick: <T>(list: readonly T[]): T => list[int(list.length)] };
}
type Gen = ReturnType<typeof generator>;
// The documents are mutated as plain JSON: any field may be set to anything.
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const example = readFileSync(new URL('../docs/example-results.json', import.meta.url), 'utf8');
let fresh = '';
beforeAll(async () => {
  const { doc } = await runExperiment({ dataset: 'gauss', model: 'mlp-8', rounds: 2, iters: 20, evalEvery: 10, batch: 16, seeds: 2, compare: ['movement'], rewinds: [5], stability: [1], transfer: 'xor', backend: 'cpu' });
  fresh = JSON.stringify(doc);
});

/** A random finished arm of the first seed. */
function anyArm(d: Doc, g: Gen): ArmResult {
  const arms = (d.rounds as RoundResult[]).flatMap((r) => [r.ticket, r.reinit, r.randomMask, r.transfer, ...Object.values(r.criteria ?? {}), ...Object.values(r.rewinds ?? {})].filter(Boolean) as ArmResult[]);
  return g.pick(arms.filter((a) => typeof a === 'object' && Array.isArray(a.curve) && a.curve.length > 1));
}
const wrongValue = (g: Gen) => g.pick<unknown>(['abc', -1, 1e308, null, [], {}, true, [1, 2], { a: 1 }]);

interface Mutation {
  name: string;
  /** reject: the import refuses it; notes: it is taken, with notes naming what was ignored. */
  outcome: 'reject' | 'notes';
  /** What the message (reject) or a note (notes) says. */
  said?: RegExp;
  /** Changes the document in place, or returns the file's text itself. */
  apply: (d: Doc, g: Gen) => void | string;
}

const MUTATIONS: Mutation[] = [
  // Shape.
  { name: 'required field missing', outcome: 'reject', apply: (d, g) => void delete d[g.pick(['format', 'version', 'engineVersion', 'createdAt', 'config', 'query', 'backend', 'model', 'dataset', 'status', 'rounds'])] },
  { name: 'required field of the wrong type', outcome: 'reject', apply: (d, g) => void (d[g.pick(['format', 'version', 'config', 'backend', 'model', 'dataset', 'status', 'rounds'])] = g.pick<unknown>(['abc', 7, null, true, [1]])) },
  { name: 'another format', outcome: 'reject', said: /^format: expected "ticket-lab\/results"$/, apply: (d) => void (d.format = 'ticket-lab/resultz') },
  { name: 'a later version', outcome: 'reject', said: /^version: /, apply: (d) => void (d.version = 3) },
  { name: 'unknown status', outcome: 'reject', said: /^status: "exploded" is not one of running, complete, stopped, failed$/, apply: (d) => void (d.status = 'exploded') },
  { name: 'an arm figure of the wrong type', outcome: 'reject', apply: (d, g) => void (anyArm(d, g)[g.pick(['testAccuracy', 'untrainedAccuracy', 'earlyStopIteration', 'seconds', 'curve', 'layers'] as const)] = wrongValue(g) as never) },
  { name: 'an accuracy above 1', outcome: 'reject', said: /testAccuracy: Number must be less than or equal to 1/, apply: (d, g) => void (anyArm(d, g).testAccuracy = 1.5) },
  { name: 'a curve point without its loss', outcome: 'reject', said: /curve\.\d+\.testLoss: missing/, apply: (d, g) => void delete (anyArm(d, g).curve[0] as Partial<CurvePoint>).testLoss },
  { name: 'a round that is not an object', outcome: 'reject', apply: (d, g) => void (d.rounds[g.int(d.rounds.length)] = wrongValue(g)) },
  { name: 'a compared criterion the lab does not have', outcome: 'reject', apply: (d) => void ((d.rounds[1].criteria ??= {}).constructor = d.rounds[1].ticket) },
  { name: 'a rewind key written with a leading zero', outcome: 'reject', apply: (d) => void ((d.rounds[1].rewinds ??= {})['05'] = d.rounds[1].ticket) },
  { name: 'a backend named like a built-in member', outcome: 'reject', said: /^backend\.name: "(__proto__|constructor|toString)" is not one of webgpu/, apply: (d, g) => void (d.backend.name = g.pick(['__proto__', 'constructor', 'toString'])) },
  { name: 'a 1 MB backend reason', outcome: 'reject', said: /^backend\.reason: String must contain at most 10000 character/, apply: (d) => void (d.backend.reason = 'x'.repeat(1 << 20)) },
  // The config.
  { name: 'config key named constructor', outcome: 'notes', said: /^unknown field "constructor" ignored$/, apply: (d) => void (d.config.constructor = 1) },
  { name: 'config key named toString', outcome: 'notes', said: /^unknown field "toString" ignored$/, apply: (d) => void (d.config.toString = 'x') },
  { name: 'config key named __proto__', outcome: 'notes', said: /^unknown field "__proto__" ignored$/, apply: (d) => JSON.stringify(d).replace('"config":{', '"config":{"__proto__":{"rate":0.9},') },
  { name: 'config key named hasOwnProperty', outcome: 'notes', said: /^unknown field "hasOwnProperty" ignored$/, apply: (d) => void (d.config.hasOwnProperty = 2) },
  { name: 'a config value of the wrong type', outcome: 'notes', said: /^(rate|lr|backend|evalSize|batch)=.*; using /, apply: (d, g) => void (d.config[g.pick(['rate', 'lr', 'backend', 'evalSize', 'batch'])] = wrongValue(g)) },
  { name: 'a config value nested 100,000 deep', outcome: 'notes', said: /^rate=\[+…\]+: expected number, not array; using 0\.2$/, apply: (d) => JSON.stringify({ ...d, config: { ...d.config, rate: 'DEEP' } }).replace('"DEEP"', '['.repeat(100_000) + ']'.repeat(100_000)) },
  { name: 'a config that is not an object', outcome: 'reject', said: /^config: expected an object of settings$/, apply: (d, g) => void (d.config = g.pick<unknown>([[1, 2], 'rate=0.5', 7])) },
  { name: 'a config of 500 settings', outcome: 'reject', said: /^config: 5\d\d settings, more than the 100 a results file may hold$/, apply: (d) => void Array.from({ length: 500 }, (_, i) => (d.config[`k${i}`] = i)) },
  { name: 'fewer rounds in the config than in the file', outcome: 'reject', said: /^rounds: 3 rounds, but the config runs rounds 0 to 1$/, apply: (d) => void (d.config.rounds = 1) },
  // Rounds.
  { name: 'two rounds numbered 0', outcome: 'reject', said: /^rounds\.1\.round: 0, but rounds are numbered 0, 1, 2, … in order, each once, so this one is 1$/, apply: (d) => void (d.rounds[1].round = 0) },
  { name: 'rounds out of order', outcome: 'reject', said: /^rounds\.1\.round: 2, but rounds are numbered/, apply: (d) => void ([d.rounds[1], d.rounds[2]] = [d.rounds[2], d.rounds[1]]) },
  { name: 'a gap in the rounds', outcome: 'reject', said: /^rounds\.2\.round: 5, but/, apply: (d) => void (d.rounds[2].round = 5) },
  { name: 'a round past the config', outcome: 'reject', said: /^rounds: 4 rounds, but the config runs rounds 0 to 2$/, apply: (d) => void d.rounds.push({ ...structuredClone(d.rounds[2]), round: 3 }) },
  { name: 'weights that come back', outcome: 'reject', said: /^rounds\.2\.remaining: 90% of the weights, more than the [\d.]+% of round 1, but a round only removes weights$/, apply: (d) => void (d.rounds[2].remaining = 0.9) },
  { name: 'a pruned round 0', outcome: 'reject', said: /^rounds\.0\.remaining: 50%, but round 0 is the dense network \(100%\)$/, apply: (d) => void (d.rounds[0].remaining = 0.5) },
  { name: '2,000 rounds', outcome: 'reject', said: /^rounds: 2,000 items, more than the 1,001 a results file may hold$/, apply: (d) => void (d.rounds = Array.from({ length: 2000 }, (_, i) => ({ ...d.rounds[0], round: i }))) },
  { name: 'a million numbers for rounds', outcome: 'reject', said: /^rounds: 1,000,000 items/, apply: (d) => void (d.rounds = new Array(1_000_000).fill(1)) },
  { name: 'a 100,000-key criteria map', outcome: 'reject', said: /criteria: 100,000 keys, more than the 12/, apply: (d) => void (d.rounds[1].criteria = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`c${i}`, 1]))) },
  // Curves.
  { name: 'a 350,000-point learning curve', outcome: 'reject', said: /curve: 350,000 items, more than the 200,000 a results file may hold$/, apply: (d, g) => void (anyArm(d, g).curve = bigCurve(350_000)) },
  { name: 'a curve one evaluation short', outcome: 'reject', said: /curve: \d+ points, but iters=\d+ with eval=\d+ evaluates \d+ times$/, apply: (d, g) => void anyArm(d, g).curve.pop() },
  { name: 'a curve with a repeated evaluation', outcome: 'reject', said: /curve\.\d+\.iteration: \d+ after \d+, but evaluations come in increasing order$/, apply: (d, g) => {
    const c = anyArm(d, g).curve;
    c[1] = { ...c[0] };
  } },
  { name: 'a curve that stops early', outcome: 'reject', said: /curve: the last evaluation is at iteration \d+, not at the config's iters=\d+$/, apply: (d, g) => void (anyArm(d, g).curve.at(-1)!.iteration -= 1) },
  // Layers and seeds.
  { name: 'an arm without its last layer', outcome: 'reject', said: /layers: \d+ layers, but the model has \d+$/, apply: (d, g) => void anyArm(d, g).layers.pop() },
  { name: 'a layer keeping more than it has', outcome: 'reject', said: /layers\.0: \d+ weights kept of the \d+ the layer has$/, apply: (d, g) => {
    const l = anyArm(d, g).layers[0];
    l.remaining = l.total + 1;
  } },
  { name: 'two model layers of one name', outcome: 'reject', said: /^model\.layers: two layers are named "fc\d", and each layer needs a name of its own$/, apply: (d) => void (d.model.layers[1].name = d.model.layers[0].name) },
  { name: '1,000 model layers', outcome: 'reject', said: /^model\.layers: 1,000 items, more than the 64/, apply: (d) => void (d.model.layers = Array.from({ length: 1000 }, () => d.model.layers[0])) },
  { name: 'more seeds than the config runs', outcome: 'reject', said: /^extraSeeds: \d+ more seeds, but the config runs seeds=\d+ in all$/, apply: (d) => void d.extraSeeds.push({ seed: d.config.seed + d.extraSeeds.length + 1, rounds: [] }) },
  // The measures.
  { name: 'a swept rewind the config did not ask for', outcome: 'reject', said: /rewinds\.7: k = 7 is not in the config's rewinds$/, apply: (d) => void ((d.rounds[1].rewinds ??= {})['7'] = d.rounds[1].ticket) },
  { name: 'a stability path of the wrong length', outcome: 'reject', apply: (d) => void (d.rounds[1].ticket.stability = { distance: 0.1, path: [0.5, 0.5, 0.5], instability: 0 }) },
  { name: 'a schedule that grows', outcome: 'reject', said: /^schedule\.2: /, apply: (d) => void (d.schedule = [1, 0.5, 0.75]) },
  // The file.
  { name: 'not JSON', outcome: 'reject', said: /^This file is not JSON: /, apply: (_, g) => g.pick(['', 'null?', '{', '{"format":', '\u0000\u0001\u0002', '\ufeff{}', 'NaN', "{'single': 1}", example.slice(0, example.length / 2)]) },
  { name: 'JSON but no document', outcome: 'reject', apply: (_, g) => g.pick(['null', '[]', '"text"', '1', 'true', '{}', '[{"format":"ticket-lab/results"}]']) },
  { name: 'over the size limit', outcome: 'reject', said: /^This file is 64\.1 MB, more than the 64 MB the lab reads as a results file\.$/, apply: (d) => JSON.stringify(d).padEnd(MAX_RESULTS_FILE_BYTES + 1000, ' ') },
];

/** n evaluations, 0 … n-1. */
function bigCurve(n: number): CurvePoint[] {
  return Array.from({ length: n }, (_, i) => ({ iteration: i, testAccuracy: 0.5 + 0.4 * Math.sin(i / 1000) ** 2, testLoss: 1, valAccuracy: 0.5, valLoss: 1 }));
}

/** parseResultsFile's verdict, or the thrown value itself. */
function importOf(text: string): { ok: true; notes: string[]; document: ResultsDocument } | { ok: false; error: unknown } {
  try {
    return { ok: true, ...parseResultsFile(text) };
  } catch (error) {
    return { ok: false, error };
  }
}

function expectOneSentence(error: unknown, where: string) {
  expect.soft(Object.getPrototypeOf(error), where).toBe(Error.prototype);
  const message = (error as Error).message;
  expect.soft(message, where).toMatch(/^This (file|is)\b/);
  expect.soft(message.endsWith('.'), where).toBe(true);
  expect.soft(message, where).not.toMatch(/\.\s+[A-Z]/);
  expect.soft(message, where).not.toMatch(/[\n\r]/);
  expect.soft(message.length, where).toBeLessThan(700);
}

describe('broken results files (fuzzed, seeded)', () => {
  it('every mutation of both documents, and 100 random pairs: refused in one sentence, or taken with notes; never anything else, in bounded time', () => {
    const g = generator(9_2026);
    const started = performance.now();
    const files: { name: string; text: string; outcome: Mutation['outcome']; said?: RegExp }[] = [];
    const make = (base: string, ms: Mutation[]) => {
      const d: Doc = JSON.parse(base);
      let text: string | undefined;
      for (const m of ms) {
        // A mutation may find the document already broken by the one before (rounds that are
        // numbers): that one alone is the fault then.
        try {
          const out = m.apply(d, g);
          if (typeof out === 'string') text = out;
        } catch {
          expect(ms.some((other) => other !== m && other.outcome === 'reject')).toBe(true);
        }
      }
      return text ?? JSON.stringify(d);
    };
    for (const base of [example, fresh]) for (const m of MUTATIONS) files.push({ name: m.name, text: make(base, [m]), outcome: m.outcome, said: m.said });
    // Pairs: refused if either part is; the file-level mutations (whole texts) only come alone.
    const documentLevel = MUTATIONS.filter((m) => !['not JSON', 'JSON but no document', 'over the size limit', 'config key named __proto__', 'a config value nested 100,000 deep'].includes(m.name));
    for (let i = 0; i < 100; i++) {
      const pair = [g.pick(documentLevel), g.pick(documentLevel)];
      files.push({ name: pair.map((m) => m.name).join(' + '), text: make(g.pick([example, fresh]), pair), outcome: pair.some((m) => m.outcome === 'reject') ? 'reject' : 'notes' });
    }
    expect(files.length).toBeGreaterThanOrEqual(190);

    let refused = 0;
    for (const f of files) {
      const t0 = performance.now();
      const result = importOf(f.text);
      const ms = performance.now() - t0;
      const where = `${f.name}: ${result.ok ? `taken, notes ${JSON.stringify(result.notes)}` : String((result.error as Error)?.message).slice(0, 300)}`;
      expect.soft(ms, where).toBeLessThan(5000);
      if (f.outcome === 'reject') {
        expect.soft(result.ok, where).toBe(false);
        if (result.ok) continue;
        expectOneSentence(result.error, where);
        refused++;
        if (f.said) {
          const first = (result.error as Error).message.replace(/^This is not a Ticket Lab results document: /, '').replace(/( \(and \d+ more problems?\))?\.$/, '');
          expect.soft(f.said.test(first) || f.said.test((result.error as Error).message), where).toBe(true);
        }
      } else {
        expect.soft(result.ok, where).toBe(true);
        if (!result.ok) continue;
        expect.soft(result.notes.length, where).toBeGreaterThan(0);
        if (f.said) expect.soft(result.notes.some((n) => f.said!.test(n)), where).toBe(true);
        // What was taken is what a run could have written: a config of the lab's own fields.
        expect.soft(Object.keys(result.document.config).every((k) => Object.hasOwn(DEFAULT_CONFIG, k)), where).toBe(true);
      }
    }
    expect(refused).toBeGreaterThanOrEqual(150);
    expect(performance.now() - started).toBeLessThan(60_000);
  });

  it('the two documents the mutations start from are taken as they are', () => {
    for (const base of [example, fresh]) expect(importOf(base)).toMatchObject({ ok: true, notes: [] });
  });

  it('every results file in the repository is taken', () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/results.*\.json$/.test(name)) found.push(path);
      }
    };
    walk(new URL('../docs', import.meta.url).pathname);
    expect(found.length).toBeGreaterThan(0);
    for (const path of found) expect(importOf(readFileSync(path, 'utf8')).ok, path).toBe(true);
  });
});

describe('a 350,000-point curve in the charts', () => {
  const long = bigCurve(350_000);
  const armOf = (curve: CurvePoint[]): ArmResult => ({ untrainedAccuracy: 0.1, testAccuracy: 0.9, testLoss: 0.3, bestValAccuracy: 0.9, earlyStopIteration: 10, testAccuracyAtEarlyStop: 0.9, curve, layers: [], seconds: 1 });
  const rounds: RoundResult[] = [
    { round: 0, remaining: 1, ticket: armOf(long), reinit: null, randomMask: null },
    { round: 1, remaining: 0.5, ticket: armOf(long), reinit: armOf(long), randomMask: null },
  ];

  it('is more than the import takes, and the charts’ data functions still read it without a deep call stack', () => {
    expect(long.length).toBeGreaterThan(MAX_CURVE_POINTS);
    const values = long.map((p) => p.testAccuracy);
    expect(maxOf(values)).toBeCloseTo(0.9, 3);
    expect(minOf(values)).toBe(0.5);
    expect(lastIteration(curvesFromRounds(rounds, 'ticket'))).toBe(349_999);
    expect(accuracyDomain(values)[0]).toBeGreaterThanOrEqual(0.4);
    expect(remainingDomain(Array.from({ length: 350_000 }, (_, i) => 1 / (1 + i)))[1]).toBeLessThan(1e-5);
    // 350,000 seeds of one round: min and max over all of them.
    const many = Array.from({ length: 350_000 }, (_, i) => [{ ...rounds[0], ticket: { ...rounds[0].ticket, testAccuracy: i / 350_000 } }]);
    expect(armSeries(many, 'ticket', (r) => r.testAccuracy)[0]).toMatchObject({ min: 0, max: 349_999 / 350_000, n: 350_000 });
  });

  it('the learning-curve chart draws it', () => {
    const html = renderToStaticMarkup(createElement(LearningCurves, { curves: curvesFromRounds(rounds, 'ticket') }));
    expect((html.match(/data-mark="line"/g) ?? []).length).toBe(2);
  });
});

describe('what an imported file shows', () => {
  it('rows are keyed by position too: repeated round numbers (which the import refuses) still give unique keys', () => {
    const arm = JSON.parse(example).rounds[1].ticket as ArmResult;
    const twice: RoundResult[] = [0, 0, 1].map((round) => ({ round, remaining: 1, ticket: arm, reinit: null, randomMask: null }));
    const table = ResultsTable({ rounds: twice }) as React.ReactElement;
    const keys: string[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object' || !('props' in node)) return;
      const el = node as React.ReactElement<{ children?: unknown }>;
      if (el.type === 'tr' && el.key !== null && el.key !== undefined) keys.push(String(el.key));
      walk(el.props.children);
    };
    walk(table);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(3);
  });

  it('a file’s text is shown as text: payloads in its config come out escaped in the notes banner', () => {
    const d: Doc = JSON.parse(example);
    d.config[PAYLOAD] = PAYLOAD;
    d.config.dataset = PAYLOAD;
    d.model.name = PAYLOAD;
    const { notes } = parseResultsFile(JSON.stringify(d));
    expect(notes).toHaveLength(2);
    const issues = notes.map((message) => ({ field: 'import', value: null, message }));
    const html = renderToStaticMarkup(createElement(IssuesBannerView, { issues, onDismiss: () => {} }));
    expect(html).toContain('Notes on the imported results:');
    expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(html).not.toMatch(/<(script|img)\b/);
  });

  it('an open_lth run whose dataset is called like a built-in member (constructor, __proto__) imports like any unknown dataset', () => {
    const files = readOpenLthFiles(new URL('./fixtures/open_lth/lottery_03d0b67d80aa1753602106b57cc80841', import.meta.url).pathname);
    for (const name of ['constructor', '__proto__', 'toString', 'foo']) {
      const renamed = files.map((f) => (f.path.endsWith('level_0/main/hparams.log') ? { ...f, text: f.text.replace(/dataset_name => \w+/, `dataset_name => ${name}`) } : f));
      const { document, notes } = importOpenLth(renamed, { createdAt: '2026-01-01T00:00:00.000Z' });
      expect(notes, name).toContain(`Data set ${name}: the lab has no ${name}; its settings show MNIST.`);
      expect(document.dataset, name).toMatchObject({ name, train: 0, val: 0 });
      expect(importOf(JSON.stringify(document)).ok, name).toBe(true);
    }
  });

  it('nothing in the page’s source sets HTML from a string or runs a string as code', () => {
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : /\.(ts|tsx)$/.test(n) ? [join(dir, n)] : []));
    const src = new URL('../src', import.meta.url).pathname;
    const offenders = walk(src).filter((f) => /dangerouslySetInnerHTML|\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML|document\.write|new Function\(|\beval\(/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
