/// <reference lib="webworker" />
// Hosts the experiment runner off the main thread so the page never freezes while it trains.
import { ExperimentRunner } from '../engine/runner';
import { httpFetchBytes } from '../engine/fetch-http';
import type { WorkerEvent, WorkerRequest } from './protocol';
import { WASM_URLS } from './wasm-urls';
import { transferables } from './transferables';

declare const self: DedicatedWorkerGlobalScope;

const post = (event: WorkerEvent) => self.postMessage(event, transferables(event));
let runner: ExperimentRunner | null = null;
let measuring: Promise<unknown> = Promise.resolve();

self.onmessage = (message: MessageEvent<WorkerRequest>) => {
  const request = message.data;
  if (request.type === 'start') {
    if (runner?.running) return post({ type: 'error', message: 'An experiment is already running' });
    // One runner for the worker's life: the backend and the loaded datasets stay warm between runs.
    const r = (runner ??= new ExperimentRunner({ fetchBytes: httpFetchBytes(request.baseUrl), wasmPaths: WASM_URLS, emit: post }));
    // A speed measurement in progress finishes first (both start the backend).
    void measuring.then(() => r.run(request.config, request.resume)).catch((e: Error) => post({ type: 'error', message: e.message ?? String(e) }));
  } else if (request.type === 'measure') {
    const r = (runner ??= new ExperimentRunner({ fetchBytes: httpFetchBytes(request.baseUrl), wasmPaths: WASM_URLS, emit: post }));
    if (r.running) return;
    measuring = measuring
      .then(() => r.measureSpeed(request.config))
      .then((speed) => post({ type: 'speed', ...speed }))
      .catch(() => {}); // no measurement: the page keeps its guess
  } else if (request.type === 'pause') runner?.pause();
  else if (request.type === 'resume') runner?.resume();
  else if (request.type === 'stop') runner?.stop();
  else if (request.type === 'pause-after-round') runner?.pauseAfterRound();
  else if (request.type === 'force-fault') {
    // An uncaught error outside any promise: the page sees the worker's error event, as for a real crash.
    if (request.kind === 'crash')
      setTimeout(() => {
        throw new Error('forced worker crash');
      });
    else runner?.forceFault(request.kind);
  }
};
