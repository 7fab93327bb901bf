// Each chart, connected to the store: it selects only the slices it draws, so a progress tick
// re-renders none of them and a new curve point re-renders only the learning curves.
import { useMemo, useState } from 'react';
import { buildArchitecture } from '../engine/architectures';
import { ARMS, armResultOf, configArms, type Arm, type LayerSnapshot, type ResultsDocument, type RoundResult, type SupermaskPoint } from '../engine/events';
import { layersOf } from '../state/snapshots';
import { remainingSchedule } from '../engine/prune';
import { curveKey } from '../state/run-slice';
import { useLab } from '../state/store';
import { AccuracyVsRemaining } from './AccuracyVsRemaining';
import { InstabilityVsRemaining } from './InstabilityVsRemaining';
import { RewindSweep } from './RewindSweep';
import { StabilityPath } from './StabilityPath';
import { measuredRounds, pickRound, rewindSweep, roundPaths } from '../analysis/stability';
import { DATASET_INFO } from '../config/implications';
import { CriterionPlane } from './CriterionPlane';
import { EarlyStopVsRemaining } from './EarlyStopVsRemaining';
import { FirstLayerMasks } from './FirstLayerMasks';
import { LearningCurves, type LearningCurve } from './LearningCurves';
import { MaskHeatmap } from './MaskHeatmap';
import { Summary } from './Summary';
import { SupermaskCurves } from './SupermaskCurves';
import { UntrainedAccuracy } from './UntrainedAccuracy';
import { WeightHistograms } from './WeightHistograms';

// Stable empty values: zustand 5 re-renders forever on a selector that returns a new array.
const NO_ROUNDS: RoundResult[] = [];
const NO_RUNS: RoundResult[][] = [];
const NO_POINTS: SupermaskPoint[] = [];

const useRounds = () => useLab((s) => s.document?.rounds ?? NO_ROUNDS);
/** One round list per seed: the charts draw the mean and a min-max band when there are several. */
const useRuns = () => {
  const rounds = useRounds();
  const extra = useLab((s) => s.document?.extraSeeds);
  return useMemo(() => (rounds.length ? [rounds, ...(extra ?? []).map((e) => e.rounds).filter((r) => r.length)] : NO_RUNS), [rounds, extra]);
};
const useHidden = (id: string) => useLab((s) => s.hidden.includes(id));
const TARGET_ARMS: readonly Arm[] = ['transfer', 'transferRandomMask', 'targetTicket'];
const isTargetArm = (a: Arm) => TARGET_ARMS.includes(a);
/** The arms of the run on screen measured on its own data: the ticket, its controls, compared criteria and rewinds. */
const useArms = (): readonly Arm[] => {
  const config = useLab((s) => s.document?.config);
  return useMemo(() => (config ? configArms(config).filter((a) => !isTargetArm(a)) : ARMS), [config]);
};
/** The config on screen: the run's, or before any run the one about to run. */
const useShownConfig = () => useLab((s) => s.document?.config ?? s.config);
// Documents written before the engine reported the class count and the schedule: derive them.
const numClassesOf = (doc: ResultsDocument | null) => doc?.model.numClasses ?? doc?.model.layers.at(-1)?.shape.at(-1) ?? 10;

/**
 * The rounds the scrubber picks from: those with weight snapshots, or for results without any
 * (a results file, an open_lth folder) every finished round of the document.
 */
export function useScrubbedRounds(): number[] {
  const snapshots = useLab((s) => s.snapshots);
  const docRounds = useLab((s) => s.document?.rounds ?? NO_ROUNDS);
  return useMemo(() => {
    const withSnapshots = Object.keys(snapshots.rounds).map(Number);
    return withSnapshots.length ? withSnapshots : docRounds.map((r) => r.round);
  }, [snapshots, docRounds]);
}

/** Results on screen that will never bring weights (a results file, an open_lth folder). */
const useNoWeights = () => useLab((s) => s.imported && s.document !== null && Object.keys(s.snapshots.rounds).length === 0);

