// What an exported chart says under itself: the experiment's settings in words and the link that
// runs it again, read from the store when the button is pressed.
import { settingsCaption } from '../analysis/settings-caption';
import { encodeConfig } from '../config/url';
import { useLab } from './store';

/** The run on screen (or, before any run, the settings about to run): caption line and link. */
export function exportCaption(): string[] {
  const s = useLab.getState();
  const config = s.document?.config ?? s.config;
  const link = typeof location === 'undefined' ? `?${encodeConfig(config)}` : new URL(`?${encodeConfig(config)}`, location.href).href;
  return [settingsCaption(config), link];
}
