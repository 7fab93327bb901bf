// The tour's link key (tour=N, 1-based) read in the user's words, and the chapter arithmetic the
// buttons use. Pure: src/state/link.ts reports the issue, the tour panel moves between chapters.
import type { ConfigIssue } from '../config/schema';
import { queryValues } from '../config/url';

export const TOUR_KEY = 'tour';

export interface TourParam {
  /** The chapter to open, 1-based; null when the link names none or names one that does not exist. */
  chapter: number | null;
  issue: ConfigIssue | null;
}

const range = (count: number) => (count === 1 ? 'tour=1' : `tour=1 to tour=${count}`);

/** tour=N as typed: a whole number from 1 to `count` opens that chapter; anything else is named and opens none. */
export function readTourParam(raw: string | undefined, count: number): TourParam {
  if (raw === undefined) return { chapter: null, issue: null };
  const typed = raw.length > 20 ? `${raw.slice(0, 20)}…` : raw;
  if (!/^\d+$/.test(raw.trim())) {
    return { chapter: null, issue: { field: TOUR_KEY, value: raw, message: `tour=${typed}: not a chapter number; use ${range(count)}; no chapter opened` } };
  }
  const n = Number(raw.trim());
  if (n < 1 || n > count) {
    return { chapter: null, issue: { field: TOUR_KEY, value: raw, message: `tour=${typed}: the guided tour has chapters 1 to ${count}; no chapter opened` } };
  }
  return { chapter: n, issue: null };
}

/** The chapter `step` away from `chapter`, kept within 1…count (Back on the first stays on the first). */
export function stepChapter(chapter: number, step: number, count: number): number {
  return Math.min(count, Math.max(1, chapter + step));
}

/**
 * Whether the link names any experiment setting (a key other than the page's own): a shared link
 * that was changed after the chapter opened keeps its settings; a bare `?tour=3` loads the chapter's.
 */
export function linkNamesExperiment(search: string, pageKeys: readonly string[]): boolean {
  return [...queryValues(search).keys()].some((key) => !pageKeys.includes(key));
}
