// bench.html's Web Worker: runs bench-core on one backend, in the same kind of worker as the app.
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import threadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { benchBackend, type BenchBackend, type BenchRow } from './bench-core';
import { httpFetchBytes } from '../engine/fetch-http';

export interface BenchRequest {
  backend: BenchBackend;
  /** Absolute URL the data is relative to (the page's folder): data/mnist.tlds. */
  baseUrl: string;
  steps?: number;
  maxSeconds?: number;
  warmup?: number;
}

export type BenchReply =
  | { type: 'progress'; message: string }
  | { type: 'row'; row: BenchRow }
  | { type: 'done'; rows: BenchRow[] }
  | { type: 'error'; message: string };

// Vite's URLs for the three binaries, by the file names tfjs-backend-wasm asks for.
const wasmPaths = {
  'tfjs-backend-wasm.wasm': plain,
  'tfjs-backend-wasm-simd.wasm': simd,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimd,
};

const post = (m: BenchReply) => (self as unknown as Worker).postMessage(m);

self.onmessage = async (ev: MessageEvent<BenchRequest>) => {
  const req = ev.data;
  try {
    const rows = await benchBackend(req.backend, {
      fetchBytes: httpFetchBytes(req.baseUrl),
      wasmPaths,
      steps: req.steps,
      maxSeconds: req.maxSeconds,
      warmup: req.warmup,
      where: 'browser',
      onProgress: (message) => post({ type: 'progress', message }),
      onRow: (row) => post({ type: 'row', row }),
    });
    post({ type: 'done', rows });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
