// Threaded WASM in Node (src/node/wasm-threads.ts): the pthread workers start from files, the pool
// gets one thread per core, and results equal the CPU backend's. Its own file: the WASM module
// is started once per process.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../src/engine/backend';
import { nodeWasmPaths } from '../src/node/wasm-paths';
import { useNodeWasmThreads } from '../src/node/wasm-threads';

describe('WASM threads in Node', () => {
  it('start two threads and compute what the CPU backend computes', async () => {
    useNodeWasmThreads(2);
    const info = await selectBackend('wasm', nodeWasmPaths());
    expect(info.name).toBe('wasm');
    expect(info.reason).toMatch(/threads ×2/);
    const a = tf.tensor2d(Float32Array.from({ length: 300 * 64 }, (_, i) => Math.sin(i)), [300, 64]);
    const b = tf.tensor2d(Float32Array.from({ length: 64 * 50 }, (_, i) => Math.cos(i)), [64, 50]);
    const threaded = await tf.matMul(a, b).data();
    const [av, bv] = [await a.data(), await b.data()];
    tf.dispose([a, b]);
    await selectBackend('cpu');
    const ref = await tf.matMul(tf.tensor2d(av, [300, 64]), tf.tensor2d(bv, [64, 50])).data();
    for (let i = 0; i < ref.length; i++) expect(threaded[i]).toBeCloseTo(ref[i], 3);
  });
});
