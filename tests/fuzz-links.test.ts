// Links as anyone could write them, through the page's own link reader (decodeLink: the config
// and the lecture options hide=, big=, run=): generated from a fixed seed, so a failure names a
// link that fails again. Each link mixes valid settings with wrong types, values out of range,
// non-decimal numbers, injection payloads in keys and values, huge and repeated keys. The reader
// must never throw, must always give a valid config, must name every bad key and value as typed,
// and must do it in bounded time; the banner must show every payload as text.
import { Rng } from '../src/engine/rng';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { IssuesBannerView } from '../src/controls/IssuesBanner';
import { CRITERIA } from '../src/engine/criteria';
import { PRUNED_VALUES, STARTS } from '../src/engine/starts';
import { BACKENDS, DATASETS, FIELDS, MODES, OPTIMIZERS, SCOPES, parseConfig, type ConfigIssue } from '../src/config/schema';
import { decodeConfig, encodeConfig, MAX_LINK_ISSUES } from '../src/config/url';
import { decodeLink, HIDE_NAMES, type Link } from '../src/state/link';

/** A seeded generator, so every run makes the same links. */
function generator(seed: number) {
  // The engine's own seeded generator (mulberry32), so the same cases on every run.
  const rng = new Rng(seed);
  const next = () => rng.next();
  const int = (n: number) => rng.int(n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)];
  const some = <T>(list: readonly T[], most: number): T[] => [...new Set(Array.from({ length: 1 + int(most) }, () => pick(list)))];
  return { next, int, pick, some };
}
type Gen = ReturnType<typeof generator>;

const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  'javascript:window.__pwned=1',
  '"><img src=x onerror="window.__pwned=1">',
  "'><svg onload=window.__pwned=1>",
  '</li></ul><script>window.__pwned=1</script>',
  '{{constructor.constructor("window.__pwned=1")()}}',
  '${window.__pwned=1}',
  "'; DROP TABLE links; --",
  '../../../../etc/passwd',
  'data:text/html,<script>window.__pwned=1</script>',
  '<iframe src=javascript:window.__pwned=1>',
];
/** Keys every object inherits, and field names that are not link keys. */
const TRAP_KEYS = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'prototype', 'evalEvery', 'Rate', 'DATASET', 'v2', ''];
/** Escaped control characters and bidirectional overrides, which a message must never carry raw. */
const CONTROL = ['\u0000', '\u0007', '\u001b[31m', '\u202e', '\u2066', '\r\n', '\u007f'];

type Kind = 'number' | 'int' | 'string' | 'list';
const KEYS: Record<string, Kind> = {
  rate: 'number', convRate: 'number', lr: 'number', scoreLr: 'number', transferLr: 'number',
  rounds: 'int', iters: 'int', batch: 'int', rewind: 'int', eval: 'int', evalSize: 'int', seed: 'int', seeds: 'int',
  dataset: 'string', model: 'string', opt: 'string', scope: 'string', mode: 'string', criterion: 'string',
  transfer: 'string', transferOpt: 'string', start: 'string', pruned: 'string', backend: 'string',
  controls: 'list', compare: 'list', stability: 'list', rewinds: 'list',
};
const ENUMS: Record<string, readonly string[]> = {
  dataset: DATASETS, opt: OPTIMIZERS, scope: SCOPES, mode: MODES, criterion: CRITERIA, transfer: ['none', ...DATASETS],
  transferOpt: ['none', ...OPTIMIZERS], start: STARTS, pruned: PRUNED_VALUES, backend: BACKENDS,
};
const INT_RANGE: Record<string, [number, number]> = {
  rounds: [0, 30], iters: [1, 50_000], batch: [1, 1024], rewind: [0, 50_000], eval: [1, 50_000], evalSize: [100, 10_000], seed: [0, 2 ** 31 - 1], seeds: [1, 5],
};
/** The kind of a link key, or undefined: an own key of KEYS only (KEYS.__proto__ is Object.prototype). */
const kindOf = (key: string): Kind | undefined => (Object.hasOwn(KEYS, key) ? KEYS[key] : undefined);
const NUMBER_RANGE: Record<string, [number, number]> = { rate: [0.01, 0.95], convRate: [0.01, 0.95], lr: [1e-6, 1], scoreLr: [1e-4, 100], transferLr: [1e-6, 1] };

