// Names for runs in user words: what a config changes from the defaults (a saved run's default
// name, "MNIST 50%/round seed 3"), and what tells several configs apart (a comparison's legend,
// "50%/round" vs "20%/round"). Pure: settings in, short phrases out.
import { DEFAULT_CONFIG, FIELDS, type ExperimentConfig, type FieldName } from '../config/schema';

const DATASET_WORDS: Record<string, string> = {
  mnist: 'MNIST',
  fashion: 'Fashion-MNIST',
  circles: 'circles',
  xor: 'XOR',
  gauss: 'gaussians',
  spiral: 'spiral',
};
const MODEL_WORDS: Record<string, string> = { lenet300: 'LeNet-300-100', conv2: 'Conv-2', conv4: 'Conv-4', conv6: 'Conv-6' };
const OPTIMIZER_WORDS: Record<string, string> = { adam: 'Adam', sgd: 'SGD', momentum: 'momentum SGD' };
const BACKEND_WORDS: Record<string, string> = { auto: 'auto backend', webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

const datasetWord = (d: string) => DATASET_WORDS[d] ?? d;
const modelWord = (m: string) => MODEL_WORDS[m] ?? (m.startsWith('mlp-') ? `MLP ${m.slice(4)}` : m);
const pct = (x: number) => `${+(x * 100).toFixed(2)}%`;
const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;
const list = (xs: readonly (string | number)[]) => xs.join(',');

/** Each setting as a short phrase, as a lecturer would say it. */
const PHRASES: { [K in FieldName]: (value: ExperimentConfig[K]) => string } = {
  dataset: datasetWord,
  model: modelWord,
  rate: (r) => `${pct(r)}/round`,
  convRate: (r) => `conv ${pct(r)}/round`,
  rounds: (n) => plural(n, 'round'),
  iters: (n) => `${n} iters`,
  batch: (n) => `batch ${n}`,
  lr: (x) => `lr ${x}`,
  opt: (o) => OPTIMIZER_WORDS[o] ?? o,
  scope: (s) => (s === 'global' ? 'global pruning' : 'per-layer pruning'),
  mode: (m) => (m === 'supermask' ? 'supermask' : 'IMP'),
  scoreLr: (x) => `score lr ${x}`,
  criterion: (c) => `keep ${c}`,
  transfer: (d) => (d === 'none' ? 'no transfer' : `transfer to ${datasetWord(d)}`),
  transferOpt: (o) => (o === 'none' ? 'no optimizer transfer' : `transfer to ${OPTIMIZER_WORDS[o] ?? o}`),
  transferLr: (x) => `transfer lr ${x}`,
  stability: (s) => (s === 'all' ? 'stability all rounds' : s.length ? `stability rounds ${list(s)}` : 'no stability'),
  rewinds: (ks) => (ks.length ? `rewinds ${list(ks)}` : 'no rewind sweep'),
  compare: (cs) => (cs.length ? `vs ${list(cs)}` : 'no compared criteria'),
  start: (s) => `start ${s}`,
  pruned: (p) => `pruned ${p}`,
  rewind: (k) => `rewind to ${k}`,
  controls: (cs) => (cs.length ? `controls ${list(cs)}` : 'no controls'),
  evalEvery: (n) => `eval every ${n}`,
  evalSize: (n) => `eval on ${n}`,
  seed: (n) => `seed ${n}`,
  seeds: (n) => plural(n, 'seed'),
  backend: (b) => BACKEND_WORDS[b] ?? b,
};

/** Settings that change nothing in this config are left out of its phrases. */
function matters(name: FieldName, c: ExperimentConfig): boolean {
  switch (name) {
    case 'convRate':
      return c.model.startsWith('conv');
    case 'scoreLr':
      return c.mode === 'supermask';
    case 'transferLr':
      return c.transferOpt !== 'none';
    default:
      return true;
  }
}

const FIELD_NAMES = Object.keys(FIELDS) as FieldName[];
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const phrase = <K extends FieldName>(name: K, c: ExperimentConfig) => PHRASES[name](c[name]);

/**
 * A saved run's default name: the dataset, then what differs from the defaults in the schema's
 * order; the backend is left out (it changes how fast, not what).
 */
export function runName(config: ExperimentConfig): string {
  const changed = FIELD_NAMES.filter((n) => n !== 'dataset' && n !== 'backend' && matters(n, config) && !same(config[n], DEFAULT_CONFIG[n]));
  return [datasetWord(config.dataset), ...changed.map((n) => phrase(n, config))].join(' ');
}

/**
 * Per config, the phrases of the settings that differ among them (in the schema's order): what a
 * legend of compared runs shows. Settings all configs share give no phrase; fewer than two configs
 * have nothing to tell apart.
 */
export function differences(configs: ExperimentConfig[]): string[][] {
  if (configs.length < 2) return configs.map(() => []);
  const differing = FIELD_NAMES.filter((n) => configs.some((c) => !same(c[n], configs[0][n])));
  return configs.map((c) => differing.filter((n) => matters(n, c)).map((n) => phrase(n, c)));
}
