// Iterative magnitude pruning with rewinding, and its controls, round by round, for every seed:
//   round 0: train each seed's dense network from θ0 (capturing θ_k on the way when k > 0);
//   round r: prune each seed's last ticket under the mask criterion (|w_f| by default; criteria.ts),
//            reset survivors to θ_k (or another start; starts.ts; pruned weights 0 or frozen),
//            retrain; beside it, with the same per-layer sparsity, a random re-initialisation and a
//            random mask.
// Each round's arms (every seed's ticket and controls) are plain data and train together as one
// batched network (batched.ts); every arm's result equals what training it alone gives.
import { plannedRuns, type ExperimentConfig } from '../config/schema';
import type { Arm, ArmResult, CurvePoint, Progress, RoundResult, RoundSnapshotLayer, StartLayer } from './events';
import { applyMask, fullMasks, layerCounts, randomMaskLike, remainingFraction, type Masks } from './masks';
import { initStd, initWeights, zeroBiases, type Architecture } from './models';
import { ArmsNetwork } from './batched';
import { layerRates } from './prune';
import { criterionNeedsGrad, pruneByCriterion, type CriterionName } from './criteria';
import { layerStart } from './starts';
import { deriveSeed, Rng } from './rng';
import { lossGradient, trainArms, type ArmData, type OptimizerName, type TrainOutcome } from './train';
import type { RunControl } from './control';
import type { ArmPlan, Checkpoint } from './arms';

export type { Checkpoint } from './arms';

export interface LotteryHooks {
  onProgress(p: Progress): void;
  onCurve(seedIndex: number, round: number, arm: Arm, point: CurvePoint): void;
  onArm(seedIndex: number, round: number, arm: Arm, result: ArmResult): void;
  onRound(seedIndex: number, result: RoundResult): void;
  /** θ0 and the rewind values, once per seed (after round 0, when θ_k is known); fresh copies. */
  onStartWeights(seedIndex: number, layers: StartLayer[]): void;
  /** The ticket's trained weights and masks, once a round; fresh buffers the host may transfer. */
  onSnapshot(seedIndex: number, round: number, layers: RoundSnapshotLayer[]): void;
  /** After every seed finished the round (a pause asked for at a round's end takes effect here). */
  onRoundEnd?(round: number): Promise<void> | void;
  /** The exact starting point of every training run (for tests and inspection tools). */
  onStart?(seedIndex: number, round: number, arm: Arm, start: Checkpoint, masks: Masks): void;
}

/** One seed's chain of rounds: its data, θ0, θ_k and the ticket's current mask. */
export interface SeedChain {
  seed: number;
  data: Omit<ArmData, 'orderSeed'>;
  orderSeed: number;
}

interface ChainState {
  theta0: Checkpoint;
  thetaK: Checkpoint | null;
  masks: Masks;
  /** The ticket's weights at the end of the last round (what toward_zero compares with θ_k). */
  final: Float32Array[] | null;
}

const maskBytes = (m: Float32Array) => Uint8Array.from(m);

/** θ_k for late resetting, or θ0 when k = 0: the values survivors are rewound to. */
export function rewindTo(theta0: Checkpoint, thetaK: Checkpoint | null): Checkpoint {
  return thetaK ?? theta0;
}

/** Masks applied to a checkpoint: survivors keep their values, pruned weights are 0. */
export function maskedStart(start: Checkpoint, masks: Masks): Checkpoint {
  return { weights: start.weights.map((w, i) => applyMask(w, masks[i])), biases: start.biases };
}

/**
 * The ticket's start in a pruning round: kept weights from config.start (θ_k, a fresh draw,
 * reshuffled, signed constants…), pruned ones from config.pruned (0, or frozen at θ_k). Round 0
 * trains the dense θ0 as it is.
 */
function ticketStart(config: ExperimentConfig, arch: Architecture, seed: number, round: number, s: ChainState): Checkpoint {
  const rewind = rewindTo(s.theta0, s.thetaK);
  if (round === 0 || (config.start === 'rewind' && config.pruned === 'zero')) return maskedStart(rewind, s.masks);
  let fresh: Float32Array[] | null = null;
  const weights = arch.layers.map((l, i) =>
    layerStart(
      config.start,
      config.pruned,
      {
        rewind: rewind.weights[i],
        fresh: () => (fresh ??= initWeights(arch, new Rng(deriveSeed(seed, 'start', round))))[i],
        std: initStd(l),
        rng: new Rng(deriveSeed(seed, 'reshuffle', round, i)),
      },
      s.final && s.final[i],
      s.masks[i],
    ),
  );
  return { weights, biases: rewind.biases };
}

/** The round's arms for one seed, as data: the ticket, then the controls the config asks for. */
function armsOf(config: ExperimentConfig, arch: Architecture, seedIndex: number, seed: number, round: number, s: ChainState): ArmPlan[] {
  const start = rewindTo(s.theta0, s.thetaK);
  const arms: ArmPlan[] = [{ role: 'ticket', seedIndex, start: ticketStart(config, arch, seed, round, s), masks: s.masks }];
  if (round === 0) return arms;
  if (config.controls.includes('reinit')) {
    // Same mask, fresh weights from the same distribution: does the ticket's init matter?
    const fresh = { weights: initWeights(arch, new Rng(deriveSeed(seed, 'reinit', round))), biases: zeroBiases(arch) };
    arms.push({ role: 'reinit', seedIndex, start: maskedStart(fresh, s.masks), masks: s.masks });
  }
  if (config.controls.includes('random')) {
    // Same per-layer sparsity, random structure, the ticket's own starting values.
    const randMasks = randomMaskLike(s.masks, new Rng(deriveSeed(seed, 'random-mask', round)));
    arms.push({ role: 'randomMask', seedIndex, start: maskedStart(start, randMasks), masks: randMasks });
  }
  return arms;
}

