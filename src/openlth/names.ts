// How the lab's names meet facebookresearch/open_lth's (github.com/facebookresearch/open_lth):
// models, datasets, optimizers and step strings, both ways. Shared by commands.ts (lab → open_lth)
// and import.ts (open_lth → lab); every fact here is read from open_lth's source, cited inline.
import { MAX_WIDTH, type DatasetName } from '../config/schema';

/** open_lth's datasets (datasets/registry.py: registered_datasets). It has no Fashion-MNIST and no 2-D sets. */
export const OPEN_LTH_DATASETS = ['mnist', 'cifar10', 'imagenet'] as const;

/**
 * A table looked up by names read from a run's files: it knows its own names only, so a dataset
 * called `constructor` or `__proto__` is unknown, like any other, and not Object's own member.
 */
const byName = (entries: Record<string, number>): Readonly<Record<string, number | undefined>> => Object.freeze(Object.assign(Object.create(null), entries));

/** Training-set sizes (datasets/*.py: num_train_examples), for epochs ↔ iterations. */
export const TRAIN_EXAMPLES = byName({ mnist: 60_000, cifar10: 50_000, imagenet: 1_281_167, fashionmnist: 60_000 });

/** Test-set sizes (datasets/*.py: num_test_examples). */
export const TEST_EXAMPLES = byName({ mnist: 10_000, cifar10: 10_000, imagenet: 50_000, fashionmnist: 10_000 });

/**
 * What the lab's dataset is called in an open_lth command. Fashion-MNIST and the 2-D sets do not
 * exist there; the name is what a dataset added to datasets/registry.py would be called.
 */
export function openLthDataset(dataset: DatasetName): string {
  return dataset === 'fashion' ? 'fashionmnist' : dataset;
}

/** The lab's dataset for an open_lth dataset name, or null when the lab has none. */
export function labDataset(name: string): DatasetName | null {
  if (name === 'mnist') return 'mnist';
  if (/^fashion[_-]?mnist$/i.test(name)) return 'fashion';
  return null;
}

/**
 * open_lth's iterations per epoch: ceil(training examples / batch) (datasets/base.py DataLoader;
 * the last batch of an epoch is partial). null for a dataset open_lth does not know.
 */
export function iterationsPerEpoch(dataset: string, batch: number, subsampleFraction = 1): number | null {
  const n = TRAIN_EXAMPLES[dataset];
  return n && batch > 0 ? Math.ceil((n * subsampleFraction) / batch) : null;
}

/** Hidden widths of the lab's fully-connected models (lenet300, mlp-W1-W2…); null for a conv net. */
export function labMlpWidths(model: string): number[] | null {
  if (model === 'lenet300') return [300, 100];
  if (model.startsWith('mlp-')) return model.split('-').slice(1).map(Number);
  return null;
}

/**
 * The open_lth model name: mnist_lenet_W1_W2… for the lab's MLPs (models/mnist_lenet.py builds any
 * widths). Conv-2/4/6 do not exist in open_lth; mnist_conv_N is the name such a model would take.
 */
export function openLthModel(model: string): { name: string; exists: boolean } {
  const widths = labMlpWidths(model);
  if (widths) return { name: `mnist_lenet_${widths.join('_')}`, exists: true };
  return { name: `mnist_${model.replace(/^conv/, 'conv_')}`, exists: false };
}

/** The lab's model for an open_lth model name (mnist_lenet_* only), or null. */
export function labModel(name: string): string | null {
  const m = /^mnist_lenet((?:_\d{1,5}){1,6})$/.exec(name);
  if (!m) return null;
  const widths = m[1].slice(1).split('_').map(Number);
  if (widths.some((w) => w < 1 || w > MAX_WIDTH)) return null;
  return widths.join(',') === '300,100' ? 'lenet300' : `mlp-${widths.join('-')}`;
}

/** The open_lth name of the output layer's weights in mnist_lenet models (`self.fc`). */
export const LENET_OUTPUT = 'fc.weight';

/** The momentum of the lab's `opt=momentum` (tf.train.momentum(lr, 0.9) in src/engine/train.ts). */
export const LAB_MOMENTUM = 0.9;

/**
 * A step string (foundations/step.py Step.from_str: '160ep', '2000it' or '120ep50it') as
 * iterations; null when malformed or when epochs are used and the epoch length is unknown.
 */
export function stepIterations(step: string, perEpoch: number | null): number | null {
  const m = /^(?:(\d{1,9})ep)?(?:(\d{1,12})it)?$/.exec(step.trim());
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  const epochs = m[1] === undefined ? 0 : Number(m[1]);
  if (epochs > 0 && perEpoch === null) return null;
  return epochs * (perEpoch ?? 0) + (m[2] === undefined ? 0 : Number(m[2]));
}
