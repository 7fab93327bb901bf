// The address bar always holds the whole config plus the lecture options, updated in place
// (replaceState: no history entry per slider move).
import { decodeConfig, encodeConfig } from '../config/url';
import type { ConfigIssue } from '../config/schema';
import { useLab } from './store';
import { UI_KEYS } from './ui-slice';

export interface UrlState {
  issues: ConfigIssue[];
  autorun: boolean;
}

/** Reads the link into the store; returns what was wrong with it and whether run=1 was asked. */
export function readUrl(search: string): UrlState {
  const { config, issues } = decodeConfig(search, UI_KEYS);
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const hide = (params.get('hide') ?? '').split(',').filter(Boolean);
  useLab.getState().setConfig(config, issues);
  useLab.getState().setHidden(hide);
  useLab.getState().setBig(params.get('big') === '1');
  return { issues, autorun: params.get('run') === '1' };
}

export function urlFor(state = useLab.getState(), extra = ''): string {
  let query = encodeConfig(state.config);
  if (state.hidden.length) query += `&hide=${state.hidden.join(',')}`;
  if (state.big) query += '&big=1';
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
