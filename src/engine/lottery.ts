// Iterative magnitude pruning with rewinding, and its controls, round by round, for every seed:
//   round 0: train each seed's dense network from θ0 (capturing θ_k on the way when k > 0);
//   round r: prune each seed's last ticket under the mask criterion (|w_f| by default; criteria.ts),
//            reset survivors to θ_k (or another start; starts.ts; pruned weights 0 or frozen),
//            retrain; beside it, with the same per-layer sparsity, a random re-initialisation and a
//            random mask, (compare=…) the ticket chains of other criteria and (rewinds=…) of other
//            rewind iterations, each from the same dense round 0 and with the same rates and data
//            order, and (transfer=…, transferOpt=…) the ticket on another dataset or optimizer;
//   stability=…: in the chosen rounds every arm trains a second copy from the same start with
//            another data order, and the pair is measured (stability.ts).
// Each round's arms (every seed's ticket and controls) are plain data and train together as one
// batched network (batched.ts); every arm's result equals what training it alone gives.
import { measuresStability, plannedRuns, type ExperimentConfig } from '../config/schema';
import { criterionArm, criterionOf, rewindArm, rewindOf, type Arm, type ArmResult, type CurvePoint, type Progress, type RoundResult, type RoundSnapshotLayer, type StartLayer } from './events';
import { applyMask, fullMasks, layerCounts, randomMaskLike, remainingFraction, type Masks } from './masks';
import { initStd, initWeights, zeroBiases, type Architecture } from './models';
import { ArmsNetwork } from './batched';
import { layerRates } from './prune';
import { criterionNeedsGrad, pruneByCriterion, type CriterionName } from './criteria';
import { layerStart } from './starts';
import { deriveSeed, Rng } from './rng';
import { lossGradient, trainArms, type ArmData, type OptimizerName, type TrainOutcome } from './train';
import { measureStability } from './stability';
import { restoreMasks, saveChain, saveTarget, saveThetaK, type ResumePoint } from './resume';
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
  /** After every round but the last: what a run needs to go on from here (resume.ts); fresh copies. */
  onResumePoint?(point: ResumePoint): void;
  /** The exact starting point of every training run (for tests and inspection tools). */
  onStart?(seedIndex: number, round: number, arm: Arm, start: Checkpoint, masks: Masks): void;
}

/** One seed's chain of rounds: its data, θ0, θ_k and the ticket's current mask. */
export interface SeedChain {
  seed: number;
  data: Omit<ArmData, 'orderSeed'>;
  orderSeed: number;
  /** transfer=… or transferOpt=…: the target's data (the source's own with transferOpt only), for the transferred arms and the target's own chain. */
  target?: Omit<ArmData, 'orderSeed'>;
}

/** A chain of tickets pruned by one criterion and reset to one iteration: the ticket's own, one of compare=… or of rewinds=…. */
interface TicketChain {
  criterion: CriterionName;
  /** The rewind iteration its survivors are reset to (config.rewind, or a swept k). */
  k: number;
  role: Arm;
  masks: Masks;
  /** Its weights at the end of the last round (what toward_zero compares with θ_k). */
  final: Float32Array[] | null;
}

interface ChainState {
  theta0: Checkpoint;
  /** θ_k of the dense run for every k > 0 in use (config.rewind and rewinds=…). */
  thetaKs: Map<number, Checkpoint>;
  /** The ticket (config.criterion) first, then each compared criterion's chain. */
  tickets: TicketChain[];
  /** transfer=…: the target's own IMP chain (its own dense round 0 and θ_k, same θ0 and rates). */
  target: { thetaK: Checkpoint | null; chain: TicketChain } | null;
}

const maskBytes = (m: Float32Array) => Uint8Array.from(m);

/** θ_k for late resetting, or θ0 when k = 0: the values survivors are rewound to. */
export function rewindTo(theta0: Checkpoint, thetaK: Checkpoint | null | undefined): Checkpoint {
  return thetaK ?? theta0;
}

