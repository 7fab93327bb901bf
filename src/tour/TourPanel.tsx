// The guided tour's box: a non-modal panel fixed in the lower left, over the bottom of the
// settings sidebar, so the charts on the right stay in sight. Its header and buttons always show;
// the chapter's text scrolls inside it when the text is large (big=1) or the window is small.
import { useMemo } from 'react';
import { matchesPreset } from '../config/presets';
import { lab } from '../state/actions';
import { useLab } from '../state/store';
import { PANELS } from '../state/ui-slice';
import { chapterConfig, PANEL_CARDS, TOUR_CHAPTERS, type Chapter } from './chapters';
import { leaveTour, openChapter } from './tour-actions';
import { stepChapter } from './tour-param';
import { useWatchHighlight, WATCH_LABEL } from './use-watch-highlight';
import './tour.css';

const panelLabel = (id: string) => PANELS.find((p) => p.id === id)?.label ?? id;

export interface TourBoxProps {
  chapter: Chapter;
  /** 1-based. */
  number: number;
  count: number;
  /** Whether the settings are the chapter's experiment (else Run loads it first). */
  settingsMatch: boolean;
  running: boolean;
  onStep: (step: number) => void;
  onRun: () => void;
  onLeave: () => void;
}

/** The box for one chapter; no store access (the connected one is TourPanel). */
export function TourBox({ chapter, number, count, settingsMatch, running, onStep, onRun, onLeave }: TourBoxProps) {
  return (
    <section className="tour-box" aria-labelledby="tour-title" data-testid="tour" data-chapter={number}>
      <header className="tour-head">
        <p className="tour-count">
          Guided tour · chapter {number} of {count}
        </p>
        <button type="button" className="tour-leave" onClick={onLeave} aria-label="Leave the guided tour" title="Leave the guided tour">
          ✕
        </button>
        <h2 id="tour-title">{chapter.title}</h2>
      </header>
      <div className="tour-body" tabIndex={0} aria-label="Chapter text">
        <p>{chapter.text}</p>
        <p className="tour-reference">{chapter.reference}</p>
        <h3>What to look for</h3>
        <p className="tour-watch">
          {WATCH_LABEL}: <b>{panelLabel(chapter.panel)}</b> (outlined on the page).
        </p>
        <p data-testid="tour-look-for">{chapter.lookFor}</p>
        {!settingsMatch && <p className="tour-note">The settings differ from this chapter’s experiment: Run loads the chapter’s settings first.</p>}
      </div>
      {/* Run on a row of its own, Back and Next below it: two rows even with large text in 280 px. */}
      <footer className="tour-actions">
        <button type="button" className="primary tour-run" data-action="tour-run" onClick={onRun} disabled={running}>
          ▶ Run this chapter
        </button>
        <button type="button" data-action="tour-back" onClick={() => onStep(-1)} disabled={number <= 1}>
          ← Back
        </button>
        <button type="button" className="tour-next" data-action="tour-next" onClick={() => onStep(1)} disabled={number >= count}>
          Next →
        </button>
      </footer>
    </section>
  );
}

/** The tour box for the chapter in the store (tour=N), with its chart highlighted; nothing outside the tour. */
export function TourPanel() {
  const number = useLab((s) => s.tour);
  const config = useLab((s) => s.config);
  const running = useLab((s) => ['starting', 'running', 'paused'].includes(s.status));
  const chapter = number === null ? undefined : TOUR_CHAPTERS[number - 1];
  const settingsMatch = useMemo(
    () => (chapter ? matchesPreset(config, { id: 'tour', title: chapter.title, line: '', config: chapterConfig(chapter).config }) : true),
    [chapter, config],
  );
  useWatchHighlight(chapter ? PANEL_CARDS[chapter.panel] : null, number);
  if (!chapter || number === null) return null;
  const onRun = () => {
    if (!settingsMatch) openChapter(number);
    lab.run('button');
  };
  return (
    <TourBox
      chapter={chapter}
      number={number}
      count={TOUR_CHAPTERS.length}
      settingsMatch={settingsMatch}
      running={running}
      onStep={(step) => openChapter(stepChapter(number, step, TOUR_CHAPTERS.length))}
      onRun={onRun}
      onLeave={leaveTour}
    />
  );
}

/** The way in, near the presets: opens chapter 1; gone while a chapter is open. */
export function TourStartButton() {
  const open = useLab((s) => s.tour !== null);
  if (open) return null;
  return (
    <button type="button" className="tour-start" data-action="tour-start" onClick={() => openChapter(1)}>
      Guided tour: the five lottery ticket papers, in {TOUR_CHAPTERS.length} chapters
    </button>
  );
}
