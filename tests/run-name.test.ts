// Saved runs' default names and the phrases that tell compared runs apart (src/analysis/run-name.ts).
import { describe, expect, it } from 'vitest';
import { differences, runName } from '../src/analysis/run-name';
import { DEFAULT_CONFIG, parseConfig, type ExperimentConfig } from '../src/config/schema';

const config = (changes: Partial<ExperimentConfig>) => parseConfig({ ...DEFAULT_CONFIG, ...changes }).config;

describe('runName', () => {
  it('names the dataset, then what differs from the defaults', () => {
    expect(runName(DEFAULT_CONFIG)).toBe('MNIST');
    expect(runName(config({ rate: 0.5, seed: 3 }))).toBe('MNIST 50%/round seed 3');
    expect(runName(config({ dataset: 'gauss', model: 'mlp-16-16', rounds: 2, iters: 40 }))).toBe('gaussians MLP 16-16 2 rounds 40 iters');
    expect(runName(config({ dataset: 'fashion', model: 'conv2', convRate: 0.15, opt: 'sgd', controls: [] }))).toBe('Fashion-MNIST Conv-2 conv 15%/round SGD no controls');
  });
  it('leaves out the backend and settings that change nothing in this config', () => {
    expect(runName(config({ backend: 'cpu' }))).toBe('MNIST');
    // convRate matters only for conv models, scoreLr only for supermasks, transferLr only with transferOpt.
    expect(runName(config({ convRate: 0.3, scoreLr: 0.5, transferLr: 0.05 }))).toBe('MNIST');
    expect(runName(config({ mode: 'supermask', scoreLr: 0.5 }))).toBe('MNIST supermask score lr 0.5');
    expect(runName(config({ transferOpt: 'sgd', transferLr: 0.05 }))).toBe('MNIST transfer to SGD transfer lr 0.05');
  });
  it('lists list-valued settings', () => {
    expect(runName(config({ rewinds: [50, 100], stability: [0, 3], compare: ['movement', 'random'] }))).toBe('MNIST stability rounds 0,3 rewinds 50,100 vs movement,random');
    expect(runName(config({ stability: 'all', seeds: 3 }))).toBe('MNIST stability all rounds 3 seeds');
  });
});

describe('differences', () => {
  it('gives each config the phrases of the settings that differ among them', () => {
    const a = config({ rate: 0.2, seed: 1 });
    const b = config({ rate: 0.5, seed: 1 });
    const c = config({ rate: 0.5, seed: 2 });
    expect(differences([a, b])).toEqual([['20%/round'], ['50%/round']]);
    expect(differences([a, b, c])).toEqual([
      ['20%/round', 'seed 1'],
      ['50%/round', 'seed 1'],
      ['50%/round', 'seed 2'],
    ]);
  });
  it('names the dataset and backend when they differ', () => {
    expect(differences([config({ dataset: 'mnist' }), config({ dataset: 'fashion' })])).toEqual([['MNIST'], ['Fashion-MNIST']]);
    expect(differences([config({ backend: 'cpu' }), config({ backend: 'wasm' })])).toEqual([['CPU'], ['WASM']]);
  });
  it('has nothing to tell apart in equal configs or a single one', () => {
    expect(differences([DEFAULT_CONFIG, structuredClone(DEFAULT_CONFIG)])).toEqual([[], []]);
    expect(differences([config({ rate: 0.5 })])).toEqual([[]]);
    expect(differences([])).toEqual([]);
  });
  it('drops a differing setting where it changes nothing', () => {
    const mlp = config({ model: 'lenet300', convRate: 0.1 });
    const conv = config({ model: 'conv2', convRate: 0.2 });
    expect(differences([mlp, conv])).toEqual([['LeNet-300-100'], ['Conv-2', 'conv 20%/round']]);
  });
});
