// Runs one experiment at a time: picks the backend, loads the data, owns every long-lived tensor
// (network, evaluation sets) and disposes them whether the run completes, stops or fails.
import * as tf from '@tensorflow/tfjs-core';
import { parseConfig, type ExperimentConfig } from '../config/schema';
import { encodeConfig } from '../config/url';
import { selectBackend, type WasmPaths } from './backend';
import { armsPerRound, measureTraining } from './probe-step';
import { hasTransfer, isImageDataset } from '../config/schema';
import { loadDataset, type Dataset, type FetchBytes } from './data';
import { RunControl, StoppedError } from './control';
import { classifyFault, DeviceLostError } from './faults';
import { deviceLossReason, forceFault, watchDeviceLoss } from './device-faults';
import { ENGINE_VERSION, RESULTS_FORMAT, RESULTS_VERSION, type BackendInfo, type EngineEvent, type ResultsDocument } from './events';
import { runLottery, type SeedChain } from './lottery';
import { SupermaskNetwork, supermaskWeights, trainSupermask } from './supermask';
import { buildArchitecture, summarize, type Architecture } from './models';
import { deriveSeed } from './rng';
import { speedKey } from '../config/speed-key';
import type { ResumePoint } from './resume';
import { remainingSchedule } from './prune';
import { disposeEvalSet, toEvalSet, type EvalSet } from './train';

/** A model's input shape and classes from its dataset's name, before the data is loaded (data.ts: 28x28 images or 2-D points). */
const shapeOf = (config: ExperimentConfig): [number[], number] => (isImageDataset(config.dataset) ? [[28, 28, 1], 10] : [[2], 2]);

/** A saved run to go on with: its document so far and its last resume point. */
export interface SavedProgress {
  document: ResultsDocument;
  point: ResumePoint;
}

/**
 * The saved document, going on: its own rounds up to the resume point (anything later is trained
 * again), this session's backend and model summary.
 */
function resumedDocument(fresh: ResultsDocument, { document, point }: SavedProgress): ResultsDocument {
  const upTo = (rounds: ResultsDocument['rounds']) => rounds.filter((r) => r.round <= point.round);
  if (upTo(document.rounds).length !== point.round + 1)
    throw new Error(`The saved run has ${upTo(document.rounds).length} finished rounds up to round ${point.round}, its resume point`);
  return {
    ...fresh,
    createdAt: document.createdAt,
    rounds: upTo(document.rounds),
    extraSeeds: document.extraSeeds.map((s) => ({ seed: s.seed, rounds: upTo(s.rounds) })),
  };
}

export interface RunnerHost {
  fetchBytes: FetchBytes;
  wasmPaths?: WasmPaths;
  emit: (event: EngineEvent) => void;
}

export class ExperimentRunner {
  private control: RunControl | null = null;
  private backend: { choice: string; info: BackendInfo } | null = null;
  private pauseAtRoundEnd = false;

  constructor(private host: RunnerHost) {}

  get running(): boolean {
    return this.control !== null;
  }

  pause(): void {
    if (!this.control || this.control.paused) return;
    this.control.pause();
    this.host.emit({ type: 'paused' });
  }

  resume(): void {
    if (!this.control?.paused) return;
    this.control.resume();
    this.host.emit({ type: 'resumed' });
  }

  stop(): void {
    this.control?.stop();
  }

  /** Forces a fault in the running experiment (faults.ts): for tests and for trying the recovery. */
  forceFault(kind: 'device-lost' | 'out-of-memory'): void {
    if (this.control) forceFault(kind, this.control);
  }

  /** Lets the round in progress finish, then pauses: "step one round". */
  pauseAfterRound(): void {
    if (!this.control) return;
    this.pauseAtRoundEnd = true;
    this.resume();
  }

