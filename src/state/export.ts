// Files out of and into the lab: the results document (JSON), per-round metrics (CSV), and
// importing a document to look at a run without running it again.
import { checkResults, MAX_RESULTS_FILE_BYTES } from '../config/results-schema';
import { armResultOf, configArms, type Arm, type ResultsDocument } from '../engine/events';

const ARM_COLUMNS = ['testAccuracy', 'testAccuracyAtEarlyStop', 'untrainedAccuracy', 'bestValAccuracy', 'earlyStopIteration', 'testLoss', 'seconds'] as const;
// With stability=…: each arm's measures (empty in rounds not measured).
const STABILITY_COLUMNS = ['instability', 'distance'] as const;

/** One row per seed and round; one column group per arm (empty where an arm did not run). */
export function roundsCsv(doc: ResultsDocument): string {
  // Every arm the config trains: the ticket, the controls, compared criteria, swept rewinds, transfer arms.
  const arms: Arm[] = ['ticket', 'reinit', 'randomMask', ...configArms(doc.config).filter((a) => !['ticket', 'reinit', 'randomMask'].includes(a))];
  const stability = doc.config.stability === 'all' || doc.config.stability.length > 0;
  const columns = (a: Arm) => [...ARM_COLUMNS.map((c) => `${a}.${c}`), ...(stability ? STABILITY_COLUMNS.map((c) => `${a}.${c}`) : [])];
  const values = (r: ResultsDocument['rounds'][number], a: Arm) => {
    const res = armResultOf(r, a);
    return [...ARM_COLUMNS.map((c) => res?.[c] ?? ''), ...(stability ? STABILITY_COLUMNS.map((c) => res?.stability?.[c] ?? '') : [])];
  };
  const header = ['seed', 'round', 'remaining', ...arms.flatMap(columns)];
  const runs = [{ seed: doc.config.seed, rounds: doc.rounds }, ...doc.extraSeeds];
  const rows = runs.flatMap(({ seed, rounds }) => rounds.map((r) => [seed, r.round, r.remaining, ...arms.flatMap((a) => values(r, a))]));
  return [header, ...rows].map((row) => row.join(',')).join('\n') + '\n';
}

export function resultsJson(doc: ResultsDocument): string {
  return JSON.stringify(doc, null, 2);
}

/** Megabytes rounded up to a tenth, so a file just over the limit does not read as the limit. */
const megabytes = (bytes: number) => `${(Math.ceil(bytes / 1024 / 1024 * 10) / 10).toLocaleString('en-US')} MB`;

/** Why a file of `bytes` is too large to read, or null: checked before reading it (File.size) and again on its text. */
export function resultsFileSizeError(bytes: number): string | null {
  return bytes > MAX_RESULTS_FILE_BYTES ? `This file is ${megabytes(bytes)}, more than the ${megabytes(MAX_RESULTS_FILE_BYTES)} the lab reads as a results file.` : null;
}

/**
 * Parses and checks an imported file's text; throws an Error that says in one sentence what is
 * wrong (the first problem found, and how many more there are). Nothing else is thrown.
 */
export function parseResultsFile(text: string): { document: ResultsDocument; notes: string[] } {
  const tooLarge = resultsFileSizeError(text.length);
  if (tooLarge) throw new Error(tooLarge);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('This file is not JSON: choose a results file exported from Ticket Lab or written by npm run experiment.');
  }
  const check = checkResults(value);
  if (!check.ok) {
    const more = check.errors.length - 1;
    throw new Error(`This is not a Ticket Lab results document: ${check.errors[0]}${more ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}.`);
  }
  return { document: check.document, notes: check.notes };
}

export function fileStem(doc: ResultsDocument): string {
  const c = doc.config;
  return `ticket-lab-${c.dataset}-${c.model}-rate${c.rate}-seed${c.seed}`;
}
