/// <reference lib="webworker" />
// Hosts the experiment runner off the main thread so the page never freezes while it trains.
import { ExperimentRunner } from '../engine/runner';
import { httpFetchBytes } from '../engine/fetch-http';
import type { WorkerEvent, WorkerRequest } from './protocol';
import { WASM_URLS } from './wasm-urls';
import { resumePointBuffers } from '../engine/resume';

declare const self: DedicatedWorkerGlobalScope;

// Snapshots are fresh buffers made for the page: transferred, not copied (megabytes per round).
const transferables = (event: WorkerEvent): ArrayBuffer[] => {
  if (event.type === 'snapshot') return event.layers.flatMap((l) => [l.final.buffer, l.mask.buffer, ...(l.nextMask ? [l.nextMask.buffer] : [])]) as ArrayBuffer[];
  if (event.type === 'resume-point') return resumePointBuffers(event.point);
  // θ0 and the rewind values may be one array (k = 0): a buffer is listed once.
  if (event.type === 'start-weights') return [...new Set(event.layers.flatMap((l) => [l.init.buffer, l.rewind.buffer]))] as ArrayBuffer[];
  return [];
};
const post = (event: WorkerEvent) => self.postMessage(event, transferables(event));
let runner: ExperimentRunner | null = null;

self.onmessage = (message: MessageEvent<WorkerRequest>) => {
  const request = message.data;
  if (request.type === 'start') {
    if (runner?.running) return post({ type: 'error', message: 'An experiment is already running' });
    // One runner for the worker's life: the backend and the loaded datasets stay warm between runs.
    runner ??= new ExperimentRunner({ fetchBytes: httpFetchBytes(request.baseUrl), wasmPaths: WASM_URLS, emit: post });
    runner.run(request.config, request.resume).catch((e: Error) => post({ type: 'error', message: e.message ?? String(e) }));
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