/** What a chain of this seed rewinds to: θ_k of its own k (θ0 when k = 0). */
const rewindOfChain = (s: ChainState, t: TicketChain) => rewindTo(s.theta0, t.k > 0 ? s.thetaKs.get(t.k) : null);

/** Masks applied to a checkpoint: survivors keep their values, pruned weights are 0. */
export function maskedStart(start: Checkpoint, masks: Masks): Checkpoint {
  return { weights: start.weights.map((w, i) => applyMask(w, masks[i])), biases: start.biases };
}

/**
 * The ticket's start in a pruning round: kept weights from config.start (θ_k, a fresh draw,
 * reshuffled, signed constants…), pruned ones from config.pruned (0, or frozen at θ_k). Round 0
 * trains the dense θ0 as it is.
 */
function ticketStart(config: ExperimentConfig, arch: Architecture, seed: number, round: number, rewind: Checkpoint, t: TicketChain): Checkpoint {
  if (round === 0 || (config.start === 'rewind' && config.pruned === 'zero')) return maskedStart(rewind, t.masks);
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
      t.final && t.final[i],
      t.masks[i],
    ),
  );
  return { weights, biases: rewind.biases };
}

/**
 * The round's arms for one seed, as data: the ticket, the controls the config asks for, then each
 * compared criterion's ticket (same start rule, rates and data order; its own mask). Round 0
 * trains the dense network once: every chain starts from it.
 */
function armsOf(config: ExperimentConfig, arch: Architecture, seedIndex: number, seed: number, round: number, s: ChainState): ArmPlan[] {
  const [ticket, ...compared] = s.tickets;
  const start = rewindOfChain(s, ticket);
  const arms: ArmPlan[] = [{ role: 'ticket', seedIndex, start: ticketStart(config, arch, seed, round, start, ticket), masks: ticket.masks }];
  if (round === 0) return [...arms, ...transferArms(config, arch, seedIndex, seed, round, s, start)];
  const masks = ticket.masks;
  if (config.controls.includes('reinit')) {
    // Same mask, fresh weights from the same distribution: does the ticket's init matter?
    const fresh = { weights: initWeights(arch, new Rng(deriveSeed(seed, 'reinit', round))), biases: zeroBiases(arch) };
    arms.push({ role: 'reinit', seedIndex, start: maskedStart(fresh, masks), masks });
  }
  if (config.controls.includes('random')) {
    // Same per-layer sparsity, random structure, the ticket's own starting values.
    const randMasks = randomMaskLike(masks, new Rng(deriveSeed(seed, 'random-mask', round)));
    arms.push({ role: 'randomMask', seedIndex, start: maskedStart(start, randMasks), masks: randMasks });
  }
  for (const t of compared) arms.push({ role: t.role, seedIndex, start: ticketStart(config, arch, seed, round, rewindOfChain(s, t), t), masks: t.masks });
  return [...arms, ...transferArms(config, arch, seedIndex, seed, round, s, start)];
}

/**
 * transfer=… (Morcos et al. 2019): the source ticket (its mask and rewind values) trained on the
 * target, a random mask of its per-layer sparsity there, and the target's own ticket, whose chain
 * starts from the same θ0 and trains its own dense round 0.
 */
function transferArms(config: ExperimentConfig, arch: Architecture, seedIndex: number, seed: number, round: number, s: ChainState, start: Checkpoint): ArmPlan[] {
  if (!s.target) return [];
  const own = s.target.chain;
  const targetTicket: ArmPlan = { role: 'targetTicket', seedIndex, start: ticketStart(config, arch, seed, round, rewindTo(s.theta0, s.target.thetaK), own), masks: own.masks, onTarget: true };
  if (round === 0) return [targetTicket];
  const masks = s.tickets[0].masks;
  const randMasks = randomMaskLike(masks, new Rng(deriveSeed(seed, 'transfer-random-mask', round)));
  return [
    { role: 'transfer', seedIndex, start: maskedStart(start, masks), masks, onTarget: true },
    { role: 'transferRandomMask', seedIndex, start: maskedStart(start, randMasks), masks: randMasks, onTarget: true },
    targetTicket,
  ];
}

