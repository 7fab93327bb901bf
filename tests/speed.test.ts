// The page's time estimates come from this machine: the runner measures a config's training speed
// without running anything and without a status, keyed by what sets the speed.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/schema';
import { speedKey } from '../src/config/speed-key';
import { makeRunner, numTensors } from './engine-helpers';

describe('measureSpeed', () => {
  it('gives samples/s of the config on its backend, quietly and without leaking tensors', async () => {
    const { runner, events } = makeRunner();
    const config = { dataset: 'gauss', model: 'mlp-16-16', batch: 32, backend: 'wasm', rounds: 2 } as const;
    const first = await runner.measureSpeed(config, 200);
    const before = numTensors();
    const speed = await runner.measureSpeed(config, 200);
    expect(numTensors()).toBe(before);
    expect(speed.backend).toBe('wasm');
    expect(speed.samplesPerSecond).toBeGreaterThan(100);
    expect(first.key).toBe(speed.key);
    expect(speed.key).toBe(speedKey(parseConfig(config).config));
    expect(events).toEqual([]);
    // The next run is not disturbed.
    const doc = await runner.run({ ...config, iters: 20, evalEvery: 20, rounds: 0 });
    expect(doc.status).toBe('complete');
  });

  it('keys what sets the speed, not what does not', () => {
    const base = parseConfig({ model: 'lenet300', rounds: 3 }).config;
    expect(speedKey(parseConfig({ model: 'lenet300', rounds: 3, seed: 9, rate: 0.5 }).config)).toBe(speedKey(base));
    for (const other of [{ model: 'conv2' }, { batch: 120 }, { opt: 'sgd' }, { backend: 'cpu' }, { controls: [] }, { seeds: 2 }])
      expect(speedKey(parseConfig({ model: 'lenet300', rounds: 3, ...other }).config)).not.toBe(speedKey(base));
  });
});
