// Messages between the page and the engine's worker: a config goes in, plain-data events come out.
import type { ExperimentConfig } from '../config/schema';
import type { EngineEvent } from '../engine/events';
import type { SavedProgress } from '../engine/runner';

export type WorkerRequest =
  /** resume: go on from a saved run's last finished round (its config wins over `config`). */
  | { type: 'start'; config: ExperimentConfig; baseUrl: string; resume?: SavedProgress }
  /** Measure this machine's training speed for a config (answered with a 'speed' event); runs wait for it. */
  | { type: 'measure'; config: ExperimentConfig; baseUrl: string }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  /** Force a fault in the running experiment (src/engine/faults.ts), or crash the worker itself: for tests and trying the recovery. */
  | { type: 'force-fault'; kind: 'device-lost' | 'out-of-memory' | 'crash' }
  /** Finish the round in progress, then pause (the "step one round" button). */
  | { type: 'pause-after-round' };

export type WorkerEvent = EngineEvent;