  /**
   * Runs the whole experiment; resolves with the results document (also sent as 'done'). With
   * `resume`, goes on from a saved run's last resume point (its config, its finished rounds) and
   * gives the same numbers as a run that never stopped, on any backend.
   */
  async run(input: Partial<ExperimentConfig>, resume?: SavedProgress): Promise<ResultsDocument> {
    if (this.control) throw new Error('An experiment is already running');
    const control = (this.control = new RunControl());
    const { config } = parseConfig(resume ? resume.document.config : input);
    if (resume && config.mode !== 'imp') throw new Error('Only pruning runs can be resumed');
    const emit = this.host.emit;
    let evalSets: EvalSet[] = [];
    let doc: ResultsDocument | null = null;
    try {
      const backend = await this.startBackend(config);
      watchDeviceLoss(control);
      emit({ type: 'status', message: `Loading ${config.dataset}…` });
      const dataset = await loadDataset(config.dataset, {
        seed: config.seed,
        fetchBytes: this.host.fetchBytes,
        onProgress: (p) => emit({ type: 'data-progress', ...p }),
      });
      const arch = buildArchitecture(config.model, dataset.inputShape, dataset.numClasses);
      const fresh: ResultsDocument = {
        format: RESULTS_FORMAT,
        version: RESULTS_VERSION,
        engineVersion: ENGINE_VERSION,
        createdAt: new Date().toISOString(),
        config,
        query: encodeConfig(config),
        backend,
        model: summarize(arch),
        dataset: {
          name: dataset.name,
          train: dataset.train.n,
          val: Math.min(dataset.val.n, config.evalSize),
          test: Math.min(dataset.test.n, config.evalSize),
          source: dataset.source,
        },
        status: 'running',
        rounds: [],
        extraSeeds: [],
        ...(config.mode === 'imp' ? { schedule: remainingSchedule(arch, config.rate, config.convRate, config.scope, config.rounds) } : {}),
      };
      doc = resume ? resumedDocument(fresh, resume) : fresh;
      emit({ type: 'started', document: structuredClone(doc) });
      // Every seed is a chain of arms in the same rounds; seeds that share a dataset (images) share
      // its evaluation sets. Each chain is exactly the run its seed would give alone.
      const chains: SeedChain[] = [];
      const setsOf = new Map<Dataset, { val: EvalSet; test: EvalSet }>();
      for (let seedIndex = 0; seedIndex < config.seeds; seedIndex++) {
        const seed = (config.seed + seedIndex) % 2 ** 31;
        // 2-D data is drawn from the seed; image datasets are the same for every seed.
        const data = seedIndex === 0 ? dataset : await loadDataset(config.dataset, { seed, fetchBytes: this.host.fetchBytes });
        let sets = setsOf.get(data);
        if (!sets) {
          sets = { val: toEvalSet(data.val, data.numClasses, config.evalSize), test: toEvalSet(data.test, data.numClasses, config.evalSize) };
          setsOf.set(data, sets);
          evalSets.push(sets.val, sets.test);
        }
        let target: SeedChain['target'];
        // transferOpt=… alone: the target is the source's own data, trained with the other optimizer.
        if (config.transfer === 'none' && hasTransfer(config) && config.mode === 'imp') target = { train: data.train, numClasses: data.numClasses, ...sets };
        if (config.transfer !== 'none' && config.mode === 'imp') {
          // The transfer target, drawn from the same seed (2-D data) and evaluated on its own sets.
          const t = await loadDataset(config.transfer, { seed, fetchBytes: this.host.fetchBytes });
          const targetSets = { val: toEvalSet(t.val, t.numClasses, config.evalSize), test: toEvalSet(t.test, t.numClasses, config.evalSize) };
          evalSets.push(targetSets.val, targetSets.test);
          target = { train: t.train, numClasses: t.numClasses, ...targetSets };
        }
        chains.push({ seed, orderSeed: deriveSeed(seed, 'data-order'), data: { train: data.train, numClasses: data.numClasses, ...sets }, target });
        if (seedIndex > 0 && !resume) doc.extraSeeds.push({ seed, rounds: [] });
      }
      const document = doc;
      // A supermask trains no rounds: one learned mask over the first seed's fixed weights.
      if (config.mode === 'supermask') await this.runSupermask(config, arch, chains[0], control, document);
      else
        await runLottery(config, arch, chains, control, {
          onProgress: (progress) => emit({ type: 'progress', progress }),
          onCurve: (seedIndex, round, arm, point) => emit({ type: 'curve', seedIndex, round, arm, point }),
          onArm: (seedIndex, round, arm, result) => emit({ type: 'arm', seedIndex, round, arm, result }),
          onRound: (seedIndex, result) => {
            (seedIndex === 0 ? document.rounds : document.extraSeeds[seedIndex - 1].rounds).push(result);
            emit({ type: 'round', seedIndex, result });
          },
          onRoundEnd: () => {
            if (this.pauseAtRoundEnd) {
              this.pauseAtRoundEnd = false;
              this.pause();
            }
          },
          onStartWeights: (seedIndex, layers) => emit({ type: 'start-weights', seedIndex, layers }),
          onSnapshot: (seedIndex, round, layers) => emit({ type: 'snapshot', seedIndex, round, layers }),
          onResumePoint: (point) => emit({ type: 'resume-point', point }),
        }, resume?.point);
      doc.status = 'complete';
    } catch (e) {
      if (!doc) throw e;
      doc.status = e instanceof StoppedError ? 'stopped' : 'failed';
      if (!(e instanceof StoppedError)) {
        const lost = await deviceLossReason();
        const fault = classifyFault(lost !== null ? new DeviceLostError(lost) : e, tf.getBackend());
        doc.error = fault.kind === 'error' ? fault.detail : `${fault.message} (${fault.detail})`;
        // A lost device or exhausted memory leaves the backend unusable: the next run starts it afresh.
        if (fault.kind !== 'error') this.backend = null;
        emit({ type: 'fault', fault });
      }
    } finally {
      evalSets.forEach(disposeEvalSet);
      this.control = null;
      this.pauseAtRoundEnd = false;
    }
    emit({ type: 'done', document: doc });
    return doc;
  }

