// The address bar always holds the whole config plus the lecture options, updated in place
// (replaceState: no history entry per slider move).
import { encodeConfig } from '../config/url';
import type { ConfigIssue } from '../config/schema';
import { comparisonLinkPart } from './comparison';
import { decodeLink } from './link';
import { useLab } from './store';
import { UI_KEYS } from './ui-slice';
import { openLinkedChapter } from '../tour/tour-actions';
import { linkNamesExperiment } from '../tour/tour-param';

export interface UrlState {
  issues: ConfigIssue[];
  autorun: boolean;
}

/**
 * Reads the link into the store; returns what was wrong with it and whether run=1 was asked.
 * startUrlSync then rewrites the address from the store, which drops what was not valid.
 */
export function readUrl(search: string): UrlState {
  const { config, issues, hidden, big, projector, autorun, comparison, tour } = decodeLink(search);
  useLab.getState().setConfig(config, issues);
  useLab.setState({ linkedComparison: comparison }); // acted on by the comparison area (src/panels/compare/)
  useLab.getState().setHidden(hidden);
  useLab.getState().setBig(big);
  if (tour !== null) openLinkedChapter(tour, linkNamesExperiment(search, UI_KEYS));
  useLab.getState().setProjector(projector);
  return { issues, autorun };
}

export function urlFor(state = useLab.getState(), extra = ''): string {
  let query = encodeConfig(state.config);
  if (state.hidden.length) query += `&hide=${state.hidden.join(',')}`;
  if (state.big) query += '&big=1';
  if (state.projector) query += '&projector=1';
  const compared = comparisonLinkPart(state);
  if (compared) query += `&${compared}`;
  if (state.tour !== null) query += `&tour=${state.tour}`;
  return `?${query}${extra}`;
}

/** Keeps location.search in step with the store. Returns the unsubscribe function. */
export function startUrlSync(): () => void {
  let last = '';
  const write = () => {
    const next = urlFor();
    if (next === last) return;
    last = next;
    history.replaceState(history.state, '', next + location.hash);
  };
  write();
  return useLab.subscribe(write);
}
