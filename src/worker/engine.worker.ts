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
// Pause, stop and "pause after this round" sent while a start waits (for a speed measurement to
// finish) would find no run to act on: they are kept and given to the run as it begins.
type RunRequest = Extract<WorkerRequest, { type: 'pause' | 'resume' | 'stop' | 'pause-after-round' }>['type'];
let waiting: RunRequest[] | null = null;

function control(r: ExperimentRunner, type: RunRequest) {
  if (type === 'pause') r.pause();
  else if (type === 'resume') r.resume();
  else if (type === 'stop') r.stop();
  else r.pauseAfterRound();
}

self.onmessage = (message: MessageEvent<WorkerRequest>) => {
  const request = message.data;
  if (request.type === 'start') {
    if (runner?.running || waiting) return post({ type: 'error', message: 'An experiment is already running' });
    // One runner for the worker's life: the backend and the loaded datasets stay warm between runs.
    const r = (runner ??= new ExperimentRunner({ fetchBytes: httpFetchBytes(request.baseUrl), wasmPaths: WASM_URLS, emit: post }));
    // A speed measurement in progress finishes first (both start the backend).
    const held: RunRequest[] = (waiting = []);
    void measuring
      .then(() => {
        waiting = null;
        const run = r.run(request.config, request.resume);
        // run() takes its controls before its first await, so these reach this run.
        for (const type of held) control(r, type);
        return run;
      })
      .catch((e: Error) => post({ type: 'error', message: e.message ?? String(e) }));
  } else if (request.type === 'measure') {
    const r = (runner ??= new ExperimentRunner({ fetchBytes: httpFetchBytes(request.baseUrl), wasmPaths: WASM_URLS, emit: post }));
    if (r.running) return;
    measuring = measuring
      .then(() => r.measureSpeed(request.config))
      .then((speed) => post({ type: 'speed', ...speed }))
      .catch(() => {}); // no measurement: the page keeps its guess
  } else if (request.type === 'pause' || request.type === 'resume' || request.type === 'stop' || request.type === 'pause-after-round') {
    if (waiting) waiting.push(request.type);
    else if (runner) control(runner, request.type);
  } else if (request.type === 'force-fault') {
    // An uncaught error outside any promise: the page sees the worker's error event, as for a real crash.
    if (request.kind === 'crash')
      setTimeout(() => {
        throw new Error('forced worker crash');
      });
    else runner?.forceFault(request.kind);
  }
};
