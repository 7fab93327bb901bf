// The words and numbers next to the controls: exact weights, FLOPs, schedules, runs and epochs,
// and the presets' promises (3.6% for Frankle & Carbin, valid configs, the four required titles).
import { describe, expect, it } from 'vitest';
import {
  DATASET_INFO,
  DEFAULT_SAMPLES_PER_SECOND,
  epochsPerRun,
  epochsText,
  estimateSamplesPerSecond,
  estimateTime,
  evalExamples,
  evaluationsPerRun,
  fieldImplication,
  finalRemaining,
  flopsPerInference,
  formatDuration,
  formatLr,
  formatPercent,
  parameterCounts,
  parametersText,
  plannedRuns,
  rateText,
  remainingText,
  rewindText,
  runsText,
  scheduleOf,
  timeText,
  totalIterations,
} from '../src/config/implications';
import { PRESETS, activePreset, matchesPreset, presetConfig } from '../src/config/presets';
import { DEFAULT_CONFIG, FIELDS, parseConfig, type ExperimentConfig, type FieldName } from '../src/config/schema';

const cfg = (c: Partial<ExperimentConfig> = {}): ExperimentConfig => {
  const parsed = parseConfig({ ...DEFAULT_CONFIG, ...c });
  expect(parsed.issues).toEqual([]);
  return parsed.config;
};

describe('model size', () => {
  it('LeNet-300-100 on MNIST: 266,200 weights, 410 biases, 532,400 FLOPs', () => {
    expect(parameterCounts(cfg())).toEqual({ weights: 266_200, biases: 410, parameters: 266_610 });
    expect(flopsPerInference(cfg())).toBe(532_400);
    expect(parametersText(cfg())).toBe('LeNet-300-100 (784-300-100-10): 266,200 weights + 410 biases = 266,610 parameters');
  });

  it('a custom MLP on 2-D data has 2 inputs and 2 outputs', () => {
    const c = cfg({ dataset: 'spiral', model: 'mlp-64-64' });
    expect(parameterCounts(c)).toEqual({ weights: 2 * 64 + 64 * 64 + 64 * 2, biases: 130, parameters: 4482 });
    expect(parametersText(c)).toMatch(/^MLP 2-64-64-2: 4,352 weights/);
  });

  it('Conv-2 on MNIST: 3x3 convs 1->64->64, pool, then 12544-256-256-10', () => {
    const c = cfg({ model: 'conv2' });
    const conv = 9 * 64 + 9 * 64 * 64;
    const fc = 14 * 14 * 64 * 256 + 256 * 256 + 256 * 10;
    expect(parameterCounts(c).weights).toBe(conv + fc);
    expect(flopsPerInference(c)).toBe(2 * (28 * 28 * 9 * 64 + 28 * 28 * 9 * 64 * 64 + fc));
  });
});

describe('pruning schedule', () => {
  it('20% per round × 7 rounds leaves 21.1% of LeNet (output layer at 10%)', () => {
    const c = cfg({ rate: 0.2, rounds: 7 });
    // fc1 and fc2 lose round(20%) a round, the output layer round(10%); exact integer counts.
    let big = [235_200, 30_000];
    let out = 1000;
    for (let r = 0; r < 7; r++) {
      big = big.map((n) => n - Math.round(n * 0.2));
      out -= Math.round(out * 0.1);
    }
    const left = (big[0] + big[1] + out) / 266_200;
    expect(finalRemaining(c)).toBeCloseTo(left, 12);
    expect(formatPercent(left)).toBe('21.1%');
    expect(remainingText(c)).toBe(
      `20% per round × 7 rounds: 21.1% of weights remain (${(big[0] + big[1] + out).toLocaleString('en-US')} of 266,200); output layer at half rate (10% per round)`,
    );
  });

  it('reproduces the percentages in Frankle & Carbin’s LeNet legend', () => {
    const s = scheduleOf(cfg({ rate: 0.2, rounds: 18 }));
    expect([s[0], s[3], s[7], s[12], s[15], s[18]].map(formatPercent)).toEqual(['100%', '51.3%', '21.1%', '7.0%', '3.6%', '1.9%']);
  });

  it('global scope uses one rate for everything and says so', () => {
    const c = cfg({ scope: 'global', rate: 0.5, rounds: 2 });
    expect(finalRemaining(c)).toBeCloseTo((266_200 - 133_100 - 66_550) / 266_200, 12);
    expect(remainingText(c)).toMatch(/^50% per round under one global threshold × 2 rounds: 25.0% of weights remain/);
  });

  it('conv models name both rates; 0 rounds keeps everything', () => {
    expect(remainingText(cfg({ model: 'conv2', rounds: 1 }))).toMatch(/^fully-connected 20% per round, conv 10% × 1 round:/);
    expect(remainingText(cfg({ rounds: 0 }))).toBe('0 rounds: only the dense network is trained (100% of 266,200 weights)');
  });

  it('formats rates and percentages', () => {
    expect(rateText(0.2)).toBe('20% per round');
    expect(rateText(0.05)).toBe('5% per round');
    expect(formatPercent(0.0358)).toBe('3.6%');
    expect(formatPercent(0.00123)).toBe('0.12%');
    expect(formatPercent(0.000123)).toBe('0.012%');
  });
});

