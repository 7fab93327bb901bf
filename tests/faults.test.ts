// Faults: what each error is called in plain words, and a forced out-of-memory in a real run
// stopping it cleanly with its finished rounds and a resume point to go on from.
import { describe, expect, it } from 'vitest';
import { classifyFault, crashFault, DeviceLostError } from '../src/engine/faults';
import type { EngineEvent } from '../src/engine/events';
import { selectBackend } from '../src/engine/backend';
import { nodeWasmPaths } from '../src/node/wasm-paths';
import { makeRunner, numTensors } from './engine-helpers';

describe('classifyFault', () => {
  it('names a lost device, exhausted memory and other errors in plain words', () => {
    expect(classifyFault(new DeviceLostError('destroyed'), 'webgpu')).toMatchObject({ kind: 'device-lost', backend: 'webgpu', detail: 'WebGPU device lost: destroyed' });
    expect(classifyFault(new Error('WebGL context lost'), 'webgl').kind).toBe('device-lost');
    expect(classifyFault(new RangeError('Invalid typed array length: 8589934592'), 'wasm')).toMatchObject({ kind: 'out-of-memory', message: expect.stringMatching(/^WebAssembly ran out of memory/) });
    expect(classifyFault(new Error('Array buffer allocation failed'), 'cpu').kind).toBe('out-of-memory');
    expect(classifyFault(new Error('Aborted(OOM)'), 'wasm').kind).toBe('out-of-memory');
    expect(classifyFault(new Error('shapes do not match'), 'wasm')).toMatchObject({ kind: 'error', message: 'The run failed on WebAssembly: shapes do not match' });
    expect(classifyFault('a string', 'cpu').detail).toBe('a string');
    expect(crashFault('boom', 'wasm')).toMatchObject({ kind: 'crash', detail: 'boom' });
  });
});

describe('a forced out-of-memory', () => {
  it('stops the run cleanly: its finished rounds, a resume point and the fault are kept, no tensor leaks', async () => {
    await selectBackend('wasm', nodeWasmPaths());
    const before = numTensors();
    let forced = false;
    const { runner, events } = makeRunner((e: EngineEvent) => {
      // After round 0, once: the allocation really is attempted on the live backend; round 1 stops at its first step.
      if (!forced && e.type === 'resume-point') {
        forced = true;
        runner.forceFault('out-of-memory');
      }
    });
    const doc = await runner.run({ dataset: 'gauss', model: 'mlp-16-16', iters: 40, evalEvery: 20, batch: 32, backend: 'wasm', rounds: 3, controls: [] });
    expect(doc.status).toBe('failed');
    expect(doc.rounds.map((r) => r.round)).toEqual([0]);
    const fault = events.find((e) => e.type === 'fault');
    expect(fault?.type === 'fault' && fault.fault).toMatchObject({ kind: 'out-of-memory', backend: 'wasm' });
    expect(doc.error).toMatch(/ran out of memory/);
    expect(events.filter((e) => e.type === 'resume-point').map((e) => e.type === 'resume-point' && e.point.round)).toEqual([0]);
    expect(events.at(-1)?.type).toBe('done');
    expect(numTensors()).toBe(before);
    // The runner takes the next run (the backend is started afresh).
    const next = await runner.run({ dataset: 'gauss', model: 'mlp-16-16', iters: 20, evalEvery: 20, batch: 32, backend: 'wasm', rounds: 0 });
    expect(next.status).toBe('complete');
  });
});
