// The time estimate against a measured run: the default experiment shortened to one pruning round
// of 500 iterations (the dense run plus the ticket and both controls, evaluated on the full
// 10,000 test + 5,000 validation images every 100 iterations), in Node on WASM.
//
// The estimate is given this machine's training speed as the run itself measured it (the mean of
// its progress reports, which count training time only), so what is checked is the rest of the
// model: how much an evaluation costs against a training example, and that nothing else takes
// time. The CI machine is shared and other test files run beside this one: a speed measured at
// another moment (the backend probe's, before or after) moved the ratio from 1.07 to 1.35 here.
import { describe, expect, it } from 'vitest';
import { estimateTime } from '../src/config/implications';
import { DEFAULT_CONFIG, parseConfig } from '../src/config/schema';
import { runExperiment } from './engine-helpers';

describe('time estimate', () => {
  it('is within 30% of the measured time of the default experiment, shortened to 1 round × 500 iterations', async () => {
    const config = parseConfig({ ...DEFAULT_CONFIG, rounds: 1, iters: 500, backend: 'wasm' }).config;
    const rates: number[] = [];
    const t0 = performance.now();
    const { doc } = await runExperiment(config, (e) => {
      if (e.type === 'progress' && e.progress.samplesPerSecond > 0) rates.push(e.progress.samplesPerSecond);
    });
    const measured = (performance.now() - t0) / 1000;
    expect(doc.status).toBe('complete');
    expect(doc.backend.name).toBe('wasm');
    expect(rates.length).toBeGreaterThan(10);
    const sps = rates.reduce((a, b) => a + b, 0) / rates.length;
    const estimate = estimateTime(config, sps);
    const ratio = estimate.seconds / measured;
    console.log(
      `estimate ${estimate.seconds.toFixed(1)} s (training ${estimate.trainingSeconds.toFixed(1)} s at ${Math.round(sps)} samples/s + evaluation ${estimate.evaluationSeconds.toFixed(1)} s) vs measured ${measured.toFixed(1)} s: ×${ratio.toFixed(2)}`,
    );
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(1.3);
  });
});
