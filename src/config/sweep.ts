// Runs compared side by side, as a link: `sweep=rate:0.2,0.5,0.8` (one setting given several
// values over the link's config) or `runs=rate:0.2;rate:0.5,seed:3` (each run's settings that
// differ from the link's config, runs separated by ';'). Every value goes through the same link
// reader as the config (decodeConfig), so a sweep accepts exactly what a link accepts, and a bad
// value is named in the user's words and left out, never a crash. Pure: no store, no storage.
import { estimateTime } from './implications';
import { FIELDS, isFieldName, type ConfigIssue, type ExperimentConfig, type FieldName } from './schema';
import { asTyped, quoted } from './shown';
import { decodeConfig, encodeConfig } from './url';

export const SWEEP_KEY = 'sweep';
export const RUNS_KEY = 'runs';
/** Most runs one comparison holds: one colour each, and a bounded amount of work per link. */
export const MAX_COMPARED_RUNS = 8;
/** Past this many values or runs a link's list is refused whole rather than read item by item. */
const MAX_LIST_ITEMS = 64;

/** One setting given several values: the field, its link key, and each value as link text. */
export interface Sweep {
  field: FieldName;
  key: string;
  values: string[];
}

/** The runs a comparison link names, in order, and the sweep they form when the link is one. */
export interface ComparisonPlan {
  sweep: Sweep | null;
  configs: ExperimentConfig[];
}

export interface PlanResult {
  plan: ComparisonPlan | null;
  issues: ConfigIssue[];
}

const FIELD_BY_KEY = new Map<string, FieldName>((Object.keys(FIELDS) as FieldName[]).map((name) => [FIELDS[name].key, name]));

/** The field a link key names; its field name (evalEvery for eval) is read too. */
export function fieldOfKey(key: string): FieldName | null {
  return FIELD_BY_KEY.get(key) ?? (isFieldName(key) ? key : null);
}

/** The identity of a config: two runs are the same experiment when their links are. */
export const configKey = (config: ExperimentConfig) => encodeConfig(config);

/** Each field's value in the config's own link, by link key. */
const linkValues = (config: ExperimentConfig) => new URLSearchParams(encodeConfig(config));

type Applied = { ok: true; config: ExperimentConfig } | { ok: false; reason: string };

/**
 * The base config with some settings given as link text (key, value), read as a link reads them.
 * Any issue (a bad value, or one another setting refuses) makes the whole run not valid: a run
 * that silently became another would be compared under a wrong name.
 */
export function applySettings(base: ExperimentConfig, settings: readonly (readonly [string, string])[]): Applied {
  const params = linkValues(base);
  for (const [key, raw] of settings) params.set(key, raw);
  const { config, issues } = decodeConfig(params.toString());
  if (issues.length === 0) return { ok: true, config };
  // The link reader's own words, less what it would use instead: here the value is left out.
  return { ok: false, reason: issues[0].message.replace(/; (using|dropped)[^;]*$/, '') };
}

const shownSetting = (text: string) => `${SWEEP_KEY}=${asTyped(text)}`;

/**
 * Reads `sweep=` text against the link's config: the setting (link key or field name), then its
 * values separated by commas (a list setting's items by '+'). Bad values are reported and left
 * out, as are values that make the same run twice; fewer than two good values is no sweep.
 */
