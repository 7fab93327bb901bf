// Config <-> query string, driven by FIELDS in schema.ts (in the spirit of TensorFlow Playground's
// typed URL table). Links carry every field plus a version key, so a link keeps meaning the same
// experiment even if a later release changes a default.
import { asTyped, quoted } from './shown';
import {
  checkField,
  FIELDS,
  parseConfig,
  type ConfigIssue,
  type ExperimentConfig,
  type FieldName,
  type ParsedConfig,
} from './schema';

export const URL_VERSION = 1;
export const VERSION_KEY = 'v';

// 'numbers': a list of numbers, each read as decimal like a 'number'.
type Kind = 'number' | 'string' | 'list' | 'numbers';
const KIND: Record<FieldName, Kind> = {
  dataset: 'string',
  model: 'string',
  rate: 'number',
  convRate: 'number',
  rounds: 'number',
  iters: 'number',
  batch: 'number',
  lr: 'number',
  opt: 'string',
  scope: 'string',
  rewind: 'number',
  mode: 'string',
  scoreLr: 'number',
  criterion: 'string',
  compare: 'list',
  transfer: 'string',
  transferOpt: 'string',
  transferLr: 'number',
  stability: 'list',
  rewinds: 'numbers',
  start: 'string',
  pruned: 'string',
  controls: 'list',
  evalEvery: 'number',
  evalSize: 'number',
  seed: 'number',
  seeds: 'number',
  backend: 'string',
};

const FIELD_BY_KEY = new Map<string, FieldName>(
  (Object.keys(FIELDS) as FieldName[]).map((name) => [FIELDS[name].key, name]),
);

/** Longest number and most list items a link value may hold: any valid value is far shorter. */
const MAX_NUMBER_CHARS = 40;
const MAX_LIST_ITEMS = 64;
/** Issues a link reports one by one; the rest are counted in one last line. */
export const MAX_LINK_ISSUES = 30;

// Decimal only, as links are written (0.2, 1000, 1e-4): Number() would also read 0x10, 0b11, 0o7,
// Infinity and an empty string. One way to match each input, so a long run of digits cannot make
// the match backtrack.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

type Decoded = { ok: true; value: unknown } | { ok: false; reason: string };

function decodeValue(kind: Kind, raw: string): Decoded {
  if (kind === 'number') {
    // A '+' in a query reads as a space: rate=+0.5 arrives as " 0.5". Other white space is junk.
    const text = raw.replace(/^ +| +$/g, '');
    if (!text) return { ok: false, reason: 'empty' };
    if (text.length > MAX_NUMBER_CHARS || !DECIMAL.test(text)) return { ok: false, reason: 'not a decimal number' };
    return { ok: true, value: Number(text) };
  }
  if (kind === 'list' || kind === 'numbers') {
    if (raw === '' || raw === 'none') return { ok: true, value: [] };
    const items = raw.split(/[,.+ ]/).filter(Boolean);
    if (items.length > MAX_LIST_ITEMS) return { ok: false, reason: `${items.length.toLocaleString('en-US')} items, more than any list here holds` };
    // The schema reads these with Number(), which would take 0x10 and white space too.
    const odd = kind === 'numbers' ? items.find((item) => item.length > MAX_NUMBER_CHARS || !DECIMAL.test(item)) : undefined;
    return odd === undefined ? { ok: true, value: items } : { ok: false, reason: `${quoted(odd)} is not a decimal number` };
  }
  return { ok: true, value: raw };
}

function encodeValue(kind: Kind, value: unknown): string {
  if ((kind === 'list' || kind === 'numbers') && typeof value === 'string') return value;
  if (kind === 'list' || kind === 'numbers') return (value as string[]).length ? (value as string[]).join(',') : 'none';
  if (kind === 'number') return String(Number((value as number).toPrecision(6)));
  return String(value);
}

/** `key=value` as the user typed it; text values in quotes, so an empty or spaced one shows. */
function typedSetting(key: string, kind: Kind, raw: string): string {
  return `${asTyped(key)}=${kind === 'string' ? quoted(raw) : asTyped(raw)}`;
}