  private async runSupermask(config: ExperimentConfig, arch: Architecture, chain: SeedChain, control: RunControl, doc: ResultsDocument): Promise<void> {
    const emit = this.host.emit;
    const { theta0, weights } = supermaskWeights(arch, chain.seed, config.start);
    emit({ type: 'start-weights', seedIndex: 0, layers: theta0.weights.map((w, i) => ({ init: w.slice(), rewind: weights[i].slice() })) });
    const net = new SupermaskNetwork(arch, weights);
    const t0 = performance.now();
    try {
      const result = await trainSupermask(control, net, { ...chain.data, orderSeed: chain.orderSeed }, {
        iters: config.iters,
        batch: config.batch,
        evalEvery: config.evalEvery,
        scoreLr: config.scoreLr,
        seed: chain.seed,
        onPoint: (point) => emit({ type: 'supermask-point', point }),
        onProgress: (iteration, loss, samplesPerSecond) =>
          emit({
            type: 'progress',
            progress: { seeds: 1, round: 0, rounds: 0, arms: 1, iteration, iters: config.iters, samplesPerSecond, loss, runsDone: 0, runsTotal: 1, secondsElapsed: (performance.now() - t0) / 1000 },
          }),
      });
      const { masks, ...summary } = result;
      doc.supermask = summary;
      // The learned mask as round 0's snapshot, so the mask views draw it (the weights are the fixed ones).
      emit({
        type: 'snapshot',
        seedIndex: 0,
        round: 0,
        layers: arch.layers.map((l, i) => ({ name: l.name, kind: l.kind, shape: l.shape, final: weights[i].slice(), mask: masks[i] })),
      });
    } finally {
      net.dispose();
    }
  }

  // The backend stays up between runs; it is only switched when the config asks for another.
  // In a browser, 'auto' measures a few training steps of the configured model on each usable
  // backend (backend-probe.ts; cached per browser and model) and keeps the fastest: a run with
  // another model, batch or optimizer asks again.
  /**
   * Measures how fast this machine trains `input`'s model (samples/s across a round's networks)
   * on the backend a run would pick, without running anything: the page's time estimates then
   * come from this machine, not from a guess. Quiet: it sends no status.
   */
  async measureSpeed(input: Partial<ExperimentConfig>, sliceMs = 800): Promise<{ key: string; samplesPerSecond: number; backend: string }> {
    if (this.control) throw new Error('An experiment is running');
    const { config } = parseConfig(input);
    const backend = await this.startBackend(config, true);
    const arch = buildArchitecture(config.model, ...shapeOf(config));
    const samplesPerSecond = await measureTraining(config, arch, backend.name, sliceMs);
    return { key: speedKey(config), samplesPerSecond, backend: backend.name };
  }

  private async startBackend(config: ExperimentConfig, quiet = false): Promise<BackendInfo> {
    const inBrowser = typeof document !== 'undefined' || typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';
    // The data is not loaded yet: its shape is known from its name (data.ts: 28x28 images or 2-D points).
    const [inputShape, numClasses] = shapeOf(config);
    const arch = buildArchitecture(config.model, inputShape, numClasses);
    const key = `${arch.name} ${inputShape.join('x')} batch ${config.batch} ${config.opt} ${armsPerRound(config)} arms`;
    const choice = config.backend === 'auto' && inBrowser ? `auto | ${key}` : config.backend;
    if (this.backend?.choice === choice && tf.getBackend() === this.backend.info.name) return this.backend.info;
    const status = (message: string) => !quiet && this.host.emit({ type: 'status', message });
    status('Starting the compute backend…');
    const measure = (backend: string, sliceMs: number) => measureTraining(config, arch, backend, sliceMs);
    const probe = inBrowser ? { measure, key, onStatus: status } : undefined;
    const info = await selectBackend(config.backend, this.host.wasmPaths, probe);
    this.backend = { choice, info };
    return info;
  }
}
