// Runs one experiment at a time: picks the backend, loads the data, owns every long-lived tensor
// (network, evaluation sets) and disposes them whether the run completes, stops or fails.
import * as tf from '@tensorflow/tfjs-core';
import { parseConfig, plannedRuns, type ExperimentConfig } from '../config/schema';
import { encodeConfig } from '../config/url';
import { selectBackend, type WasmPaths } from './backend';
import { timeSteps } from './backend-probe';
import { fullMasks } from './masks';
import { initWeights, zeroBiases } from './models';
import { isImageDataset } from '../config/schema';
import { Rng } from './rng';
import { batchTensors, makeOptimizer, trainStep } from './train';
import { estimateSamplesPerSecond } from '../config/implications';
import { loadDataset, type FetchBytes } from './data';
import { RunControl, StoppedError } from './control';
import { ENGINE_VERSION, RESULTS_FORMAT, RESULTS_VERSION, type BackendInfo, type EngineEvent, type ResultsDocument } from './events';
import { runLottery } from './lottery';
import { buildArchitecture, summarize } from './models';
import { Network } from './network';
import { deriveSeed } from './rng';
import { disposeEvalSet, toEvalSet, type EvalSet } from './train';

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

  /** Lets the round in progress finish, then pauses: "step one round". */
  pauseAfterRound(): void {
    if (!this.control) return;
    this.pauseAtRoundEnd = true;
    this.resume();
  }

  /** Runs the whole experiment; resolves with the results document (also sent as 'done'). */
  async run(input: Partial<ExperimentConfig>): Promise<ResultsDocument> {
    if (this.control) throw new Error('An experiment is already running');
    const control = (this.control = new RunControl());
    const { config } = parseConfig(input);
    const emit = this.host.emit;
    let net: Network | null = null;
    let evalSets: EvalSet[] = [];
    let doc: ResultsDocument | null = null;
    try {
      const backend = await this.startBackend(config);
      emit({ type: 'status', message: `Loading ${config.dataset}…` });
      const dataset = await loadDataset(config.dataset, {
        seed: config.seed,
        fetchBytes: this.host.fetchBytes,
        onProgress: (p) => emit({ type: 'data-progress', ...p }),
      });
      const arch = buildArchitecture(config.model, dataset.inputShape, dataset.numClasses);
      doc = {
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
      };
      emit({ type: 'started', document: structuredClone(doc) });
      net = new Network(arch);
      const perSeed = plannedRuns(config);
      const t0 = performance.now();
      for (let seedIndex = 0; seedIndex < config.seeds; seedIndex++) {
        // Each repeat is exactly the run its seed would give alone (2-D data is drawn from the seed).
        const seed = (config.seed + seedIndex) % 2 ** 31;
        const data = seedIndex === 0 ? dataset : await loadDataset(config.dataset, { seed, fetchBytes: this.host.fetchBytes });
        evalSets.forEach(disposeEvalSet);
        const val = toEvalSet(data.val, data.numClasses, config.evalSize);
        const test = toEvalSet(data.test, data.numClasses, config.evalSize);
        evalSets = [val, test];
        const rounds = seedIndex === 0 ? doc.rounds : (doc.extraSeeds[doc.extraSeeds.push({ seed, rounds: [] }) - 1].rounds);
        const first = seedIndex === 0;
        const ctx = { dataset: data, val, test, control, orderSeed: deriveSeed(seed, 'data-order') };
        await runLottery({ ...config, seed }, arch, net, ctx, {
          onProgress: (p) =>
            emit({
              type: 'progress',
              progress: {
                ...p,
                seedIndex,
                seeds: config.seeds,
                runsDone: seedIndex * perSeed + p.runsDone,
                runsTotal: config.seeds * perSeed,
                secondsElapsed: (performance.now() - t0) / 1000,
              },
            }),
          // Curves and snapshots stream for the first seed only; the others add points to the charts.
          onCurve: (round, arm, point) => first && emit({ type: 'curve', round, arm, point }),
          onArm: (round, arm, result) => first && emit({ type: 'arm', round, arm, result }),
          onRound: (result) => {
            rounds.push(result);
            emit({ type: 'round', seedIndex, result });
            if (this.pauseAtRoundEnd) {
              this.pauseAtRoundEnd = false;
              this.pause();
            }
          },
          onSnapshot: (round, layers) => first && emit({ type: 'snapshot', round, layers }),
        });
      }
      doc.status = 'complete';
    } catch (e) {
      if (!doc) throw e;
      doc.status = e instanceof StoppedError ? 'stopped' : 'failed';
      if (!(e instanceof StoppedError)) doc.error = (e as Error).message ?? String(e);
    } finally {
      net?.dispose();
      evalSets.forEach(disposeEvalSet);
      this.control = null;
      this.pauseAtRoundEnd = false;
    }
    emit({ type: 'done', document: doc });
    return doc;
  }

  // The backend stays up between runs; it is only switched when the config asks for another.
  // In a browser, 'auto' measures a few training steps of the configured model on each usable
  // backend (backend-probe.ts; cached per browser and model) and keeps the fastest: a run with
  // another model, batch or optimizer asks again.
  private async startBackend(config: ExperimentConfig): Promise<BackendInfo> {
    const inBrowser = typeof document !== 'undefined' || typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';
    // The data is not loaded yet: its shape is known from its name (data.ts: 28x28 images or 2-D points).
    const [inputShape, numClasses] = isImageDataset(config.dataset) ? [[28, 28, 1], 10] : [[2], 2];
    const arch = buildArchitecture(config.model, inputShape, numClasses);
    const key = `${arch.name} ${inputShape.join('x')} batch ${config.batch} ${config.opt}`;
    const choice = config.backend === 'auto' && inBrowser ? `auto | ${key}` : config.backend;
    if (this.backend?.choice === choice && tf.getBackend() === this.backend.info.name) return this.backend.info;
    const status = (message: string) => this.host.emit({ type: 'status', message });
    status('Starting the compute backend…');
    const dim = inputShape.reduce((a, b) => a * b, 1);
    // Today's single-network masked step on random inputs of the model's shape.
    const measure = async (backend: string, sliceMs: number): Promise<number> => {
      // On the CPU backends a conv net's full batch takes seconds (Conv-2 on WASM: ~5 samples/s),
      // and samples/s hardly depends on the batch there: the app's cost model sizes a batch that
      // takes about a quarter of the slice. GPUs keep the configured batch (their speed needs it).
      const cpuSide = backend === 'wasm' || backend === 'cpu';
      const estimate = estimateSamplesPerSecond({ ...config, backend: backend === 'cpu' ? 'cpu' : 'wasm' });
      const n = cpuSide ? Math.max(1, Math.min(config.batch, Math.floor((estimate * sliceMs) / 4000))) : config.batch;
      const rng = new Rng(1);
      const x = Float32Array.from({ length: config.batch * dim }, () => rng.next());
      const y = Int32Array.from({ length: config.batch }, () => rng.int(numClasses));
      const net = new Network(arch);
      const optimizer = makeOptimizer(config.opt, config.lr);
      try {
        net.load(initWeights(arch, rng), zeroBiases(arch), fullMasks(arch));
        const step = () => tf.tidy(() => {
          const b = batchTensors(x.subarray(0, n * dim), y.subarray(0, n), dim, numClasses);
          return trainStep(net, optimizer, b.x, b.y);
        });
        return await timeSteps(step, n, sliceMs);
      } finally {
        optimizer.dispose();
        net.dispose();
      }
    };
    const probe = inBrowser ? { measure, key, onStatus: status } : undefined;
    const info = await selectBackend(config.backend, this.host.wasmPaths, probe);
    this.backend = { choice, info };
    return info;
  }
}
