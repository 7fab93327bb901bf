// Projector mode's bar (projector=1): the experiment in one line, and one chart at a time with
// ‹ › (and the Left/Right arrow keys) to move between the charts that have content. Which cards
// exist and which are empty is read from the page (each panel decides that itself); the chart on
// screen is chosen by a style rule this component keeps in a style sheet, so no panel needs to know the mode.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { projectorPaletteCss } from '../panels/theme';
import { useLab } from '../state/store';
import { keyBelongsToFocus } from './page-keys';
import { SettingsCaption } from './SettingsCaption';

export interface ProjectedChart {
  /** The card's data-panel. */
  id: string;
  title: string;
  /** A weight view: the round scrubber stays on screen with it. */
  weights: boolean;
}

/** The headline chart, shown first when it has content. */
export const FIRST_CHART = 'accuracy-vs-remaining';

/** Chart cards in page order that show a chart: not hidden by the link, not their empty message. */
export function chartsWithContent(root: ParentNode): ProjectedChart[] {
  return [...root.querySelectorAll<HTMLElement>('.chart-card[data-panel]')]
    .filter((card) => !card.hidden && !card.querySelector('[data-empty]'))
    .map((card) => ({ id: card.dataset.panel ?? '', title: card.getAttribute('aria-label') ?? '', weights: card.closest('.panels-weights') !== null }));
}

/** The chart to show: the one picked while it has content, else the headline chart, else the first. */
export function shownChart(charts: readonly ProjectedChart[], picked: string | null): ProjectedChart | null {
  return charts.find((c) => c.id === picked) ?? charts.find((c) => c.id === FIRST_CHART) ?? charts[0] ?? null;
}

/** Hides every card but the one shown (before any run: the headline chart's empty card). */
export function projectorRule(shown: ProjectedChart | null): string {
  const id = JSON.stringify(shown?.id ?? FIRST_CHART);
  const cards = `.app.projector main .chart-card[data-panel]:not([data-panel=${id}]) { display: none; }`;
  return shown?.weights ? `${cards}\n.app.projector .scrubber { display: flex; }` : cards;
}

// The charts' colours on the dark card (theme.ts keeps both palettes).
const PALETTE_CSS = projectorPaletteCss();

const sameCharts = (a: readonly ProjectedChart[], b: readonly ProjectedChart[]) =>
  a.length === b.length && a.every((c, i) => c.id === b[i].id && c.title === b[i].title && c.weights === b[i].weights);

export function ProjectorBar() {
  const barRef = useRef<HTMLElement>(null);
  const [charts, setCharts] = useState<ProjectedChart[]>([]);
  const [picked, setPicked] = useState<string | null>(null);
  const settingsHidden = useLab((s) => s.hidden.includes('settings'));

  // Charts appear, empty out and hide as runs start and the link changes: follow the page.
  useEffect(() => {
    const main = barRef.current?.closest('main');
    if (!main) return;
    const read = () => setCharts((old) => {
      const now = chartsWithContent(main);
      return sameCharts(old, now) ? old : now;
    });
    read();
    const observer = new MutationObserver(read);
    observer.observe(main, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden', 'data-empty'] });
    return () => observer.disconnect();
  }, []);

  const shown = shownChart(charts, picked);
  const index = shown ? charts.indexOf(shown) : -1;
  const move = useCallback(
    (step: number) => {
      if (!charts.length) return;
      setPicked(charts[(Math.max(0, index) + step + charts.length) % charts.length].id);
    },
    [charts, index],
  );

  // The page's CSP allows no inline <style>: the rules go into a constructed style sheet.
  const rule = projectorRule(shown);
  const sheet = useMemo(() => (typeof CSSStyleSheet === 'function' && 'adoptedStyleSheets' in document ? new CSSStyleSheet() : null), []);
  useEffect(() => {
    if (!sheet) return;
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [sheet]);
  useEffect(() => sheet?.replaceSync(`${PALETTE_CSS}\n${rule}`), [sheet, rule]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') || keyBelongsToFocus(e, 'arrow')) return;
      e.preventDefault();
      move(e.key === 'ArrowRight' ? 1 : -1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [move]);

  return (
    <nav ref={barRef} className="projector-bar" aria-label="Projector">
      <SettingsCaption />
      <div className="projector-nav">
        <button data-action="previous-chart" onClick={() => move(-1)} disabled={charts.length < 2} aria-label="Previous chart" title="Previous chart (Left arrow)">
          ‹
        </button>
        <span className="projector-position" aria-live="polite" data-testid="projector-position">
          {shown ? `${index + 1} / ${charts.length}` : '0 / 0'}
          <span className="projector-sr">{shown ? `: ${shown.title}` : ': no chart yet'}</span>
        </span>
        <button data-action="next-chart" onClick={() => move(1)} disabled={charts.length < 2} aria-label="Next chart" title="Next chart (Right arrow)">
          ›
        </button>
        <button data-action="projector-settings" aria-pressed={!settingsHidden} onClick={() => useLab.getState().toggleHidden('settings')}>
          Settings
        </button>
      </div>
    </nav>
  );
}