function validValue(g: Gen, key: string): string {
  const kind = KEYS[key];
  if (kind === 'int') {
    const [lo, hi] = INT_RANGE[key];
    return String(lo + g.int(Math.min(hi - lo + 1, 100_000)));
  }
  if (kind === 'number') {
    const [lo, hi] = NUMBER_RANGE[key];
    const x = lo + g.next() * (hi - lo);
    return g.pick([String(+x.toPrecision(3)), x.toExponential(2), ` ${+x.toPrecision(2)}`]);
  }
  if (key === 'model') return g.pick(['lenet300', 'conv2', 'conv4', 'conv6', 'mlp-8', 'mlp-512-256', `mlp-${1 + g.int(2048)}-${1 + g.int(2048)}`]);
  if (kind === 'string') return g.pick(ENUMS[key]);
  if (key === 'controls') return g.pick(['none', 'reinit', 'random', 'reinit,random', 'random,reinit']);
  if (key === 'compare') return g.some(CRITERIA, 3).join(',');
  if (key === 'stability') return g.pick(['all', 'none', g.some(['0', '1', '3', '5', '12', '30'], 3).join(',')]);
  return g.some(['0', '10', '50', '100', '500', '2000'], 3).join(','); // rewinds
}

function invalidValue(g: Gen, key: string): string {
  const kind = KEYS[key];
  if (kind === 'int' || kind === 'number') {
    const wrongType = ['abc', '', ' ', 'true', '[]', '{}', 'null', '1,2', '--1', '1..2', 'NaN', 'Infinity', '-Infinity', '١٢٣', '１２', '1 2', g.pick(PAYLOADS)];
    const nonDecimal = ['0x10', '0X1F', '0b101', '0o17', '1_000', '0x', '1e', '.', '+-1'];
    const range = kind === 'int' ? INT_RANGE[key] : NUMBER_RANGE[key];
    const outOfRange = [String(range[0] - 1), String(range[1] * 2 + 1), '1e400', '-1e400'];
    if (kind === 'int') outOfRange.push(`${range[0] + 0.5}`);
    return g.pick([g.pick(wrongType), g.pick(nonDecimal), g.pick(outOfRange)]);
  }
  if (key === 'model') return g.pick(['resnet', 'mlp-0', 'mlp-9999', 'mlp-1-2-3-4-5-6-7', 'mlp', 'LENET300', '', g.pick(PAYLOADS)]);
  if (kind === 'string') return g.pick(['', 'MNIST', `${g.pick(ENUMS[key])} `, 'imagenet', g.pick(PAYLOADS), g.pick(TRAP_KEYS.filter(Boolean))]);
  if (key === 'controls') return g.pick(['reinit,bogus', 'everything', 'reinit,random,reinit', g.pick(PAYLOADS)]);
  if (key === 'compare') return g.pick(['biggest', `${g.pick(CRITERIA)},nope`, CRITERIA.slice(0, 7).join(','), g.pick(PAYLOADS)]);
  if (key === 'stability') return g.pick(['abc', '31', '100', '-1', 'al', g.pick(PAYLOADS)]);
  return g.pick(['-1', 'abc', '50001', '1,2,3,4,5,6,7', '0x10', '1e400', `10,${g.pick(CONTROL)}5`, g.pick(PAYLOADS)]); // rewinds
}

/** One key=value of a link and what the reader must say about it. */
interface Part {
  key: string;
  raw: string;
  /** For a setting's value: whether it is valid on its own (cross-field rules aside). */
  valid: boolean;
}

