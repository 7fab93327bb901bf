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
    this.worker.onerror = (e) => this.listeners.forEach((l) => l({ type: 'error', message: e.message || 'The engine worker failed to start' }));
  }

  onEvent(listener: (event: WorkerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private send(request: WorkerRequest) {
    this.worker.postMessage(request);
  }

  start(config: ExperimentConfig, resume?: SavedProgress) {
    // Absolute: a relative base would resolve against the worker script's own URL.
    this.send({ type: 'start', config, baseUrl: new URL(import.meta.env.BASE_URL, document.baseURI).href, ...(resume ? { resume } : {}) });
  }
  pause = () => this.send({ type: 'pause' });
  resume = () => this.send({ type: 'resume' });
  stop = () => this.send({ type: 'stop' });
  pauseAfterRound = () => this.send({ type: 'pause-after-round' });
}
