// Runs compared side by side, as actions callable without hooks: open saved runs compared (the
// Runs list), close the comparison, run a sweep (after asking, with its total estimate), act on a
// comparison link (reopen the saved runs it names, run the others after asking), and the
// comparison's own link keys for the address bar.
import { formatDuration } from '../config/implications';
import type { ExperimentConfig } from '../config/schema';
import { comparisonQuery, configKey, totalEstimateSeconds, type ComparisonPlan } from '../config/sweep';
import { decodeConfig } from '../config/url';
import { runLabels } from '../analysis/run-labels';
import type { ResultsDocument } from '../engine/events';
import { listRuns, loadRun, storageAvailable, type SavedRunMeta } from '../storage/runs-db';
import type { Comparison } from './comparison-slice';
import { useQuestion } from './confirm';
import { runOneAfterAnother, type FinishedRun } from './sweep';
import type { LabState } from './store';
import { useLab } from './store';

const isActive = () => ['starting', 'running', 'paused'].includes(useLab.getState().status);

/** Shows these runs compared (at least one document). */
export function openComparison(documents: readonly ResultsDocument[], runIds: readonly string[]): void {
  useLab.setState({ comparison: { documents: [...documents], runIds: [...runIds] }, comparisonNote: null });
}

export function closeComparison(): void {
  useLab.setState({ comparison: null, comparisonNote: null });
}

/** Saved runs (by id, in that order) compared; false when fewer than two could be read. */
export async function compareRuns(ids: readonly string[]): Promise<boolean> {
  const loaded = await Promise.all(ids.map((id) => loadRun(id).catch(() => null)));
  const found = ids.map((id, i) => ({ id, saved: loaded[i] })).filter((r) => r.saved !== null);
  if (found.length < 2) {
    useLab.setState({ comparisonNote: `Fewer than two of these saved runs could be read (${found.length} of ${ids.length}); nothing to compare.` });
    return false;
  }
  openComparison(
    found.map((r) => r.saved!.document),
    found.map((r) => r.id),
  );
  return true;
}

/** The finished saved run of each config, where this browser has one (the newest). */
export async function savedRunsFor(configs: readonly ExperimentConfig[]): Promise<(SavedRunMeta | null)[]> {
  let metas: SavedRunMeta[] = [];
  if (storageAvailable()) metas = await listRuns().catch(() => []);
  const byConfig = new Map<string, SavedRunMeta>();
  for (const meta of metas) {
    if (meta.status !== 'complete') continue;
    // Normalised through the link reader, so a run saved by an older release still matches.
    const key = configKey(decodeConfig(meta.query).config);
    const other = byConfig.get(key);
    if (!other || other.updatedAt < meta.updatedAt) byConfig.set(key, meta);
  }
  return configs.map((c) => byConfig.get(configKey(c)) ?? null);
}

/** Asks with the estimate; on yes, trains `configs` one after another and compares them with `kept`, in `order`. */
function askAndRun(title: string, text: (estimate: string) => string, confirm: string, configs: readonly ExperimentConfig[], start: () => void, done: (finished: FinishedRun[]) => void): void {
  const estimate = formatDuration(totalEstimateSeconds(configs));
  useQuestion.setState({
    question: {
      // A long action asks like a long run does.
      kind: 'long',
      title,
      text: text(estimate),
      confirm,
      onConfirm: () => {
        if (isActive()) return;
        void runOneAfterAnother(configs, runLabels(configs), start).then(({ finished, endedEarly }) => {
          if (endedEarly) {
            useLab.setState({ comparisonNote: `The sweep ended after ${finished.length} of ${configs.length} runs (the run ${endedEarly === 'idle' ? 'was reset' : endedEarly}).` });
            return;
          }
          done(finished);
        });
      },
    },
  });
}

/** A sweep (the form): one run per config, after asking with the total estimate; then compared. */
export function requestSweep(configs: readonly ExperimentConfig[], start: () => void): void {
  if (isActive() || configs.length === 0) return;
  const labels = runLabels(configs);
  askAndRun(
    `Run a sweep of ${configs.length} runs?`,
    (estimate) => `One run each for ${labels.join('; ')}, one after another: estimated at about ${estimate} in all on this machine.${storageAvailable() ? ' Each run is saved.' : ''}`,
    'Start sweep',
    configs,
    start,
    (finished) =>
      openComparison(
        finished.map((f) => f.document),
        finished.map((f) => f.runId),
      ),
  );
}

/**
 * A comparison link: the runs saved in this browser are reopened as they are; the others are
 * trained one after another once the user agrees to the estimate. Then all are compared in the
 * link's order.
 */
export async function openLinkedComparison(plan: ComparisonPlan, start: () => void): Promise<void> {
  const saved = await savedRunsFor(plan.configs);
  const loaded = await Promise.all(saved.map((meta) => (meta ? loadRun(meta.id).catch(() => null) : null)));
  const missing = plan.configs.filter((_, i) => !loaded[i]);
  const compare = (ran: FinishedRun[]) => {
    const byKey = new Map(ran.map((r) => [configKey(r.document.config), r]));
    const runs = plan.configs.map((c, i) => (loaded[i] ? { document: loaded[i]!.document, runId: saved[i]!.id } : byKey.get(configKey(c)) ?? null));
    const present = runs.filter((r): r is FinishedRun => r !== null);
    openComparison(
      present.map((r) => r.document),
      present.map((r) => r.runId),
    );
  };
  if (missing.length === 0) return compare([]);
  const kept = plan.configs.length - missing.length;
  const savedHere = kept ? `${kept} of them ${kept === 1 ? 'is' : 'are'} saved in this browser; the other ${missing.length}` : `None of them is saved in this browser; all ${missing.length}`;
  askAndRun(
    kept ? `Run ${missing.length} of the ${plan.configs.length} compared runs?` : `Run the ${plan.configs.length} compared runs?`,
    (estimate) => `This link compares ${plan.configs.length} runs. ${savedHere} run one after another, estimated at about ${estimate} in all on this machine.`,
    'Run them',
    missing,
    start,
    compare,
  );
}

// The address bar is written on every store change (progress ticks included): the comparison's
// link keys are worked out again only when the config or the comparison changes.
let memo: { config: ExperimentConfig; comparison: Comparison; query: string } | null = null;

/** The comparison's link keys over the config on screen ('' when none is open), e.g. `sweep=rate:0.2,0.5`. */
export function comparisonLinkPart(state: Pick<LabState, 'config' | 'comparison'>): string {
  const { config, comparison } = state;
  if (!comparison || comparison.documents.length < 2) return '';
  if (memo?.config !== config || memo.comparison !== comparison) {
    memo = { config, comparison, query: comparisonQuery(config, comparison.documents.map((d) => d.config)) };
  }
  return memo.query;
}