function randomPart(g: Gen): Part {
  const roll = g.next();
  const key = g.pick(Object.keys(KEYS));
  if (roll < 0.3) return { key, raw: validValue(g, key), valid: true };
  if (roll < 0.6) return { key, raw: invalidValue(g, key), valid: false };
  if (roll < 0.68) return { key: g.pick([...PAYLOADS, ...TRAP_KEYS]), raw: g.pick(['1', '', g.pick(PAYLOADS)]), valid: false };
  if (roll < 0.72) return { key: g.pick(Object.keys(KEYS)), raw: g.pick(CONTROL) + g.pick(['1', 'x']), valid: false };
  if (roll < 0.75) return { key: 'k'.repeat(1000 + g.int(20_000)), raw: '1', valid: false };
  if (roll < 0.78) return { key, raw: 'x'.repeat(1000 + g.int(50_000)), valid: false };
  if (roll < 0.86) {
    const names = [...HIDE_NAMES];
    return { key: 'hide', raw: Array.from({ length: 1 + g.int(4) }, () => (g.next() < 0.6 ? g.pick(names) : g.pick([...PAYLOADS, 'nope', 'Curves', 'constructor']))).join(','), valid: true };
  }
  if (roll < 0.94) return { key: g.pick(['big', 'run']), raw: g.pick(['1', '0', '', 'yes', 'true', '2', g.pick(PAYLOADS)]), valid: true };
  return { key: 'v', raw: g.pick(['1', '1', '2', '', g.pick(PAYLOADS)]), valid: true };
}

function randomLink(g: Gen): Part[] {
  const parts = Array.from({ length: g.int(8) }, () => randomPart(g));
  // Repeat a key now and then, with a value of its own.
  if (parts.length && g.next() < 0.25) {
    const again = parts[g.int(parts.length)];
    const key = again.key;
    const repeat = kindOf(key) ? (g.next() < 0.5 ? { key, raw: validValue(g, key), valid: true } : { key, raw: invalidValue(g, key), valid: false }) : { ...again };
    parts.splice(g.int(parts.length + 1), 0, repeat);
  }
  return parts;
}

const query = (parts: Part[]) => parts.map((p) => `${encodeURIComponent(p.key)}=${encodeURIComponent(p.raw)}`).join('&');
const plain = (text: string) => text.length <= 60 && !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069"\\]/.test(text);

/**
 * What the reader must say about one key of a link (the last value of a repeated key counts): a
 * fragment of the message that names the key and value as typed, or null where it must be silent.
 */
function expectedFragment(key: string, raw: string, valid: boolean): string | null {
  if (key === 'v') return raw === '1' ? null : `link version ${plain(raw) ? raw : ''}`;
  if (key === 'big' || key === 'run') return raw === '1' || raw === '0' ? null : `${key}=${plain(raw) ? raw : ''}`;
  if (key === 'hide') {
    const unknown = raw.split(',').filter((n) => n && !HIDE_NAMES.has(n));
    return unknown.length ? `hide=${plain(unknown[0]) && unknown[0].length <= 30 ? unknown[0] : ''}` : null;
  }
  if (!kindOf(key)) return `unknown parameter "${plain(key) ? key : ''}`;
  if (valid) return null;
  if (!plain(raw)) return `${key}=`;
  return KEYS[key] === 'string' ? `${key}="${raw}": ` : `${key}=${raw}: `;
}

/** The link the page writes back once it has read one: the config and the valid lecture options. */
const rewritten = (link: Link) => `?${encodeConfig(link.config)}${link.hidden.length ? `&hide=${link.hidden.join(',')}` : ''}${link.big ? '&big=1' : ''}`;

