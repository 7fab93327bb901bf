// Threaded WASM in Node. tfjs-backend-wasm starts its pthread workers from Blob URLs, which
// Node's worker_threads cannot load ("must be an absolute path"). The worker script and the
// module it imports are written to a temporary folder once, and the Blob URLs tfjs asks for are
// mapped to those files while the backend starts. Node only: the page uses the real Blob URLs.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useWasmThreadHost } from '../engine/backend';

let prepared: { workerPath: string } | null = null;

function prepare(): { workerPath: string } {
  if (prepared) return prepared;
  const require = createRequire(import.meta.url);
  const dir = mkdtempSync(join(tmpdir(), 'ticket-lab-wasm-'));
  const out = require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
  const { wasmWorkerContents } = require('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js') as { wasmWorkerContents: string };
  const mainPath = join(dir, 'main.js');
  // tfjs's main-script Blob defines the factory as a global; the module's own source does too.
  writeFileSync(mainPath, readFileSync(out, 'utf8'));
  const workerPath = join(dir, 'worker.js');
  // The worker imports the main script by the URL it is sent (a Blob's); it gets the file instead.
  writeFileSync(
    workerPath,
    // As tfjs does for its Blob: the embedded source holds "\n" escapes as real newlines.
    `${wasmWorkerContents.replace(/\n/g, '\\n')}\n;{const load = global.importScripts; global.importScripts = (f) => load(String(f).startsWith('blob:') ? ${JSON.stringify(mainPath)} : f);}\n`,
  );
  prepared = { workerPath };
  return prepared;
}

/**
 * Lets the engine's WASM backend run `threads` threads in Node (the CLI, the bench); call before
 * the backend starts. Default: TICKET_LAB_WASM_THREADS, else one thread. Measured here on 2 shared
 * cores (docs/bench.md), two threads lost whenever the other core was busy: the science test took
 * 145 s on two threads against 60 s on one at load 6. So threads are asked for, not assumed.
 */
export function useNodeWasmThreads(threads = Number(process.env.TICKET_LAB_WASM_THREADS) || 1): void {
  if (threads < 2) return useWasmThreadHost(null);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  useWasmThreadHost({ cores: Math.min(threads, os.cpus().length), start: withNodeWasmThreads });
}

/**
 * Runs `start` (which starts the WASM backend) with tfjs's pthread Blob URLs served from files.
 * XNNPACK's pool is capped at half the cores emscripten counts (1 thread on 2 cores), so while the
 * module starts os.cpus() reports each core twice: the pool then gets one thread per core.
 */
export async function withNodeWasmThreads<T>(start: () => Promise<T>): Promise<T> {
  const { workerPath } = prepare();
  const create = URL.createObjectURL;
  const cpus = os.cpus;
  URL.createObjectURL = (blob: Blob) => (blob.type === 'application/javascript' ? workerPath : create(blob));
  os.cpus = () => [...cpus(), ...cpus()];
  try {
    return await start();
  } finally {
    URL.createObjectURL = create;
    os.cpus = cpus;
  }
}
