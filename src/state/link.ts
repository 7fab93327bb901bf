// A whole link as the page reads it: the experiment's config (src/config/url.ts) and the lecture
// options hide=, big= and run=. Pure: the store is filled from its result by url-sync.ts, and the
// address bar is then rewritten from the store, so whatever was not valid leaves the link once the
// banner has named it.
import { FIELDS, type ConfigIssue, type ExperimentConfig } from '../config/schema';
import { asTyped } from '../config/shown';
import { capIssues, decodeConfig, queryValues, repeatedKeyIssue } from '../config/url';
import { decodeComparison, RUNS_KEY, SWEEP_KEY, type ComparisonPlan } from '../config/sweep';
import { LINK_ONLY_PANELS, PANELS, UI_KEYS } from './ui-slice';
import { TOUR_CHAPTERS } from '../tour/chapters';
import { readTourParam, TOUR_KEY } from '../tour/tour-param';

export interface Link {
  config: ExperimentConfig;
  /** Everything in the link that was not valid, each with what is used instead. */
  issues: ConfigIssue[];
  hidden: string[];
  big: boolean;
  /** projector=1: the dark one-chart-at-a-time page for a lecture hall. */
  projector: boolean;
  autorun: boolean;
  /** sweep= or runs=: the runs the link compares side by side (src/config/sweep.ts). */
  comparison: ComparisonPlan | null;
  /** tour=N: the guided tour's chapter to open (1-based), or null. */
  tour: number | null;
}

/** What hide= can name: a panel or a setting (by its field name). */
export const HIDE_NAMES: ReadonlySet<string> = new Set([...PANELS.map((p) => p.id), ...LINK_ONLY_PANELS, ...Object.keys(FIELDS)]);

/** A switch that is 1 (on) or 0 (off); anything else is reported and read as off. */
function readSwitch(key: string, raw: string | undefined, meaning: string, issues: ConfigIssue[]): boolean {
  if (raw === undefined || raw === '0') return false;
  if (raw === '1') return true;
  issues.push({ field: key, value: raw, message: `${key}=${asTyped(raw)}: use ${key}=1 for ${meaning} or leave it out; ${key === 'run' ? 'not started' : 'ignored'}` });
  return false;
}

export function decodeLink(search: string): Link {
  const { config, issues: configIssues } = decodeConfig(search, UI_KEYS, { all: true });
  const values = queryValues(search);
  const issues: ConfigIssue[] = [];
  const last = (key: string) => {
    const raws = values.get(key);
    if (raws && raws.length > 1) issues.push(repeatedKeyIssue(key, raws));
    return raws?.[raws.length - 1];
  };

  const named = (last('hide') ?? '').split(',').filter(Boolean);
  const hidden = [...new Set(named.filter((n) => HIDE_NAMES.has(n)))];
  const unknown = [...new Set(named.filter((n) => !HIDE_NAMES.has(n)))];
  if (unknown.length) {
    const listed = unknown.slice(0, 5).map((n) => asTyped(n, 30)).join(', ') + (unknown.length > 5 ? ', …' : '');
    issues.push({ field: 'hide', value: unknown, message: `hide=${listed}: no panel or setting has ${unknown.length > 1 ? 'these names' : 'this name'}; ignored` });
  }
  const big = readSwitch('big', last('big'), 'large text', issues);
  const projector = readSwitch('projector', last('projector'), 'projector mode', issues);
  const autorun = readSwitch('run', last('run'), 'starting the run when the link opens', issues);
  const compared = decodeComparison(last(SWEEP_KEY), last(RUNS_KEY), config);
  issues.push(...compared.issues);
  const tour = readTourParam(last(TOUR_KEY), TOUR_CHAPTERS.length);
  if (tour.issue) issues.push(tour.issue);
  // A comparison asks before it runs anything: run=1 does not start the link's own config beside it.
  return { config, issues: capIssues([...configIssues, ...issues]), hidden, big, projector, autorun: autorun && !compared.plan, comparison: compared.plan, tour: tour.chapter };
}