export async function runLottery(
  config: ExperimentConfig,
  arch: Architecture,
  chains: SeedChain[],
  control: RunControl,
  hooks: LotteryHooks,
): Promise<RoundResult[][]> {
  const states: ChainState[] = chains.map((c) => ({
    theta0: { weights: initWeights(arch, new Rng(deriveSeed(c.seed, 'init'))), biases: zeroBiases(arch) },
    thetaK: null,
    masks: fullMasks(arch),
    final: null,
  }));
  const rates = layerRates(arch, config.rate, config.convRate);
  const runsTotal = chains.length * plannedRuns(config);
  const results: RoundResult[][] = chains.map(() => []);
  const t0 = performance.now();
  let runsDone = 0;
  let net = null as ArmsNetwork | null;

  try {
    for (let round = 0; round <= config.rounds; round++) {
      const arms = chains.flatMap((c, i) => armsOf(config, arch, i, c.seed, round, states[i]));
      arms.forEach((a) => hooks.onStart?.(a.seedIndex, round, a.role, a.start, a.masks));
      // One network for the round's arms; rebuilt only when their number changes (after round 0).
      if (net?.arms !== arms.length) {
        net?.dispose();
        net = new ArmsNetwork(arch, arms.length);
      }
      net.load(arms.map((a) => ({ ...a.start, masks: a.masks })));
      const tickets = arms.flatMap((a, i) => (a.role === 'ticket' ? [i] : []));
      const trainedNet = net;
      const outcomes = await trainArms(
        control,
        net,
        arms.map((a) => ({ ...chains[a.seedIndex].data, orderSeed: chains[a.seedIndex].orderSeed })),
        {
          iters: config.iters,
          batch: config.batch,
          evalEvery: config.evalEvery,
          optimizer: config.opt as OptimizerName,
          lr: config.lr,
          captureAt: round === 0 && config.rewind > 0 ? config.rewind : undefined,
          onCapture: async () => {
            const now = await trainedNet.read(tickets);
            tickets.forEach((armIndex, k) => (states[arms[armIndex].seedIndex].thetaK = now[k]));
          },
          onEval: (a, point) => hooks.onCurve(arms[a].seedIndex, round, arms[a].role, point),
          onProgress: (iteration, losses, samplesPerSecond) =>
            hooks.onProgress({
              seeds: chains.length,
              round,
              rounds: config.rounds,
              arms: arms.length,
              iteration,
              iters: config.iters,
              samplesPerSecond,
              loss: losses[0],
              runsDone,
              runsTotal,
              secondsElapsed: (performance.now() - t0) / 1000,
            }),
        },
      );
      runsDone += arms.length;
      // Only the tickets' trained weights are pruned and shown; the controls' are not needed.
      const trained = await net.read(tickets);
      const resultOf = (i: number, o: TrainOutcome): ArmResult => ({ ...o, layers: layerCounts(arch, arms[i].masks) });
      // SNIP ranks by the loss gradient at the rewind point, under the mask being pruned.
      const criterion = config.criterion as CriterionName;
      const grads =
        round < config.rounds && criterionNeedsGrad(criterion)
          ? await Promise.all(
              chains.map((c, i) =>
                lossGradient(arch, maskedStart(rewindTo(states[i].theta0, states[i].thetaK), states[i].masks), states[i].masks, { ...c.data, orderSeed: c.orderSeed }, config.batch),
              ),
            )
          : null;
      chains.forEach((chain, seedIndex) => {
        const s = states[seedIndex];
        const mine = arms.flatMap((a, i) => (a.seedIndex === seedIndex ? [i] : []));
        const byRole = (role: Arm) => mine.find((i) => arms[i].role === role);
        const ticketIndex = byRole('ticket')!;
        const final = trained[tickets.indexOf(ticketIndex)].weights;
        const inputs = {
          init: rewindTo(s.theta0, s.thetaK).weights,
          final,
          grad: grads?.[seedIndex],
          rng: new Rng(deriveSeed(chain.seed, 'criterion', round)),
        };
        const nextMask = round < config.rounds ? pruneByCriterion(criterion, inputs, s.masks, rates, config.scope, config.rate) : undefined;
        if (round === 0) {
          const rewind = rewindTo(s.theta0, s.thetaK).weights;
          hooks.onStartWeights(seedIndex, s.theta0.weights.map((w, i) => ({ init: w.slice(), rewind: rewind[i].slice() })));
        }
        hooks.onSnapshot(
          seedIndex,
          round,
          arch.layers.map((l, i) => ({
            name: l.name,
            kind: l.kind,
            shape: l.shape,
            final: final[i],
            mask: maskBytes(s.masks[i]),
            nextMask: nextMask && maskBytes(nextMask[i]),
          })),
        );
        const armResult = (role: Arm): ArmResult | null => {
          const i = byRole(role);
          if (i === undefined) return null;
          const r = resultOf(i, outcomes[i]);
          hooks.onArm(seedIndex, round, role, r);
          return r;
        };
        const ticket = armResult('ticket')!;
        const result: RoundResult = { round, remaining: remainingFraction(s.masks), ticket, reinit: armResult('reinit'), randomMask: armResult('randomMask') };
        results[seedIndex].push(result);
        hooks.onRound(seedIndex, result);
        if (nextMask) s.masks = nextMask;
        s.final = final;
      });
      await hooks.onRoundEnd?.(round);
      await control.checkpoint(); // a pause asked for at the round's end takes effect here
    }
  } finally {
    net?.dispose();
  }
  return results;
}