describe('training runs, epochs, evaluations', () => {
  it('(1 + rounds × (1 + controls)) × iters', () => {
    expect(plannedRuns(cfg())).toBe(22);
    expect(totalIterations(cfg())).toBe(22_000);
    expect(totalIterations(cfg({ rounds: 15, controls: ['reinit'], iters: 500 }))).toBe(31 * 500);
    expect(totalIterations(cfg({ rounds: 0 }))).toBe(1000);
    expect(runsText(cfg())).toBe('22 training runs (1 dense + 7 rounds × (ticket + 2 controls)) × 1,000 iterations = 22,000 iterations');
    expect(runsText(cfg({ controls: [], rounds: 1 }))).toBe('2 training runs (1 dense + 1 round × 1 ticket) × 1,000 iterations = 2,000 iterations');
  });

  it('epochs per run: 55,000 MNIST training images, 2,000 points of 2-D data', () => {
    expect(epochsPerRun(cfg())).toBeCloseTo(60_000 / 55_000, 12);
    expect(epochsText(cfg())).toBe('1,000 × 60 = 60,000 examples = 1.09 epochs of the 55,000 training images per run');
    expect(epochsPerRun(cfg({ dataset: 'xor', model: 'mlp-8', iters: 100, batch: 40 }))).toBe(2);
  });

  it('evaluations: iteration 0, every evalEvery, and the last iteration', () => {
    expect(evaluationsPerRun(cfg())).toBe(11);
    expect(evaluationsPerRun(cfg({ iters: 1050 }))).toBe(12);
    expect(evalExamples(cfg())).toEqual({ test: 10_000, val: 5_000 });
    expect(evalExamples(cfg({ dataset: 'circles', model: 'mlp-8', evalSize: 800 }))).toEqual({ test: 800, val: 500 });
    expect(DATASET_INFO.spiral.train).toBe(2000);
  });

  it('rewind: θ0 or late resetting to iteration k', () => {
    expect(rewindText(cfg())).toMatch(/^θ0: survivors are reset to the original initialisation/);
    expect(rewindText(cfg({ rewind: 500 }))).toMatch(/^late resetting to iteration 500 \(50\.0% of training, 500\/1,000\)/);
  });

  it('time estimate: LeNet at the default figure, faster for tiny MLPs, slower for conv nets', () => {
    expect(estimateSamplesPerSecond(cfg())).toBeCloseTo(DEFAULT_SAMPLES_PER_SECOND, 6);
    const t = estimateTime(cfg({ evalEvery: 1000 }), 2000);
    expect(t.samples).toBe(22_000 * 60);
    expect(t.trainingSeconds).toBeCloseTo(660, 9);
    expect(t.evaluated).toBe(22 * 2 * 15_000);
    expect(t.evaluationSeconds).toBeGreaterThan(0);
    expect(t.evaluationSeconds).toBeLessThan(t.trainingSeconds);
    expect(estimateSamplesPerSecond(cfg({ dataset: 'spiral', model: 'mlp-64-64' }))).toBeGreaterThan(20_000);
    const conv2 = estimateSamplesPerSecond(cfg({ model: 'conv2' }));
    expect(conv2).toBeGreaterThan(40); // measured 66 on one WASM thread (docs/bench.md)
    expect(conv2).toBeLessThan(100);
    expect(estimateSamplesPerSecond(cfg({ backend: 'cpu' }))).toBeCloseTo(DEFAULT_SAMPLES_PER_SECOND / 20, 6);
    expect(timeText(cfg())).toMatch(/^estimate: about \d+ min at ~5,000 samples\/s \(WASM/);
    expect(timeText(cfg(), 5000)).toMatch(/at ~5,000 samples\/s \(measured on this machine\)$/);
  });

  it('formats durations and learning rates', () => {
    expect(formatDuration(40)).toBe('40 s');
    expect(formatDuration(600)).toBe('10 min');
    expect(formatDuration(4800)).toBe('1 h 20 min');
    expect(formatDuration(20 * 3600)).toBe('20 h');
    expect(formatLr(1.2e-3)).toBe('1.2e-3');
    expect(formatLr(0.01)).toBe('1e-2');
    expect(formatLr(0.5)).toBe('0.5');
  });

  it('every field has a non-empty implication line', () => {
    for (const name of Object.keys(FIELDS) as FieldName[]) expect(fieldImplication(name, cfg()), name).not.toBe('');
    expect(fieldImplication('backend', cfg())).toBe('auto: a short training measurement on each backend picks the fastest');
  });
});

describe('presets', () => {
  it('has the four required presets, each a valid full config', () => {
    const titles = PRESETS.map((p) => p.title);
    for (const t of ['Frankle & Carbin: LeNet-300-100 on MNIST', 'Quick demo: 2-D spiral in seconds', 'Aggressive pruning: 50% per round'])
      expect(titles).toContain(t);
    expect(titles.some((t) => t.startsWith('Late resetting'))).toBe(true);
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    for (const p of PRESETS) {
      expect(parseConfig({ ...DEFAULT_CONFIG, ...p.config }).issues, p.id).toEqual([]);
      expect(p.line.length, p.id).toBeGreaterThan(20);
    }
  });

  it('Frankle & Carbin reaches 3.6% at 20% per round with the output at half; aggressive 3.2% in 5 rounds', () => {
    const fc = presetConfig(PRESETS.find((p) => p.id === 'frankle-carbin')!);
    expect(fc).toMatchObject({ dataset: 'mnist', model: 'lenet300', rate: 0.2, scope: 'layer', rewind: 0, rounds: 15 });
    expect(formatPercent(finalRemaining(fc))).toBe('3.6%');
    const aggressive = presetConfig(PRESETS.find((p) => p.id === 'aggressive')!);
    expect(aggressive.rate).toBe(0.5);
    expect(formatPercent(finalRemaining(aggressive))).toBe('3.2%');
    const late = presetConfig(PRESETS.find((p) => p.id === 'late-resetting')!);
    expect(late.rewind).toBeGreaterThan(0);
    expect(late.rewind).toBeLessThanOrEqual(late.iters);
  });

  it('the supermask preset prunes once to 20.2% by large_final_same_sign, restarting at signed constants', () => {
    const sm = presetConfig(PRESETS.find((p) => p.id === 'supermask')!);
    expect(sm).toMatchObject({ rounds: 1, rate: 0.8, criterion: 'large_final_same_sign', start: 'constant_sign', pruned: 'zero' });
    expect(formatPercent(finalRemaining(sm))).toBe('20.2%');
    for (const p of PRESETS.filter((q) => q.id === 'supermask' || q.id === 'zeros-signs')) expect(p.lookFor?.length, p.id).toBeGreaterThan(20);
  });

  it('the learned-supermask preset is one run over fixed signed constants; its lines say what is unused', () => {
    const ls = presetConfig(PRESETS.find((p) => p.id === 'learned-supermask')!);
    expect(ls).toMatchObject({ mode: 'supermask', start: 'constant_sign', scoreLr: 0.1 });
    expect(plannedRuns(ls)).toBe(1);
    expect(plannedRuns({ ...ls, mode: 'imp' })).toBe(1 + ls.rounds * (1 + ls.controls.length));
    expect(fieldImplication('mode', ls)).toMatch(/^one run of 1,000 iterations learns a mask over fixed weights \(the original sign/);
    expect(fieldImplication('scoreLr', ls)).toMatch(/^Adam at 0\.1 on one score per weight$/);
    expect(fieldImplication('scoreLr', { ...ls, mode: 'imp' })).toBe('used only with mode=supermask');
    expect(estimateTime({ ...ls, seeds: 3 }).samples).toBe(1000 * 60);
  });

  it('the spiral demo is small enough to finish in seconds on WASM', () => {
    const spiral = presetConfig(PRESETS.find((p) => p.id === 'spiral')!);
    expect(spiral.dataset).toBe('spiral');
    expect(estimateTime(spiral).seconds).toBeLessThan(60);
  });

  it('matches the current config to a preset, ignoring the backend', () => {
    const fc = PRESETS[0];
    const c = presetConfig(fc);
    expect(activePreset(c)?.id).toBe(fc.id);
    expect(matchesPreset({ ...c, backend: 'webgl' }, fc)).toBe(true);
    expect(matchesPreset({ ...c, rate: 0.3 }, fc)).toBe(false);
    expect(activePreset(DEFAULT_CONFIG)).toBeNull();
  });
});
