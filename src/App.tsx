// The page grid; no logic beyond choosing what to show.
import { useEffect } from 'react';
import { ConfigControls } from './controls/ConfigControls';
import { Intro } from './controls/Intro';
import { IssuesBanner } from './controls/IssuesBanner';
import { Presets } from './controls/Presets';
import { LectureOptions } from './controls/LectureOptions';
import { ShareExport } from './controls/ShareExport';
import { ProgressLine } from './controls/ProgressLine';
import { RunButtons } from './controls/RunButtons';
import { ResultsTable } from './panels/ResultsTable';
import { PanelBoundary } from './panels/PanelBoundary';
import { RoundScrubber } from './controls/RoundScrubber';
import {
  AccuracyPanel,
  EarlyStopPanel,
  FirstLayerPanel,
  HistogramPanel,
  LearningCurvesPanel,
  MaskPanel,
  SummaryPanel,
  UntrainedPanel,
} from './panels/LivePanels';
import { lab } from './state/actions';
import { useLab } from './state/store';
import type { RoundResult } from './engine/events';

function useSpaceToRun() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.code !== 'Space' || ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(target.tagName)) return;
      e.preventDefault();
      lab.toggle();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

// Selectors must return stable values (zustand 5 re-renders on every new array).
const NO_ROUNDS: RoundResult[] = [];

export function App() {
  useSpaceToRun();
  const big = useLab((s) => s.big);
  const rounds = useLab((s) => s.document?.rounds ?? NO_ROUNDS);
  const hideTable = useLab((s) => s.hidden.includes('table'));
  const hideSidebar = useLab((s) => s.hidden.includes('settings'));
  return (
    <div className={big ? 'app big' : 'app'}>
      <header className="top">
        <h1>
          Ticket Lab <span className="tagline">the Lottery Ticket Hypothesis, live in your browser</span>
        </h1>
        <div className="toolbar">
          <ShareExport />
          <LectureOptions />
        </div>
      </header>
      <IssuesBanner />
      <div className={hideSidebar ? 'layout no-sidebar' : 'layout'}>
        <aside className="sidebar" hidden={hideSidebar}>
          <Presets />
          <ConfigControls />
        </aside>
        <main>
          <div className="run-row">
            <RunButtons />
            <ProgressLine />
          </div>
          <Intro />
          <section className="panels panels-main">
            <PanelBoundary name="accuracy">
              <AccuracyPanel />
            </PanelBoundary>
            <PanelBoundary name="untrained accuracy">
              <UntrainedPanel />
            </PanelBoundary>
            <PanelBoundary name="learning curves">
              <LearningCurvesPanel />
            </PanelBoundary>
            <PanelBoundary name="early stopping">
              <EarlyStopPanel />
            </PanelBoundary>
          </section>
          <RoundScrubber />
          <section className="panels panels-weights">
            <PanelBoundary name="weight histogram">
              <HistogramPanel />
            </PanelBoundary>
            <PanelBoundary name="mask">
              <MaskPanel />
            </PanelBoundary>
            <PanelBoundary name="first-layer mask">
              <FirstLayerPanel />
            </PanelBoundary>
            <PanelBoundary name="summary">
              <SummaryPanel />
            </PanelBoundary>
          </section>
          {!hideTable && <ResultsTable rounds={rounds} />}
        </main>
      </div>
    </div>
  );
}
