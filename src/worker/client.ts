// The page's handle on the engine worker: send requests, listen to events.
import type { ExperimentConfig } from '../config/schema';
import type { WorkerEvent, WorkerRequest } from './protocol';
import type { SavedProgress } from '../engine/runner';

export class EngineClient {
  private worker: Worker;
  private listeners = new Set<(event: WorkerEvent) => void>();

  constructor() {
    this.worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (m: MessageEvent<WorkerEvent>) => this.listeners.forEach((l) => l(m.data));
    // An uncaught error in the worker (or its failing to start): its state is unknown from here on.
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.crashListeners.forEach((l) => l(e.message || 'the engine worker failed'));
    };
  }

  private crashListeners = new Set<(message: string) => void>();
  onCrash(listener: (message: string) => void): () => void {
    this.crashListeners.add(listener);
    return () => this.crashListeners.delete(listener);
  }

  /** Ends the worker (after a crash: a fresh one takes over). */
  terminate() {
    this.worker.terminate();
    this.listeners.clear();
    this.crashListeners.clear();
  }

  onEvent(listener: (event: WorkerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private send(request: WorkerRequest) {
    this.worker.postMessage(request);
  }

  // Absolute: a relative base would resolve against the worker script's own URL.
  private baseUrl = () => new URL(import.meta.env.BASE_URL, document.baseURI).href;

  start(config: ExperimentConfig, resume?: SavedProgress) {
    this.send({ type: 'start', config, baseUrl: this.baseUrl(), ...(resume ? { resume } : {}) });
  }
  measure = (config: ExperimentConfig) => this.send({ type: 'measure', config, baseUrl: this.baseUrl() });
  pause = () => this.send({ type: 'pause' });
  resume = () => this.send({ type: 'resume' });
  stop = () => this.send({ type: 'stop' });
  pauseAfterRound = () => this.send({ type: 'pause-after-round' });
  forceFault = (kind: 'device-lost' | 'out-of-memory' | 'crash') => this.send({ type: 'force-fault', kind });
}