export function parseSweep(text: string, base: ExperimentConfig): PlanResult {
  const issues: ConfigIssue[] = [];
  const fail = (reason: string): PlanResult => ({ plan: null, issues: [{ field: SWEEP_KEY, value: text, message: `${shownSetting(text)}: ${reason}` }] });
  const colon = text.indexOf(':');
  if (colon < 0) return fail('use sweep=setting:value,value (for example sweep=rate:0.2,0.5); no sweep');
  const name = text.slice(0, colon).trim();
  const field = fieldOfKey(name);
  if (!field) return fail(`no setting is called ${quoted(name, 30)}; no sweep`);
  const key = FIELDS[field].key;
  const raws = text.slice(colon + 1).split(',').map((v) => v.trim());
  if (raws.length > MAX_LIST_ITEMS) return fail(`${raws.length.toLocaleString('en-US')} values, more than a sweep holds (${MAX_COMPARED_RUNS}); no sweep`);

  const values: string[] = [];
  const configs: ExperimentConfig[] = [];
  const seen = new Map<string, string>();
  for (const raw of raws) {
    if (raw === '') continue;
    const applied = applySettings(base, [[key, raw]]);
    const where = `${SWEEP_KEY} value ${asTyped(key)}:${asTyped(raw, 30)}`;
    if (!applied.ok) {
      issues.push({ field: SWEEP_KEY, value: raw, message: `${where}: ${applied.reason}; left out of the sweep` });
      continue;
    }
    const id = configKey(applied.config);
    const twin = seen.get(id);
    if (twin !== undefined) {
      issues.push({ field: SWEEP_KEY, value: raw, message: `${where} is the same run as ${asTyped(key)}:${asTyped(twin, 30)}; left out` });
      continue;
    }
    seen.set(id, raw);
    values.push(raw);
    configs.push(applied.config);
  }
  if (values.length < 2) return { plan: null, issues: [...issues, ...fail('a sweep needs two or more valid values; no sweep').issues] };
  if (values.length > MAX_COMPARED_RUNS) {
    issues.push({ field: SWEEP_KEY, value: text, message: `${shownSetting(text)}: at most ${MAX_COMPARED_RUNS} values are compared; using the first ${MAX_COMPARED_RUNS}` });
    values.length = MAX_COMPARED_RUNS;
    configs.length = MAX_COMPARED_RUNS;
  }
  return { plan: { sweep: { field, key, values }, configs }, issues };
}

/**
 * Reads `runs=` text against the link's config: runs separated by ';', each a list of
 * `key:value` settings separated by ',' (an empty run is the link's config itself). A run with a
 * bad setting is reported and left out, as is a run named twice.
 */
export function parseRuns(text: string, base: ExperimentConfig): PlanResult {
  const issues: ConfigIssue[] = [];
  const fail = (reason: string): PlanResult => ({ plan: null, issues: [{ field: RUNS_KEY, value: text, message: `${RUNS_KEY}=${asTyped(text)}: ${reason}` }] });
  const entries = text.split(';');
  if (entries.length > MAX_LIST_ITEMS) return fail(`${entries.length.toLocaleString('en-US')} runs, more than a comparison holds (${MAX_COMPARED_RUNS}); nothing compared`);
  const configs: ExperimentConfig[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    const where = `${RUNS_KEY}: run ${i + 1} (${asTyped(entry, 40) || 'the link’s own settings'})`;
    const settings: [string, string][] = [];
    for (const pair of entry.split(',').filter((p) => p.trim() !== '')) {
      const colon = pair.indexOf(':');
      const field = colon < 0 ? null : fieldOfKey(pair.slice(0, colon).trim());
      if (!field) {
        issues.push({ field: RUNS_KEY, value: entry, message: `${where}: ${asTyped(pair, 30)} is not setting:value with a setting this lab has; left out` });
        return;
      }
      settings.push([FIELDS[field].key, pair.slice(colon + 1).trim()]);
    }
    const applied = applySettings(base, settings);
    if (!applied.ok) {
      issues.push({ field: RUNS_KEY, value: entry, message: `${where}: ${applied.reason}; left out` });
      return;
    }
    const id = configKey(applied.config);
    if (seen.has(id)) {
      issues.push({ field: RUNS_KEY, value: entry, message: `${where} is named twice; compared once` });
      return;
    }
    seen.add(id);
    configs.push(applied.config);
  });
  if (configs.length < 2) return { plan: null, issues: [...issues, ...fail('a comparison needs two or more valid runs; nothing compared').issues] };
  if (configs.length > MAX_COMPARED_RUNS) {
    issues.push({ field: RUNS_KEY, value: text, message: `${RUNS_KEY}=${asTyped(text)}: at most ${MAX_COMPARED_RUNS} runs are compared; using the first ${MAX_COMPARED_RUNS}` });
    configs.length = MAX_COMPARED_RUNS;
  }
  return { plan: { sweep: null, configs }, issues };
}

