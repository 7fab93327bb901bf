// The bench's end-to-end row: how many examples it trains at least (what decides whether a slow
// backend runs it), and that a backend too slow for it gets a row saying why instead of a half-hour wait.
import { describe, expect, it } from 'vitest';
import { BENCH_EXPERIMENT, EXPERIMENT_LIMIT_S, experimentSamples } from '../src/bench/bench-core';

describe('the experiment row', () => {
  it('trains 3 pruning rounds x 500 iterations x batch 60 x 3 networks at least', () => {
    expect(BENCH_EXPERIMENT).toMatchObject({ rounds: 3, iters: 500, controls: ['reinit', 'random'] });
    expect(experimentSamples()).toBe(3 * 500 * 60 * 3);
  });

  it('runs on WASM (thousands of samples/s) and not on the cpu backend (~160 samples/s)', () => {
    expect(experimentSamples() / 5000).toBeLessThan(EXPERIMENT_LIMIT_S);
    expect(experimentSamples() / 160).toBeGreaterThan(EXPERIMENT_LIMIT_S);
  });
});
