// Config <-> query string, driven by FIELDS in schema.ts (in the spirit of TensorFlow Playground's
// typed URL table). Links carry every field plus a version key, so a link keeps meaning the same
// experiment even if a later release changes a default.
import {
  FIELDS,
  parseConfig,
  type ConfigIssue,
  type ExperimentConfig,
  type FieldName,
  type ParsedConfig,
} from './schema';

export const URL_VERSION = 1;
export const VERSION_KEY = 'v';

type Kind = 'number' | 'string' | 'list';
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
  rewinds: 'list',
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

function decodeValue(kind: Kind, raw: string): unknown {
  if (kind === 'number') return raw.trim() === '' ? NaN : Number(raw);
  if (kind === 'list') return raw === '' || raw === 'none' ? [] : raw.split(/[,.+ ]/).filter(Boolean);
  return raw;
}

function encodeValue(kind: Kind, value: unknown): string {
  if (kind === 'list' && typeof value === 'string') return value;
  if (kind === 'list') return (value as string[]).length ? (value as string[]).join(',') : 'none';
  if (kind === 'number') return String(Number((value as number).toPrecision(6)));
  return String(value);
}

/**
 * Reads a config from a query string (with or without '?', or a whole URL). Keys listed in
 * `otherKeys` belong to someone else (the UI's lecture options) and are neither read nor reported.
 */
export function decodeConfig(query: string, otherKeys: readonly string[] = []): ParsedConfig {
  const q = query.includes('?') ? query.slice(query.indexOf('?') + 1) : query;
  const params = new URLSearchParams(q.split('#')[0]);
  const input: Record<string, unknown> = {};
  const issues: ConfigIssue[] = [];
  for (const [key, raw] of params) {
    if (key === VERSION_KEY) {
      if (raw !== String(URL_VERSION))
        issues.push({ field: key, value: raw, message: `link version ${raw} is not ${URL_VERSION}; read as version ${URL_VERSION}` });
      continue;
    }
    if (otherKeys.includes(key)) continue;
    const name = FIELD_BY_KEY.get(key);
    if (!name) {
      issues.push({ field: key, value: raw, message: `unknown parameter "${key}" ignored` });
      continue;
    }
    input[name] = decodeValue(KIND[name], raw);
  }
  const parsed = parseConfig(input);
  return { config: parsed.config, issues: [...issues, ...parsed.issues] };
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