/**
 * The comparison a link asks for, from its `sweep=` and `runs=` values (the last of each, as a
 * link reads a repeated key) over the link's config. Both given: runs= names the runs exactly.
 */
export function decodeComparison(sweepText: string | undefined, runsText: string | undefined, base: ExperimentConfig): PlanResult {
  if (runsText !== undefined) {
    const runs = parseRuns(runsText, base);
    if (sweepText === undefined) return runs;
    const note = { field: SWEEP_KEY, value: sweepText, message: `${shownSetting(sweepText)} ignored: the link also names its runs with ${RUNS_KEY}=` };
    return { plan: runs.plan, issues: [note, ...runs.issues] };
  }
  return sweepText === undefined ? { plan: null, issues: [] } : parseSweep(sweepText, base);
}

/** The configs a sweep runs: the base with the swept setting at each value (values already valid). */
export function sweepConfigs(base: ExperimentConfig, sweep: Sweep): ExperimentConfig[] {
  return sweep.values.map((raw) => {
    const applied = applySettings(base, [[sweep.key, raw]]);
    return applied.ok ? applied.config : base;
  });
}

/** Total estimated wall time of running these configs one after another (the cost model's figure). */
export function totalEstimateSeconds(configs: readonly ExperimentConfig[], samplesPerSecond?: number): number {
  return configs.reduce((sum, c) => sum + estimateTime(c, samplesPerSecond).seconds, 0);
}

// Link text keeps ',' ':' ';' literal so a comparison link reads as written in the docs.
const linkText = (text: string) => encodeURIComponent(text).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%3B/g, ';');

/** `sweep=` text: key:value,value. */
export const encodeSweep = (sweep: Sweep) => `${sweep.key}:${sweep.values.map((v) => linkText(v.replace(/,/g, '+'))).join(',')}`;

/** The one setting in which every config differs from the base and from each other, if there is one. */
export function sweepOf(base: ExperimentConfig, configs: readonly ExperimentConfig[]): Sweep | null {
  const baseValues = linkValues(base);
  const differing = new Set<string>();
  const perRun = configs.map((c) => linkValues(c));
  for (const values of perRun) for (const [key, value] of values) if (baseValues.get(key) !== value) differing.add(key);
  if (differing.size !== 1) return null;
  const [key] = differing;
  const field = fieldOfKey(key);
  if (!field) return null;
  const values = perRun.map((v) => v.get(key) ?? '');
  if (new Set(values).size !== values.length) return null;
  const sweep = { field, key, values };
  // Only when the sweep, read back, names these very runs (a list setting's text reads back the same).
  const again = sweepConfigs(base, sweep).map(configKey);
  return again.every((k, i) => k === configKey(configs[i])) ? sweep : null;
}

/** `runs=` text: per run, the settings whose link value differs from the base's. */
export function encodeRuns(base: ExperimentConfig, configs: readonly ExperimentConfig[]): string {
  const baseValues = linkValues(base);
  return configs
    .map((c) =>
      [...linkValues(c)]
        .filter(([key, value]) => baseValues.get(key) !== value)
        .map(([key, value]) => `${key}:${linkText(value.replace(/,/g, '+'))}`)
        .join(','),
    )
    .join(';');
}

/**
 * The link keys that name these runs over the base config (no leading '&'): sweep= when they are
 * one setting's values, else runs=.
 */
export function comparisonQuery(base: ExperimentConfig, configs: readonly ExperimentConfig[]): string {
  const sweep = sweepOf(base, configs);
  return sweep ? `${SWEEP_KEY}=${encodeSweep(sweep)}` : `${RUNS_KEY}=${encodeRuns(base, configs)}`;
}

/** The settings a sweep form can offer: every field, by its link key, with its one-line doc. */
export const SWEEP_SETTINGS: readonly { field: FieldName; key: string; doc: string }[] = (Object.keys(FIELDS) as FieldName[]).map((field) => ({
  field,
  key: FIELDS[field].key,
  doc: FIELDS[field].doc,
}));

/** A config's value of a field as link text (the sweep form starts from it). */
export const linkValueOf = (config: ExperimentConfig, field: FieldName) => linkValues(config).get(FIELDS[field].key) ?? '';