/** The values of each key of a query string, in order of first appearance (a key may come more than once). */
export function queryValues(query: string): Map<string, string[]> {
  const q = query.includes('?') ? query.slice(query.indexOf('?') + 1) : query;
  const values = new Map<string, string[]>();
  for (const [key, raw] of new URLSearchParams(q.split('#')[0])) {
    const list = values.get(key);
    if (list) list.push(raw);
    else values.set(key, [raw]);
  }
  return values;
}

/** A key given more than once: the last value counts (as when the command line joins arguments with '&'). */
export function repeatedKeyIssue(key: string, raws: readonly string[]): ConfigIssue {
  const listed = raws.slice(0, 3).map((raw) => `${asTyped(key)}=${asTyped(raw, 20)}`);
  const more = raws.length > 3 ? ', …' : '';
  return { field: key, value: raws, message: `${asTyped(key)} is given ${raws.length.toLocaleString('en-US')} times (${listed.join(', ')}${more}); using the last` };
}

/** At most MAX_LINK_ISSUES issues: past that, one line counts the rest. */
export function capIssues(issues: ConfigIssue[]): ConfigIssue[] {
  if (issues.length <= MAX_LINK_ISSUES) return issues;
  const rest = issues.length - (MAX_LINK_ISSUES - 1);
  return [
    ...issues.slice(0, MAX_LINK_ISSUES - 1),
    { field: 'link', value: rest, message: `and ${rest.toLocaleString('en-US')} more settings in this link that were not valid, each ignored or replaced by its default` },
  ];
}

/**
 * Reads a config from a query string (with or without '?', or a whole URL). Keys listed in
 * `otherKeys` belong to someone else (the UI's lecture options) and are neither read nor reported.
 * Every issue names the key and the value as they were typed (`eval=abc`, not `evalEvery=NaN`)
 * and what is used instead. Valid values reach parseConfig exactly as before, so a valid link
 * means what it always meant. At most MAX_LINK_ISSUES issues, unless `all` asks for every one
 * (for a caller that adds its own and caps them together).
 */
export function decodeConfig(query: string, otherKeys: readonly string[] = [], { all = false } = {}): ParsedConfig {
  const input: Record<string, unknown> = {};
  const issues: ConfigIssue[] = [];
  for (const [key, raws] of queryValues(query)) {
    if (otherKeys.includes(key)) continue;
    if (raws.length > 1) issues.push(repeatedKeyIssue(key, raws));
    const raw = raws[raws.length - 1];
    if (key === VERSION_KEY) {
      if (raw !== String(URL_VERSION))
        issues.push({ field: key, value: raw, message: `link version ${asTyped(raw)} is not ${URL_VERSION}; read as version ${URL_VERSION}` });
      continue;
    }
    const name = FIELD_BY_KEY.get(key);
    if (!name) {
      issues.push({ field: key, value: raw, message: `unknown parameter ${quoted(key)} ignored` });
      continue;
    }
    const kind = KIND[name];
    const decoded = decodeValue(kind, raw);
    const check = decoded.ok ? checkField(name, decoded.value) : decoded;
    if (decoded.ok && check.ok) input[name] = decoded.value;
    else if (!check.ok) {
      const fallback = kind === 'string' ? quoted(String(FIELDS[name].default)) : encodeValue(kind, FIELDS[name].default);
      issues.push({ field: name, value: raw, message: `${typedSetting(key, kind, raw)}: ${check.reason}; using ${fallback}` });
    }
  }
  const parsed = parseConfig(input);
  const every = [...issues, ...parsed.issues];
  return { config: parsed.config, issues: all ? every : capIssues(every) };
}

/** Every field, in FIELDS order, as a short readable query string (no leading '?'). */
export function encodeConfig(config: ExperimentConfig): string {
  const parts = [`${VERSION_KEY}=${URL_VERSION}`];
  for (const name of Object.keys(FIELDS) as FieldName[]) {
    const value = encodeValue(KIND[name], config[name]);
    // Commas and hyphens stay literal so links read as written in the docs.
    parts.push(`${FIELDS[name].key}=${encodeURIComponent(value).replace(/%2C/g, ',')}`);
  }
  return parts.join('&');
}
