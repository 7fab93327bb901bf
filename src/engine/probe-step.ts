// What the automatic backend choice measures: a few masked training steps of the configured
// model with as many arms as a pruning round trains together (every seed's ticket and controls),
// on random inputs of the model's shape. Samples/s are counted across the arms, as in a run.
import * as tf from '@tensorflow/tfjs-core';
import type { ExperimentConfig } from '../config/schema';
import { networksPerRound } from '../config/speed-key';
import { estimateSamplesPerSecond } from '../config/implications';
import { ArmsNetwork } from './batched';
import { timeSteps } from './backend-probe';
import { fullMasks } from './masks';
import { initWeights, zeroBiases, type Architecture } from './models';
import { Rng } from './rng';
import { batchTensors, makeOptimizer, trainStep } from './train';

/** Networks a pruning round trains together under this config. */
export const armsPerRound = networksPerRound;

/** Samples/s (across arms) of the configured model's training step on the backend in use. */
export async function measureTraining(config: ExperimentConfig, arch: Architecture, backend: string, sliceMs: number): Promise<number> {
  const arms = armsPerRound(config);
  const dim = arch.inputShape.reduce((a, b) => a * b, 1);
  const numClasses = arch.numClasses;
  // On the CPU backends a conv net's full batch can take seconds, and samples/s hardly depends on
  // the batch there: the app's cost model sizes a batch that takes about a quarter of the slice.
  // GPUs keep the configured batch (their speed needs it).
  const cpuSide = backend === 'wasm' || backend === 'cpu';
  const estimate = estimateSamplesPerSecond({ ...config, backend: backend === 'cpu' ? 'cpu' : 'wasm' });
  const n = cpuSide ? Math.max(1, Math.min(config.batch, Math.floor((estimate * sliceMs) / (4000 * arms)))) : config.batch;
  const rng = new Rng(1);
  const x = Float32Array.from({ length: arms * n * dim }, () => rng.next());
  const y = Int32Array.from({ length: arms * n }, () => rng.int(numClasses));
  const net = new ArmsNetwork(arch, arms);
  const optimizer = makeOptimizer(config.opt, config.lr);
  try {
    const start = { weights: initWeights(arch, rng), biases: zeroBiases(arch), masks: fullMasks(arch) };
    net.load(Array.from({ length: arms }, () => start));
    const step = () =>
      tf.tidy(() => {
        const b = batchTensors(x, y, arms, dim, numClasses);
        return trainStep(net, optimizer, b.x, b.y);
      });
    return await timeSteps(step, arms * n, sliceMs);
  } finally {
    optimizer.dispose();
    net.dispose();
  }
}