export async function runLottery(
  config: ExperimentConfig,
  arch: Architecture,
  chains: SeedChain[],
  control: RunControl,
  hooks: LotteryHooks,
  /** Go on after this point's round, as if the run had never stopped (its rounds are not returned again). */
  resume?: ResumePoint,
): Promise<RoundResult[][]> {
  const chainOf = (criterion: CriterionName, k: number, role: Arm): TicketChain => ({ criterion, k, role, masks: fullMasks(arch), final: null });
  const states: ChainState[] = chains.map((c) => ({
    theta0: { weights: initWeights(arch, new Rng(deriveSeed(c.seed, 'init'))), biases: zeroBiases(arch) },
    thetaKs: new Map(),
    tickets: [
      chainOf(config.criterion, config.rewind, 'ticket'),
      ...config.compare.map((criterion) => chainOf(criterion, config.rewind, criterionArm(criterion))),
      ...config.rewinds.map((k) => chainOf(config.criterion, k, rewindArm(k))),
    ],
    target: c.target ? { thetaK: null, chain: chainOf(config.criterion, config.rewind, 'targetTicket') } : null,
  }));
  if (resume) restoreStates(states, resume);
  // The dense run captures every θ_k in use on its way (each capture only reads the weights).
  const captureAt = [...new Set([config.rewind, ...config.rewinds])].filter((k) => k > 0);
  const rates = layerRates(arch, config.rate, config.convRate);
  const runsTotal = chains.length * plannedRuns(config);
  const results: RoundResult[][] = chains.map(() => []);
  const t0 = performance.now();
  let runsDone = resume?.runsDone ?? 0;
  let net = null as ArmsNetwork | null;

  try {
    for (let round = resume ? resume.round + 1 : 0; round <= config.rounds; round++) {
      const own = chains.flatMap((c, i) => armsOf(config, arch, i, c.seed, round, states[i]));
      own.forEach((a) => hooks.onStart?.(a.seedIndex, round, a.role, a.start, a.masks));
      // stability=…: a second copy of every arm, same start, another data order; it reports nothing itself.
      const measured = measuresStability(config, round);
      const arms: ArmPlan[] = measured ? [...own, ...own.map((a, i) => ({ ...a, copyOf: i }))] : own;
      // One network for the round's arms; rebuilt only when their number changes (after round 0).
      if (net?.arms !== arms.length) {
        net?.dispose();
        net = new ArmsNetwork(arch, arms.length);
      }
      net.load(arms.map((a) => ({ ...a.start, masks: a.masks })));
      const tickets = own.flatMap((a, i) => (a.role === 'ticket' ? [i] : []));
      const targetTickets = own.flatMap((a, i) => (a.role === 'targetTicket' ? [i] : []));
      // Every chain's ticket is pruned by its criterion from its trained weights; controls are not needed.
      const pruned = own.flatMap((a, i) => (a.role === 'ticket' || a.role === 'targetTicket' || criterionOf(a.role) || rewindOf(a.role) !== null ? [i] : []));
      const otherOptimizer = config.transferOpt !== 'none' ? { optimizer: config.transferOpt as OptimizerName, lr: config.transferLr, arms: arms.flatMap((a, i) => (a.onTarget ? [i] : [])) } : undefined;
      const trainedNet = net;
      const outcomes = await trainArms(
        control,
        net,
        arms.map((a) => {
          const orderSeed = chains[a.seedIndex].orderSeed;
          return { ...(a.onTarget ? chains[a.seedIndex].target! : chains[a.seedIndex].data), orderSeed: a.copyOf === undefined ? orderSeed : deriveSeed(orderSeed, 'stability') };
        }),
        {
          iters: config.iters,
          batch: config.batch,
          evalEvery: config.evalEvery,
          optimizer: config.opt as OptimizerName,
          lr: config.lr,
          otherOptimizer,
          captureAt: round === 0 ? captureAt : undefined,
          onCapture: async (k) => {
            const now = await trainedNet.read(tickets);
            tickets.forEach((armIndex, i) => states[arms[armIndex].seedIndex].thetaKs.set(k, now[i]));
            // The target's own chain rewinds to its own dense run's θ_k (config.rewind only).
            if (k !== config.rewind) return;
            const onTarget = await trainedNet.read(targetTickets);
            targetTickets.forEach((armIndex, i) => (states[arms[armIndex].seedIndex].target!.thetaK = onTarget[i]));
          },
          onEval: (a, point) => arms[a].copyOf === undefined && hooks.onCurve(arms[a].seedIndex, round, arms[a].role, point),
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
      const trained = await net.read(pruned);
      const finalOf = (armIndex: number) => trained[pruned.indexOf(armIndex)].weights;
      const stability = measured ? await stabilityOf(arch, net, own.map((a) => (a.onTarget ? chains[a.seedIndex].target! : chains[a.seedIndex].data).test)) : null;
      const resultOf = (i: number, o: TrainOutcome): ArmResult => ({ ...o, layers: layerCounts(arch, arms[i].masks), ...(stability ? { stability: stability[i] } : {}) });
      for (const [seedIndex, chain] of chains.entries()) {
        const s = states[seedIndex];
        const mine = own.flatMap((a, i) => (a.seedIndex === seedIndex ? [i] : []));
        const byRole = (role: Arm) => mine.find((i) => arms[i].role === role);
        const ticketFinal = finalOf(byRole('ticket')!);
        // Each chain's next mask, by its criterion; in round 0 every chain prunes the one dense network.
        const next: (Masks | undefined)[] = [];
        const finals: Float32Array[][] = [];
        for (const t of s.tickets) {
          const armIndex = round === 0 ? byRole('ticket')! : byRole(t.role)!;
          const final = finalOf(armIndex);
          finals.push(final);
          if (round === config.rounds) {
            next.push(undefined);
            continue;
          }
          const rewind = rewindOfChain(s, t);
          // SNIP ranks by the loss gradient at the rewind point, under the mask being pruned.
          const grad = criterionNeedsGrad(t.criterion)
            ? await lossGradient(arch, maskedStart(rewind, t.masks), t.masks, { ...chain.data, orderSeed: chain.orderSeed }, config.batch)
            : undefined;
          // A rewind chain draws like the ticket it would be in a run of its own (same criterion).
          const rng = new Rng(t.criterion === config.criterion ? deriveSeed(chain.seed, 'criterion', round) : deriveSeed(chain.seed, 'criterion', round, t.criterion));
          next.push(pruneByCriterion(t.criterion, { init: rewind.weights, final, grad, rng }, t.masks, rates, config.scope, config.rate));
        }
        const ticket = s.tickets[0];
        const rewind = rewindOfChain(s, ticket);
        if (round === 0)
          hooks.onStartWeights(
            seedIndex,
            s.theta0.weights.map((w, i) => {
              const init = w.slice();
              // k = 0: the rewind values are θ0 itself; one array serves both (half the page's memory for them).
              return { init, rewind: rewind === s.theta0 ? init : rewind.weights[i].slice() };
            }),
          );
        hooks.onSnapshot(
          seedIndex,
          round,
          arch.layers.map((l, i) => ({
            name: l.name,
            kind: l.kind,
            shape: l.shape,
            // A copy: the host transfers (detaches) it, and the chain keeps its own for the resume point.
            final: ticketFinal[i].slice(),
            mask: maskBytes(ticket.masks[i]),
            nextMask: next[0] && maskBytes(next[0][i]),
          })),
        );
        const armResult = (role: Arm): ArmResult | null => {
          const i = byRole(role);
          if (i === undefined) return null;
          const r = resultOf(i, outcomes[i]);
          hooks.onArm(seedIndex, round, role, r);
          return r;
        };
        const result: RoundResult = {
          round,
          remaining: remainingFraction(ticket.masks),
          ticket: armResult('ticket')!,
          reinit: armResult('reinit'),
          randomMask: armResult('randomMask'),
        };
        const comparedChains = s.tickets.filter((t) => criterionOf(t.role));
        if (round > 0 && comparedChains.length) result.criteria = Object.fromEntries(comparedChains.map((t) => [t.criterion, armResult(t.role)!]));
        const rewindChains = s.tickets.filter((t) => rewindOf(t.role) !== null);
        if (round > 0 && rewindChains.length) result.rewinds = Object.fromEntries(rewindChains.map((t) => [String(t.k), armResult(t.role)!]));
        let targetNext: Masks | undefined;
        if (s.target && chain.target) {
          // The target's own chain prunes like a plain run on the target: same criterion, rates and seeds.
          const t = s.target.chain;
          const final = finalOf(byRole('targetTicket')!);
          if (round < config.rounds) {
            const rewindT = rewindTo(s.theta0, s.target.thetaK);
            const data = { ...chain.target, orderSeed: chain.orderSeed };
            const grad = criterionNeedsGrad(t.criterion) ? await lossGradient(arch, maskedStart(rewindT, t.masks), t.masks, data, config.batch) : undefined;
            const rng = new Rng(deriveSeed(chain.seed, 'criterion', round));
            targetNext = pruneByCriterion(t.criterion, { init: rewindT.weights, final, grad, rng }, t.masks, rates, config.scope, config.rate);
          }
          t.final = final;
          result.transfer = armResult('transfer');
          result.transferRandomMask = armResult('transferRandomMask');
          result.targetTicket = armResult('targetTicket');
        }
        results[seedIndex].push(result);
        hooks.onRound(seedIndex, result);
        s.tickets.forEach((t, k) => {
          if (next[k]) t.masks = next[k]!;
          t.final = finals[k];
        });
        if (s.target && targetNext) s.target.chain.masks = targetNext;
      }
      if (round < config.rounds) hooks.onResumePoint?.(resumePointOf(states, round, runsDone));
      await hooks.onRoundEnd?.(round);
      await control.checkpoint(); // a pause asked for at the round's end takes effect here
    }
  } finally {
    net?.dispose();
  }
  return results;
}

/**
 * The stability of every arm of a measured round: arm i and its copy (arm own + i) as a pair,
 * each measured on its own arm's test set.
 */
async function stabilityOf(arch: Architecture, net: ArmsNetwork, tests: ArmData['test'][]) {
  const own = tests.length;
  const read = await net.read();
  return measureStability(arch, tests.map((test, i) => ({ a: read[i], b: read[own + i], test })));
}

function resumePointOf(states: ChainState[], round: number, runsDone: number): ResumePoint {
  return {
    round,
    runsDone,
    seeds: states.map((s) => ({
      thetaKs: [...s.thetaKs].map(([k, c]) => saveThetaK(k, c)),
      tickets: s.tickets.map((t) => saveChain(t.masks, t.final)),
      target: s.target && saveTarget(s.target.thetaK, saveChain(s.target.chain.masks, s.target.chain.final)),
    })),
  };
}

/** A saved point back into the chains (θ0 is already drawn again from the seed). */
function restoreStates(states: ChainState[], point: ResumePoint): void {
  if (point.seeds.length !== states.length) throw new Error(`The saved run has ${point.seeds.length} seeds; this config has ${states.length}`);
  point.seeds.forEach((saved, i) => {
    const s = states[i];
    if (saved.tickets.length !== s.tickets.length) throw new Error('The saved run compares other criteria or rewinds than this config');
    if (Boolean(saved.target) !== Boolean(s.target)) throw new Error('The saved run and this config differ in transfer');
    s.thetaKs = new Map(saved.thetaKs.map((t) => [t.k, t.checkpoint]));
    saved.tickets.forEach((t, k) => {
      s.tickets[k].masks = restoreMasks(t.masks);
      s.tickets[k].final = t.final;
    });
    if (s.target && saved.target) {
      s.target.thetaK = saved.target.thetaK;
      s.target.chain.masks = restoreMasks(saved.target.chain.masks);
      s.target.chain.final = saved.target.chain.final;
    }
  });
}