function checkLink(parts: Part[]) {
  const q = `?${query(parts)}`;
  let link: Link;
  expect(() => (link = decodeLink(q)), q.slice(0, 300)).not.toThrow();
  link = link!;
  const where = `link ${q.slice(0, 300)}\nissues: ${link.issues.map((i) => i.message).join(' | ')}`;
  // The config is valid as it stands, and the link written back from it reads without a word.
  expect(parseConfig(link.config).issues, where).toEqual([]);
  const again = decodeLink(rewritten(link));
  expect(again.issues, where).toEqual([]);
  expect(again.config, where).toEqual(link.config);
  expect(again.hidden, where).toEqual(link.hidden);
  // Every message is short and carries no raw control character.
  expect(link.issues.length, where).toBeLessThanOrEqual(MAX_LINK_ISSUES);
  for (const i of link.issues) {
    expect(i.message.length, where).toBeLessThan(600);
    expect(i.message, where).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  }
  // Every bad key and value is named as typed; a repeated key is named with its count.
  const byKey = new Map<string, Part[]>();
  for (const p of parts) byKey.set(p.key, [...(byKey.get(p.key) ?? []), p]);
  let found = 0;
  for (const [key, given] of byKey) {
    const messages = link.issues.map((i) => i.message);
    if (given.length > 1) {
      expect(messages.some((m) => m.includes(` is given ${given.length} times`)), `${where}\n(${key} repeated)`).toBe(true);
      found++;
    }
    const last = given[given.length - 1];
    const fragment = expectedFragment(key, last.raw, last.valid);
    if (fragment === null) {
      if (kindOf(key)) expect(messages.filter((m) => m.startsWith(`${key}=${last.raw}: `) || m.startsWith(`${key}="${last.raw}": `)), where).toEqual([]);
      continue;
    }
    expect(messages.some((m) => m.includes(fragment)), `${where}\n(expected: ${fragment.slice(0, 80)})`).toBe(true);
    found++;
  }
  return found;
}

