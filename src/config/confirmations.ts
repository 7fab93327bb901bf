// When a run asks before it starts. Pure: the page (src/state/confirm.ts) supplies the facts.

export type RunSource = 'link' | 'button';

/** A run=1 link starts by itself only when it is estimated at 10 min or less. */
export const LINK_LIMIT_SECONDS = 10 * 60;
/** The Run button (and Space) asks above 30 min. */
export const BUTTON_LIMIT_SECONDS = 30 * 60;

export interface ConfirmationFacts {
  estimateSeconds: number;
  source: RunSource;
}

/** True when a run this long, started this way, should wait for a click. */
export function needsConfirmation({ estimateSeconds, source }: ConfirmationFacts): boolean {
  if (!Number.isFinite(estimateSeconds)) return true;
  return estimateSeconds > (source === 'link' ? LINK_LIMIT_SECONDS : BUTTON_LIMIT_SECONDS);
}

/** Status values whose results on screen a new run or Reset would replace. */
export const hasFinishedResults = (status: string, hasDocument: boolean): boolean =>
  hasDocument && (status === 'complete' || status === 'stopped' || status === 'failed');
