// Start-up: read the link into the store, keep the link in step, mount the page.
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { lab } from './state/actions';
import { useLab } from './state/store';
import { useSavedRuns } from './storage/saved-runs';
import { readUrl, startUrlSync } from './state/url-sync';
import './styles.css';

const { autorun } = readUrl(location.search);
startUrlSync();
createRoot(document.getElementById('root')!).render(<App />);
if (autorun) lab.run('link'); // a long run asks first (src/config/confirmations.ts)
else {
  // Time estimates from this machine: measured on load, and again when the settings that set the speed change.
  lab.measureSpeed();
  let again: ReturnType<typeof setTimeout> | undefined;
  useLab.subscribe((s, before) => {
    if (s.config === before.config) return;
    clearTimeout(again);
    again = setTimeout(lab.measureSpeed, 1500);
  });
}
// The page's actions and store for the browser tests and the curious (e.g. ticketLab.lab.forceFault('crash') tries the recovery).
Object.assign(window, { ticketLab: { lab, store: useLab, savedRuns: useSavedRuns } });
