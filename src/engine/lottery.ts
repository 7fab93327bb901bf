// Iterative magnitude pruning with rewinding, and its controls, round by round, for every seed:
//   round 0: train each seed's dense network from θ0 (capturing θ_k on the way when k > 0);
//   round r: prune each seed's last ticket, reset survivors to θ_k, retrain; beside it, with the
//            same per-layer sparsity, a random re-initialisation and a random mask.
// Each round's arms (every seed's ticket and controls) are plain data and train together as one
// batched network (batched.ts); every arm's result equals what training it alone gives.
import { plannedRuns, type ExperimentConfig } from '../config/schema';
import type { Arm, ArmResult, CurvePoint, Progress, RoundResult, RoundSnapshotLayer, StartLayer } from './events';
import { applyMask, fullMasks, layerCounts, randomMaskLike, remainingFraction, type Masks } from './masks';
import { initWeights, zeroBiases, type Architecture } from './models';
import { ArmsNetwork } from './batched';
import { layerRates, pruneByMagnitude } from './prune';
import { deriveSeed, Rng } from './rng';
import { trainArms, type ArmData, type OptimizerName, type TrainOutcome } from './train';
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

/** The round's arms for one seed, as data: the ticket, then the controls the config asks for. */
function armsOf(config: ExperimentConfig, arch: Architecture, seedIndex: number, seed: number, round: number, s: ChainState): ArmPlan[] {
  const start = rewindTo(s.theta0, s.thetaK);
  const arms: ArmPlan[] = [{ role: 'ticket', seedIndex, start: maskedStart(start, s.masks), masks: s.masks }];
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
      chains.forEach((_, seedIndex) => {
        const s = states[seedIndex];
        const mine = arms.flatMap((a, i) => (a.seedIndex === seedIndex ? [i] : []));
        const byRole = (role: Arm) => mine.find((i) => arms[i].role === role);
        const ticketIndex = byRole('ticket')!;
        const final = trained[tickets.indexOf(ticketIndex)].weights;
        const nextMask = round < config.rounds ? pruneByMagnitude(final, s.masks, rates, config.scope, config.rate) : undefined;
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
      });
      await hooks.onRoundEnd?.(round);
      await control.checkpoint(); // a pause asked for at the round's end takes effect here
    }
  } finally {
    net?.dispose();
  }
  return results;
}