describe('links from anyone (fuzzed, seeded)', () => {
  it('1,200 generated links: never a throw, always a valid config, every bad key and value named as typed, in bounded time', () => {
    const g = generator(20_260_301);
    const started = performance.now();
    let links = 0;
    let reported = 0;
    let payloads = 0;
    for (; links < 1200; links++) {
      const parts = randomLink(g);
      reported += checkLink(parts);
      if (parts.some((p) => PAYLOADS.some((x) => p.key.includes(x) || p.raw.includes(x)))) payloads++;
    }
    const seconds = (performance.now() - started) / 1000;
    // The generator did its job: most links hold something bad, many a payload.
    expect(reported).toBeGreaterThan(links);
    expect(payloads).toBeGreaterThan(200);
    expect(seconds).toBeLessThan(10);
  });

  it('reads the key and value as typed, says what it used instead, and drops nothing valid', () => {
    const { config, issues } = decodeLink('?eval=abc&rate=0x10&seed=Infinity&rounds=&hide=curves,nope&run=yes&big=2&evalEvery=5&rate=0.3&lr=1e-3');
    const messages = issues.map((i) => i.message);
    expect(messages).toEqual([
      'eval=abc: not a decimal number; using 100',
      'rate is given 2 times (rate=0x10, rate=0.3); using the last',
      'seed=Infinity: not a decimal number; using 1',
      'rounds=: empty; using 7',
      'unknown parameter "evalEvery" ignored',
      'hide=nope: no panel or setting has this name; ignored',
      'big=2: use big=1 for large text or leave it out; ignored',
      'run=yes: use run=1 for starting the run when the link opens or leave it out; not started',
    ]);
    expect(config).toMatchObject({ rate: 0.3, lr: 0.001, evalEvery: 100, seed: 1, rounds: 7 });
    // Control characters and bidirectional overrides are shown escaped, once, in text and in quotes.
    expect(decodeConfig(`dataset=${encodeURIComponent('\u202eevil"\\')}&seed=${encodeURIComponent('1\u0000')}`).issues.map((i) => i.message)).toEqual([
      'dataset="\\u202eevil\\"\\\\": not one of mnist, fashion, circles, xor, gauss, spiral; using "mnist"',
      'seed=1\\u0000: not a decimal number; using 1',
    ]);
    // rate=+0.5 arrives as " 0.5" (a '+' is a space in a query): still the number 0.5.
    expect(decodeConfig('rate=+0.5')).toEqual({ config: expect.objectContaining({ rate: 0.5 }), issues: [] });
  });

  it('keys every object inherits are unknown parameters and fields, not a crash', () => {
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect(decodeConfig(`${key}=1`).issues.map((i) => i.message)).toEqual([`unknown parameter "${key}" ignored`]);
      expect(parseConfig(JSON.parse(`{"${key}": 1, "rate": 0.5}`))).toEqual({ config: expect.objectContaining({ rate: 0.5 }), issues: [expect.objectContaining({ message: `unknown field "${key}" ignored` })] });
    }
  });

  it('a 1 MB link of any shape is read in bounded time, with a bounded list of issues', () => {
    const MB = 1024 * 1024;
    const huge = [
      Array.from({ length: MB / 10 }, (_, i) => `k${i}=1`).join('&'),
      `rate=${'1'.repeat(MB)}x`,
      `controls=${'x,'.repeat(MB / 2)}`,
      `${'k'.repeat(MB)}=1`,
      'rate=0.5&'.repeat(MB / 9),
      `hide=${'junk,'.repeat(MB / 5)}`,
      `model=mlp-${'1-'.repeat(MB / 2)}`,
      `dataset=${'<script>'.repeat(MB / 8)}`,
      '%'.repeat(MB),
      `${'&'.repeat(MB)}rate=0.5`,
    ];
    for (const q of huge) {
      const started = performance.now();
      const link = decodeLink(q);
      const ms = performance.now() - started;
      expect(ms, q.slice(0, 40)).toBeLessThan(3000);
      expect(parseConfig(link.config).issues).toEqual([]);
      expect(link.issues.length).toBeLessThanOrEqual(MAX_LINK_ISSUES);
      expect(link.issues.every((i) => i.message.length < 600)).toBe(true);
    }
    // 104,857 unknown keys: the first are named, one last line counts the rest.
    const many = decodeLink(huge[0]).issues;
    expect(many.at(-1)!.message).toMatch(/^and [\d,]+ more settings in this link that were not valid/);
    expect(decodeLink(huge[4]).issues[0].message).toMatch(/^rate is given 116,508 times \(rate=0\.5, rate=0\.5, rate=0\.5, …\); using the last$/);
  });

  it('the banner shows every payload as text: nothing a link holds becomes markup', () => {
    const issues: ConfigIssue[] = PAYLOADS.flatMap((p) => [...decodeConfig(`${encodeURIComponent(p)}=1&dataset=${encodeURIComponent(p)}&rate=${encodeURIComponent(p)}`).issues, ...decodeLink(`?hide=${encodeURIComponent(p)}&run=${encodeURIComponent(p)}`).issues]);
    expect(issues.length).toBeGreaterThan(PAYLOADS.length * 3);
    const html = renderToStaticMarkup(createElement(IssuesBannerView, { issues, onDismiss: () => {} }));
    // The banner's own elements only: no script, image, frame or SVG element, no event handler attribute.
    expect(new Set([...html.matchAll(/<([a-z]+)/g)].map((m) => m[1]))).toEqual(new Set(['div', 'b', 'ul', 'li', 'button']));
    expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
    expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=');
  });

  it('every field can be given in a link, and its key is what the message names', () => {
    for (const f of Object.values(FIELDS)) {
      const { issues } = decodeConfig(`${f.key}=%3Cscript%3E`);
      expect(issues.some((i) => i.message.startsWith(`${f.key}=`)), f.key).toBe(true);
    }
  });
});
