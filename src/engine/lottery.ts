// Iterative magnitude pruning with rewinding, and its controls, round by round:
//   round 0: train the dense network from θ0 (capturing θ_k on the way when k > 0);
//   round r: prune the last ticket's trained weights, reset survivors to θ_k, retrain;
//            then, with the same per-layer sparsity, a random re-initialisation and a random mask.
import { plannedRuns, type ExperimentConfig } from '../config/schema';
import type { Arm, ArmResult, CurvePoint, LayerSnapshot, Progress, RoundResult } from './events';
import { applyMask, fullMasks, layerCounts, randomMaskLike, remainingFraction, type Masks } from './masks';
import { initWeights, zeroBiases, type Architecture } from './models';
import type { Network } from './network';
import { layerRates, pruneByMagnitude } from './prune';
import { deriveSeed, Rng } from './rng';
import { trainNetwork, type TrainContext } from './train';

/** A network's starting values: what the weights are reset to before a training run. */
export interface Checkpoint {
  weights: Float32Array[];
  biases: Float32Array[];
}

export interface LotteryHooks {
  /** Progress within this seed's experiment; the runner adds which seed. */
  onProgress(p: Omit<Progress, 'seedIndex' | 'seeds'>): void;
  onCurve(round: number, arm: Arm, point: CurvePoint): void;
  onArm(round: number, arm: Arm, result: ArmResult): void;
  onRound(result: RoundResult): void;
  onSnapshot(round: number, layers: LayerSnapshot[]): void;
  /** The exact starting point of every training run (for tests and inspection tools). */
  onStart?(round: number, arm: Arm, start: Checkpoint, masks: Masks): void;
}

/** θ_k for late resetting, or θ0 when k = 0: the values survivors are rewound to. */
export function rewindTo(theta0: Checkpoint, thetaK: Checkpoint | null): Checkpoint {
  return thetaK ?? theta0;
}

/** Masks applied to a checkpoint: survivors keep their values, pruned weights are 0. */
export function maskedStart(start: Checkpoint, masks: Masks): Checkpoint {
  return { weights: start.weights.map((w, i) => applyMask(w, masks[i])), biases: start.biases };
}

export async function runLottery(
  config: ExperimentConfig,
  arch: Architecture,
  net: Network,
  ctx: TrainContext,
  hooks: LotteryHooks,
): Promise<RoundResult[]> {
  const theta0: Checkpoint = { weights: initWeights(arch, new Rng(deriveSeed(config.seed, 'init'))), biases: zeroBiases(arch) };
  let thetaK: Checkpoint | null = null;
  const rates = layerRates(arch, config.rate, config.convRate);
  const runsTotal = plannedRuns(config);
  const results: RoundResult[] = [];
  const t0 = performance.now();
  let runsDone = 0;
  let masks = fullMasks(arch);

  const trainArm = async (round: number, arm: Arm, start: Checkpoint, armMasks: Masks, capture = false) => {
    hooks.onStart?.(round, arm, start, armMasks);
    net.load(start.weights, start.biases, armMasks);
    const outcome = await trainNetwork(ctx, net, {
      iters: config.iters,
      batch: config.batch,
      evalEvery: config.evalEvery,
      optimizer: config.opt,
      lr: config.lr,
      captureAt: capture && config.rewind > 0 ? config.rewind : undefined,
      onCapture: async () => {
        thetaK = await net.read();
      },
      onEval: (point) => hooks.onCurve(round, arm, point),
      onProgress: (iteration, loss, samplesPerSecond) =>
        hooks.onProgress({
          round,
          rounds: config.rounds,
          arm,
          iteration,
          iters: config.iters,
          samplesPerSecond,
          loss,
          runsDone,
          runsTotal,
          secondsElapsed: (performance.now() - t0) / 1000,
        }),
    });
    runsDone++;
    const result: ArmResult = { ...outcome, layers: layerCounts(arch, armMasks) };
    hooks.onArm(round, arm, result);
    return result;
  };

  for (let round = 0; round <= config.rounds; round++) {
    const start = rewindTo(theta0, thetaK);
    const ticket = await trainArm(round, 'ticket', maskedStart(start, masks), masks, round === 0);
    const trained = (await net.read()).weights;
    const nextMask = round < config.rounds ? pruneByMagnitude(trained, masks, rates, config.scope, config.rate) : undefined;
    hooks.onSnapshot(
      round,
      arch.layers.map((l, i) => ({
        name: l.name,
        kind: l.kind,
        shape: l.shape,
        init: theta0.weights[i],
        rewind: rewindTo(theta0, thetaK).weights[i],
        final: trained[i],
        mask: masks[i],
        nextMask: nextMask?.[i],
      })),
    );

    let reinit: ArmResult | null = null;
    let randomMask: ArmResult | null = null;
    if (round > 0 && config.controls.includes('reinit')) {
      // Same mask, fresh weights from the same distribution: does the ticket's init matter?
      const fresh = { weights: initWeights(arch, new Rng(deriveSeed(config.seed, 'reinit', round))), biases: zeroBiases(arch) };
      reinit = await trainArm(round, 'reinit', maskedStart(fresh, masks), masks);
    }
    if (round > 0 && config.controls.includes('random')) {
      // Same per-layer sparsity, random structure, the ticket's own starting values.
      const randMasks = randomMaskLike(masks, new Rng(deriveSeed(config.seed, 'random-mask', round)));
      randomMask = await trainArm(round, 'randomMask', maskedStart(start, randMasks), randMasks);
    }
    const result: RoundResult = { round, remaining: remainingFraction(masks), ticket, reinit, randomMask };
    results.push(result);
    hooks.onRound(result);
    if (nextMask) masks = nextMask;
    await ctx.control.checkpoint(); // a pause asked for at the round's end takes effect here
  }
  return results;
}