/** The round the weight views show: the selected one, else the latest there is. */
export function useShownRound(): { round: number | null; layers: LayerSnapshot[] | null; weightsDropped: boolean } {
  const selected = useLab((s) => s.selectedRound);
  const snapshots = useLab((s) => s.snapshots);
  const rounds = useScrubbedRounds();
  const round = selected !== null && rounds.includes(selected) ? selected : rounds.length ? Math.max(...rounds) : null;
  const layers = useMemo(() => (round === null ? null : layersOf(snapshots, round)), [snapshots, round]);
  return { round, layers, weightsDropped: round !== null && snapshots.dropped.includes(round) };
}

/** Only in supermask mode (the config that ran, or the one about to run). */
export function SupermaskPanel() {
  const points = useLab((s) => s.document?.supermask?.curve ?? NO_POINTS);
  const mode = useLab((s) => s.document?.config.mode ?? s.config.mode);
  const iters = useLab((s) => s.document?.config.iters);
  const numClasses = useLab((s) => numClassesOf(s.document));
  const hidden = useHidden('supermask');
  if (mode !== 'supermask') return null;
  return <SupermaskCurves points={points} maxIteration={iters} chance={1 / numClasses} hidden={hidden} />;
}

export function AccuracyPanel() {
  const runs = useRuns();
  const [atEarlyStop, setAtEarlyStop] = useState(false);
  const picked = useLab((s) => s.selectedRound);
  return <AccuracyVsRemaining runs={runs} arms={useArms()} atEarlyStop={atEarlyStop} onAtEarlyStopChange={setAtEarlyStop} hidden={useHidden('accuracy')} highlightRound={picked} />;
}

/** transfer=… / transferOpt=…: the three arms trained on the target, on their own axes. */
export function TransferPanel() {
  const runs = useRuns();
  const config = useShownConfig();
  const hidden = useHidden('transfer');
  const [atEarlyStop, setAtEarlyStop] = useState(false);
  if (config.mode !== 'imp' || (config.transfer === 'none' && config.transferOpt === 'none')) return null;
  const data = config.transfer === 'none' ? DATASET_INFO[config.dataset].name : DATASET_INFO[config.transfer].name;
  const opt = config.transferOpt === 'none' ? '' : ` with ${config.transferOpt === 'adam' ? 'Adam' : config.transferOpt === 'sgd' ? 'SGD' : 'SGD + momentum'}`;
  return (
    <AccuracyVsRemaining
      id="transfer-accuracy"
      runs={runs}
      arms={TARGET_ARMS}
      denseArm="targetTicket"
      atEarlyStop={atEarlyStop}
      onAtEarlyStopChange={setAtEarlyStop}
      hidden={hidden}
      title={`On the target: ${data}${opt}`}
      subtitle="The source’s ticket retrained on the target, a random mask of its sparsity, and the ticket the target finds itself (Morcos et al. 2019)."
    />
  );
}

/** stability=…: the error along the path between two copies, for the round chosen in the scrubber. */
export function StabilityPathPanel() {
  const config = useShownConfig();
  const rounds = useRounds();
  const selected = useLab((s) => s.selectedRound);
  const arms = useLab((s) => s.document?.config);
  const all = useMemo(() => (arms ? configArms(arms) : ARMS), [arms]);
  const hidden = useHidden('path');
  if (config.mode !== 'imp' || !stabilityOn(config)) return null;
  const round = pickRound(measuredRounds(rounds), selected);
  const shown = rounds.find((r) => r.round === round);
  return <StabilityPath paths={roundPaths(shown, all)} round={round} remaining={shown?.remaining} enabled hidden={hidden} />;
}

const stabilityOn = (config: { stability: 'all' | number[] }) => config.stability === 'all' || config.stability.length > 0;

export function InstabilityPanel() {
  const config = useShownConfig();
  const runs = useRuns();
  const arms = useArms();
  const hidden = useHidden('instability');
  if (config.mode !== 'imp' || !stabilityOn(config)) return null;
  return <InstabilityVsRemaining runs={runs} arms={arms} enabled hidden={hidden} />;
}

