// The page grid; no logic beyond choosing what to show.
import { useEffect, type ComponentType } from 'react';
import { ConfigControls } from './controls/ConfigControls';
import { ConfirmDialog } from './controls/ConfirmDialog';
import { Intro } from './controls/Intro';
import { FaultNotice } from './controls/FaultNotice';
import { IssuesBanner } from './controls/IssuesBanner';
import { Presets } from './controls/Presets';
import { LectureOptions } from './controls/LectureOptions';
import { HelpOverlay } from './controls/HelpOverlay';
import { PageToolbar } from './controls/PageToolbar';
import { ShareExport } from './controls/ShareExport';
import { ProgressLine } from './controls/ProgressLine';
import { ProjectorBar } from './controls/ProjectorBar';
import { ProjectorToggle } from './controls/ProjectorToggle';
import { RunButtons } from './controls/RunButtons';
import { TourPanel, TourStartButton } from './tour/TourPanel';
import { ResultsTable } from './panels/ResultsTable';
import { PanelBoundary } from './panels/PanelBoundary';
import { ComparisonArea } from './panels/compare/ComparisonArea';
import { RoundScrubber } from './controls/RoundScrubber';
import { RunsList } from './controls/RunsList';
import { SavedRunNotices } from './controls/SavedRunNotices';
import {
  AccuracyPanel,
  InstabilityPanel,
  RewindSweepPanel,
  StabilityPathPanel,
  SupermaskPanel,
  TransferPanel,
  EarlyStopPanel,
  FirstLayerPanel,
  HistogramPanel,
  CriterionPlanePanel,
  LearningCurvesPanel,
  MaskPanel,
  SummaryPanel,
  UntrainedPanel,
} from './panels/LivePanels';
import { lab } from './state/actions';
import { useLab } from './state/store';
import type { RoundResult } from './engine/events';
import { keyBelongsToFocus } from './controls/page-keys';
import './projector.css';

function useSpaceToRun() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Only with nothing focused: Space on a button presses it, in the tour's text it scrolls.
      if (e.code !== 'Space' || keyBelongsToFocus(e, 'space')) return;
      e.preventDefault();
      lab.toggle();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

// Selectors must return stable values (zustand 5 re-renders on every new array).
const NO_ROUNDS: RoundResult[] = [];

// The charts in page order, each behind its own error boundary.
const RESULT_PANELS: [string, ComponentType][] = [
  ['supermask', SupermaskPanel],
  ['accuracy', AccuracyPanel],
  ['transfer accuracy', TransferPanel],
  ['instability', InstabilityPanel],
  ['stability path', StabilityPathPanel],
  ['rewind sweep', RewindSweepPanel],
  ['untrained accuracy', UntrainedPanel],
  ['learning curves', LearningCurvesPanel],
  ['early stopping', EarlyStopPanel],
];
const WEIGHT_PANELS: [string, ComponentType][] = [
  ['weight histogram', HistogramPanel],
  ['criterion plane', CriterionPlanePanel],
  ['mask', MaskPanel],
  ['first-layer mask', FirstLayerPanel],
  ['summary', SummaryPanel],
];

function PanelGrid({ className, panels }: { className: string; panels: [string, ComponentType][] }) {
  return (
    <section className={className}>
      {panels.map(([name, Panel]) => (
        <PanelBoundary key={name} name={name}>
          <Panel />
        </PanelBoundary>
      ))}
    </section>
  );
}

export function App() {
  useSpaceToRun();
  const big = useLab((s) => s.big);
  const projector = useLab((s) => s.projector);
  const rounds = useLab((s) => s.document?.rounds ?? NO_ROUNDS);
  const hideTable = useLab((s) => s.hidden.includes('table'));
  const hideSidebar = useLab((s) => s.hidden.includes('settings'));
  return (
    <div className={['app', big && 'big', projector && 'projector'].filter(Boolean).join(' ')}>
      <header className="top">
        <h1>
          Ticket Lab <span className="tagline">the Lottery Ticket Hypothesis, live in your browser</span>
        </h1>
        <PageToolbar label="Share, export and lecture options">
          <ShareExport />
          <LectureOptions />
          <ProjectorToggle />
          <HelpOverlay />
        </PageToolbar>
      </header>
      <IssuesBanner />
      <div className={hideSidebar ? 'layout no-sidebar' : 'layout'}>
        {/* Before the sidebar in the page's order (the grid still draws it beside): Run is among the first Tab stops. */}
        <section className="run-row" aria-label="Run">
          <RunButtons />
          <ProgressLine />
        </section>
        <aside className="sidebar" hidden={hideSidebar}>
          <TourStartButton />
          <Presets />
          <ConfigControls />
        </aside>
        <main>
          {projector && <ProjectorBar />}
          <FaultNotice />
          <SavedRunNotices />
          <Intro />
          <PanelBoundary name="comparison">
            <ComparisonArea />
          </PanelBoundary>
          <PanelGrid className="panels panels-main" panels={RESULT_PANELS} />
          <RoundScrubber />
          <PanelGrid className="panels panels-weights" panels={WEIGHT_PANELS} />
          {!hideTable && <ResultsTable rounds={rounds} />}
          <RunsList />
        </main>
      </div>
      <TourPanel />
      <ConfirmDialog />
    </div>
  );
}
