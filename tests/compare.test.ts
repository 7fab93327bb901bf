// compare=…: other mask criteria pruned in their own chains beside the ticket, trained together.
import { describe, expect, it } from 'vitest';
import { checkResults } from '../src/config/results-schema';
import { decodeConfig } from '../src/config/url';
import { armResultOf, configArms, criterionArm } from '../src/engine/events';
import { roundsCsv } from '../src/state/export';
import { runExperiment, withoutTimes } from './engine-helpers';

const small = { dataset: 'gauss', model: 'mlp-16-16', iters: 60, evalEvery: 20, batch: 32, backend: 'cpu', rounds: 2, rate: 0.4, seed: 4 } as const;

describe('comparing criteria', () => {
  it('each compared chain is exactly the run of that criterion alone (CPU), and all train together', async () => {
    const arms = new Set<number>();
    const both = await runExperiment({ ...small, controls: ['reinit'], compare: ['movement', 'large_init'] }, (e) => {
      if (e.type === 'progress') arms.add(e.progress.arms);
    });
    expect(both.doc.status).toBe('complete');
    // The engine reports what the views would otherwise rebuild: the class count and the schedule.
    expect(both.doc.model.numClasses).toBe(2);
    expect(both.doc.schedule).toHaveLength(3);
    both.doc.rounds.forEach((r) => expect(r.remaining).toBeCloseTo(both.doc.schedule![r.round], 12));
    // Round 0: the one dense network; then ticket + re-init + 2 compared chains.
    expect(arms).toEqual(new Set([1, 4]));
    for (const name of ['movement', 'large_init'] as const) {
      const alone = await runExperiment({ ...small, controls: [], criterion: name });
      const chain = both.doc.rounds.map((r) => armResultOf(r, criterionArm(name)));
      expect(withoutTimes(chain)).toEqual(withoutTimes(alone.doc.rounds.map((r) => r.ticket)));
    }
    // Same counts as the ticket every round, other weights.
    const r2 = both.doc.rounds[2];
    expect(r2.criteria!.movement!.layers).toEqual(r2.ticket.layers);
    expect(r2.criteria!.movement!.testAccuracy).not.toBe(r2.ticket.testAccuracy);
    expect(both.doc.rounds[0].criteria).toBeUndefined();
    // The document passes its schema; the CSV has a column group per compared chain.
    expect(checkResults(JSON.parse(JSON.stringify(both.doc))).ok).toBe(true);
    const csv = roundsCsv(both.doc).split('\n');
    expect(csv[0]).toContain('criterion:movement.testAccuracy');
    expect(csv[0]).toContain('criterion:large_init.testAccuracy');
  });

  it('reads compare from a link; the ticket’s own criterion is dropped from the list with a message', () => {
    const ok = decodeConfig('compare=random,movement');
    expect(ok.issues).toEqual([]);
    expect(ok.config.compare).toEqual(['movement', 'random']);
    expect(configArms(ok.config)).toEqual(['ticket', 'reinit', 'randomMask', 'criterion:movement', 'criterion:random']);
    const own = decodeConfig('criterion=movement&compare=movement,snip');
    expect(own.config.compare).toEqual(['snip']);
    expect(own.issues[0].message).toMatch(/ticket's own criterion movement/);
    const bad = decodeConfig('compare=biggest');
    expect(bad.config.compare).toEqual([]);
    expect(bad.issues).toHaveLength(1);
  });
});
