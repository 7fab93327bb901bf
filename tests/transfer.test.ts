// transfer=… (Morcos et al. 2019): the source ticket trained on another dataset, beside a random
// mask of its sparsity there and the target's own ticket, as arms of the same rounds.
import { describe, expect, it } from 'vitest';
import { checkResults } from '../src/config/results-schema';
import { parseConfig } from '../src/config/schema';
import { decodeConfig } from '../src/config/url';
import { selectBackend } from '../src/engine/backend';
import { RunControl } from '../src/engine/control';
import { loadDataset } from '../src/engine/data';
import type { Arm } from '../src/engine/events';
import { runLottery } from '../src/engine/lottery';
import type { Masks } from '../src/engine/masks';
import { buildArchitecture } from '../src/engine/models';
import { countKept } from '../src/analysis/counts';
import { disposeEvalSet, toEvalSet } from '../src/engine/train';
import { nodeFetchBytes } from '../src/node/fetch-bytes';
import { runExperiment, withoutTimes } from './engine-helpers';

const small = { model: 'mlp-16-16', iters: 60, evalEvery: 20, batch: 32, backend: 'cpu' as const, rounds: 2, rate: 0.5, seed: 4, controls: [] as ('reinit' | 'random')[] };

describe('ticket transfer', () => {
  it('the target’s own chain equals a plain run on the target; the document carries the three arms (CPU)', async () => {
    const both = await runExperiment({ ...small, dataset: 'gauss', transfer: 'circles' });
    const plain = await runExperiment({ ...small, dataset: 'circles' });
    expect(both.doc.status).toBe('complete');
    expect(withoutTimes(both.doc.rounds.map((r) => r.targetTicket))).toEqual(withoutTimes(plain.doc.rounds.map((r) => r.ticket)));
    expect(both.doc.rounds[0].transfer).toBeNull();
    for (const r of both.doc.rounds.slice(1)) {
      expect(r.transfer!.layers).toEqual(r.ticket.layers);
      expect(r.transferRandomMask!.layers).toEqual(r.ticket.layers);
    }
    expect(checkResults(JSON.parse(JSON.stringify(both.doc))).ok).toBe(true);
  });

  it('the transferred arm trains the source ticket’s mask and start on the target’s data', async () => {
    await selectBackend('cpu');
    const [source, target] = await Promise.all(['gauss', 'circles'].map((d) => loadDataset(d as 'gauss', { seed: 4, fetchBytes: nodeFetchBytes() })));
    const arch = buildArchitecture('mlp-16-16', [2], 2);
    const sets = [source, target].map((d) => ({ val: toEvalSet(d.val, 2), test: toEvalSet(d.test, 2) }));
    const config = parseConfig({ ...small, dataset: 'gauss', transfer: 'circles' }).config;
    const chain = {
      seed: 4,
      orderSeed: 9,
      data: { train: source.train, numClasses: 2, ...sets[0] },
      target: { train: target.train, numClasses: 2, ...sets[1] },
    };
    const starts: { round: number; arm: Arm; masks: Masks; weights: Float32Array[] }[] = [];
    const curves = new Map<string, number[]>();
    await runLottery(config, arch, [chain], new RunControl(), {
      onProgress: () => {},
      onCurve: (_s, round, arm, p) => curves.set(`${round}/${arm}`, [...(curves.get(`${round}/${arm}`) ?? []), p.testAccuracy]),
      onArm: () => {},
      onRound: () => {},
      onSnapshot: () => {},
      onStartWeights: () => {},
      onStart: (_s, round, arm, start, masks) => starts.push({ round, arm, masks, weights: start.weights }),
    });
    sets.forEach((s) => [s.val, s.test].forEach(disposeEvalSet));
    const at = (round: number, arm: Arm) => starts.find((s) => s.round === round && s.arm === arm)!;
    for (const round of [1, 2]) {
      // The source ticket's own mask and starting values...
      expect(at(round, 'transfer').masks).toEqual(at(round, 'ticket').masks);
      expect(at(round, 'transfer').weights).toEqual(at(round, 'ticket').weights);
      // ...a random mask with its per-layer counts...
      at(round, 'transferRandomMask').masks.forEach((m, l) => expect(countKept(m)).toBe(countKept(at(round, 'ticket').masks[l])));
      expect(at(round, 'transferRandomMask').masks[0]).not.toEqual(at(round, 'ticket').masks[0]);
      // ...and the target's own mask, pruned from its own training.
      expect(at(round, 'targetTicket').masks[0]).not.toEqual(at(round, 'ticket').masks[0]);
    }
    // Same start, other data: the transferred arm's untrained accuracy is measured on the target.
    expect(curves.get('1/transfer')![0]).not.toBe(curves.get('1/ticket')![0]);
  });

  it('reads transfer from a link, and refuses a target of another input shape or the same dataset', () => {
    expect(decodeConfig('dataset=mnist&transfer=fashion').config.transfer).toBe('fashion');
    for (const q of ['dataset=mnist&transfer=spiral', 'dataset=mnist&transfer=mnist']) {
      const { config, issues } = decodeConfig(q);
      expect(config.transfer).toBe('none');
      expect(issues[0].message).toMatch(/input shape; using none/);
    }
  });
});