/** rewinds=…: accuracy and instability per rewind iteration, for the round chosen in the scrubber. */
export function RewindSweepPanel() {
  const config = useShownConfig();
  const rounds = useRounds();
  const selected = useLab((s) => s.selectedRound);
  const hidden = useHidden('rewinds');
  if (config.mode !== 'imp' || !config.rewinds.length) return null;
  const round = pickRound(rounds.filter((r) => r.round > 0).map((r) => r.round), selected);
  const shown = rounds.find((r) => r.round === round);
  return <RewindSweep points={rewindSweep(shown, config.rewind, config.rewinds)} round={round} remaining={shown?.remaining} enabled hidden={hidden} />;
}

export function UntrainedPanel() {
  const runs = useRuns();
  const numClasses = useLab((s) => numClassesOf(s.document));
  const picked = useLab((s) => s.selectedRound);
  return <UntrainedAccuracy runs={runs} arms={useArms()} numClasses={numClasses} hidden={useHidden('untrained')} highlightRound={picked} />;
}

export function EarlyStopPanel() {
  const runs = useRuns();
  const iters = useLab((s) => s.document?.config.iters);
  return <EarlyStopVsRemaining runs={runs} arms={useArms()} maxIteration={iters} hidden={useHidden('earlystop')} />;
}

export function LearningCurvesPanel() {
  const [arm, setArm] = useState<Arm>('ticket');
  const doc = useLab((s) => s.document);
  const curves = useLab((s) => s.curves);
  const data = useMemo((): LearningCurve[] => {
    if (!doc) return [];
    const { config, model } = doc;
    const schedule = doc.schedule ?? remainingSchedule(buildArchitecture(config.model, model.inputShape, numClassesOf(doc)), config.rate, config.convRate, config.scope, config.rounds);
    const out: LearningCurve[] = [];
    for (let round = 0; round <= config.rounds; round++) {
      const points = curves[curveKey(round, arm)];
      if (!points?.length) continue;
      const found = doc.rounds.find((r) => r.round === round);
      const done = found && armResultOf(found, arm);
      out.push({ round, remaining: schedule[round], points, earlyStopIteration: done?.earlyStopIteration });
    }
    return out;
  }, [doc, curves, arm]);
  const arms = useArms();
  return (
    <LearningCurves
      curves={data}
      arm={arm}
      arms={arms}
      onArmChange={setArm}
      maxIteration={doc?.config.iters}
      hidden={useHidden('curves')}
    />
  );
}

export function HistogramPanel() {
  const { round, layers } = useShownRound();
  const layerIndex = useLab((s) => s.selectedLayer);
  const name = layers?.[layerIndex]?.name ?? null;
  const onLayerChange = (layerName: string) => useLab.getState().selectLayer(Math.max(0, layers?.findIndex((l) => l.name === layerName) ?? 0));
  return <WeightHistograms round={round} layers={layers} layer={name} onLayerChange={onLayerChange} hidden={useHidden('histograms')} noWeights={useNoWeights()} />;
}

export function CriterionPlanePanel() {
  const { round, layers } = useShownRound();
  const layerIndex = useLab((s) => s.selectedLayer);
  const criterion = useLab((s) => s.document?.config.criterion ?? 'large_final');
  const name = layers?.[layerIndex]?.name ?? null;
  const onLayerChange = (layerName: string) => useLab.getState().selectLayer(Math.max(0, layers?.findIndex((l) => l.name === layerName) ?? 0));
  return <CriterionPlane round={round} layers={layers} layer={name} onLayerChange={onLayerChange} criterion={criterion} hidden={useHidden('plane')} noWeights={useNoWeights()} />;
}

export function MaskPanel() {
  const { round, layers } = useShownRound();
  return <MaskHeatmap round={round} layers={layers} hidden={useHidden('masks')} noWeights={useNoWeights()} />;
}

export function FirstLayerPanel() {
  const { round, layers } = useShownRound();
  const isImage = useLab((s) => (s.document?.model.inputShape.length ?? 0) === 3);
  const isMlp = useLab((s) => s.document?.model.layers[0]?.kind === 'dense');
  const hidden = useHidden('units');
  if (!isImage || !isMlp) return null;
  return <FirstLayerMasks round={round} layers={layers} hidden={hidden} />;
}

export function SummaryPanel() {
  const model = useLab((s) => s.document?.model ?? null);
  const rounds = useRounds();
  const { round } = useShownRound();
  return <Summary model={model} rounds={rounds} round={round} hidden={useHidden('summary')} />;
}
