// The time estimate against a measured run: the default experiment shortened to one pruning round
// of 500 iterations (the dense run plus the ticket and both controls, evaluated on the full
// 10,000 test + 5,000 validation images every 100 iterations), in Node on WASM. The estimate is
// given the training speed this machine has right now (the backend probe's measurement, as the
// page's figures are), so a busy shared machine moves both sides alike.
import { describe, expect, it } from 'vitest';
import { estimateTime } from '../src/config/implications';
import { DEFAULT_CONFIG, parseConfig } from '../src/config/schema';
import { buildArchitecture } from '../src/engine/models';
import { measureTraining } from '../src/engine/probe-step';
import { runExperiment } from './engine-helpers';

describe('time estimate', () => {
  it('is within 30% of the measured time of the default experiment, shortened to 1 round × 500 iterations', async () => {
    const config = parseConfig({ ...DEFAULT_CONFIG, rounds: 1, iters: 500, backend: 'wasm' }).config;
    const t0 = performance.now();
    const { doc } = await runExperiment(config);
    const measured = (performance.now() - t0) / 1000;
    expect(doc.status).toBe('complete');
    expect(doc.backend.name).toBe('wasm');
    // The probe's figure, as the page's automatic backend choice measures it (arms of a round together).
    const sps = await measureTraining(config, buildArchitecture('lenet300', [784], 10), 'wasm', 1500);
    const estimate = estimateTime(config, sps);
    const ratio = estimate.seconds / measured;
    console.log(
      `estimate ${estimate.seconds.toFixed(1)} s (training ${estimate.trainingSeconds.toFixed(1)} s at ${Math.round(sps)} samples/s + evaluation ${estimate.evaluationSeconds.toFixed(1)} s) vs measured ${measured.toFixed(1)} s: ×${ratio.toFixed(2)}`,
    );
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(1.3);
  });
});
