// Each mask criterion keeps exactly the weights its definition says, on small hand-made layers.
import { describe, expect, it } from 'vitest';
import { CRITERIA, CRITERION, criterionScores, pruneByCriterion, type CriterionName } from '../src/engine/criteria';
import { countKept } from '../src/analysis/counts';
import { Rng } from '../src/engine/rng';

const f = (...v: number[]) => Float32Array.from(v);
const ones = (n: number) => new Float32Array(n).fill(1);
const kept = (m: Float32Array) => Array.from(m).flatMap((v, i) => (v ? [i] : []));

// Eight weights; w_i and w_f chosen so every criterion keeps a different half.
//           0     1     2     3     4     5     6     7
const init = f(0.9, -0.1, 0.5, -0.7, 0.05, 0.3, -0.6, 0.2);
const final = f(1.2, -0.8, 0.1, 0.6, -0.02, 0.35, -0.05, -0.9);

/** Keeps 4 of 8 (rate 0.5) in one layer. */
const keep4 = (name: CriterionName, extra: { grad?: Float32Array[]; rng?: Rng } = {}) =>
  kept(pruneByCriterion(name, { init: [init], final: [final], ...extra }, [ones(8)], [0.5], 'layer')[0]);

describe('mask criteria', () => {
  it('keep what their definitions say (per layer, 4 of 8)', () => {
    expect(keep4('large_final')).toEqual([0, 1, 3, 7]); // |w_f| 1.2, .8, .6, .9
    expect(keep4('small_final')).toEqual([2, 4, 5, 6]); // |w_f| .1, .02, .35, .05
    expect(keep4('large_init')).toEqual([0, 2, 3, 6]); // |w_i| .9, .5, .7, .6
    expect(keep4('small_init')).toEqual([1, 4, 5, 7]); // |w_i| .1, .05, .3, .2
    // |w_f| - |w_i|: .3, .7, -.4, -.1, -.03, .05, -.55, .7
    expect(keep4('magnitude_increase')).toEqual([0, 1, 5, 7]);
    // |w_f - w_i|: .3, .7, .4, 1.3, .07, .05, .55, 1.1
    expect(keep4('movement')).toEqual([1, 3, 6, 7]);
    // Same sign: 0, 1, 2, 5, 6 (|w_f| 1.2, .8, .1, .35, .05); flipped: 3, 4, 7 score 0 and go first.
    expect(keep4('large_final_same_sign')).toEqual([0, 1, 2, 5]);
    // Flipped: 3 (.6), 4 (.02), 7 (.9); then the lowest-index zero score survives last: 6 of the rest.
    expect(keep4('large_final_diff_sign')).toEqual([3, 4, 6, 7]);
    // SNIP |g w_i| with g = 1, -2, 0, 1, 10, -1, 0.5, 1: .9, .2, 0, .7, .5, .3, .3, .2
    expect(keep4('snip', { grad: [f(1, -2, 0, 1, 10, -1, 0.5, 1)] })).toEqual([0, 3, 4, 6]);
  });

  it('large_init_large_final keeps weights high in both rankings, at an exact count', () => {
    // |w_i| ranks (0 = smallest): 7, 1, 4, 6, 0, 3, 5, 2; |w_f| ranks: 7, 5, 2, 4, 0, 3, 1, 6.
    // The lower of the two: 7, 1, 2, 4, 0, 3, 1, 2 -> the top 4 are 0, 3, 5 and one of 2/7 (rank 2).
    // Weight 0 (large in both) and 3 are in; 1 (small init) and 6 (small final) are out.
    expect(keep4('large_init_large_final')).toEqual([0, 3, 5, 7]);
    // small_init_small_final: ranks of -|w|: 0, 6, 3, 1, 7, 4, 2, 5 and 0, 2, 5, 3, 7, 4, 6, 1
    // lower: 0, 2, 3, 1, 7, 4, 2, 1 -> top 4: 4 (7), 5 (4), 2 (3), and one of 1/6 (2).
    expect(keep4('small_init_small_final')).toEqual([2, 4, 5, 6]);
    // Every count is exact on a large random layer, per layer and under a global threshold.
    const rng = new Rng(3);
    const layers = [500, 120, 37];
    const x = {
      init: layers.map((n) => Float32Array.from({ length: n }, () => rng.normal())),
      final: layers.map((n) => Float32Array.from({ length: n }, () => rng.normal())),
    };
    let masks = layers.map(ones);
    const expected = [...layers];
    for (let round = 0; round < 3; round++) {
      masks = pruneByCriterion('large_init_large_final', x, masks, [0.2, 0.2, 0.1], 'layer');
      expected.forEach((n, i) => (expected[i] = n - Math.round(n * [0.2, 0.2, 0.1][i])));
      expect(masks.map(countKept)).toEqual(expected);
    }
    const total = layers.reduce((a, b) => a + b, 0);
    const global = pruneByCriterion('small_init_small_final', x, layers.map(ones), [0.2, 0.2, 0.1], 'global', 0.3);
    expect(global.map(countKept).reduce((a, b) => a + b, 0)).toBe(total - Math.round(total * 0.3));
  });

  it('large_init_large_final: every kept weight beats every pruned one in at least one ranking', () => {
    const rng = new Rng(5);
    const n = 400;
    const wi = Float32Array.from({ length: n }, () => rng.normal());
    const wf = Float32Array.from({ length: n }, () => rng.normal());
    const [m] = pruneByCriterion('large_init_large_final', { init: [wi], final: [wf] }, [ones(n)], [0.6], 'layer');
    // A pruned weight is below the kept set's |w_i| or |w_f| floor (the threshold pair).
    const minI = Math.min(...kept(m).map((i) => Math.abs(wi[i])));
    const minF = Math.min(...kept(m).map((i) => Math.abs(wf[i])));
    for (let i = 0; i < n; i++) if (!m[i]) expect(Math.abs(wi[i]) < minI || Math.abs(wf[i]) < minF).toBe(true);
    expect(countKept(m)).toBe(n - Math.round(n * 0.6));
  });

  it('only survivors compete, and ties go to the lower index', () => {
    const masks = [f(1, 0, 1, 1, 0, 1, 1, 1)];
    // Already-pruned 1 and 4 stay pruned and are not counted: round(6 x 0.5) = 3 more go.
    const next = pruneByCriterion('large_final', { init: [init], final: [final] }, masks, [0.5], 'layer')[0];
    expect(kept(next)).toEqual([0, 3, 7]);
    const flat = pruneByCriterion('large_final', { init: [init], final: [f(1, 1, 1, 1, 1, 1, 1, 1)] }, [ones(8)], [0.5], 'layer')[0];
    expect(kept(flat)).toEqual([4, 5, 6, 7]);
  });

  it('random is reproducible from its seed and keeps the exact count', () => {
    const a = keep4('random', { rng: new Rng(11) });
    expect(keep4('random', { rng: new Rng(11) })).toEqual(a);
    expect(a).toHaveLength(4);
    const others = [12, 13, 14, 15].map((s) => keep4('random', { rng: new Rng(s) }).join());
    expect(new Set([a.join(), ...others]).size).toBeGreaterThan(1);
  });

  it('every criterion has a line, and those that need inputs say so', () => {
    for (const name of CRITERIA) expect(CRITERION[name].line.length).toBeGreaterThan(10);
    expect(() => criterionScores('snip', { init: [init], final: [final] }, [ones(8)], 'layer')).toThrow(/gradient/);
    expect(() => criterionScores('random', { init: [init], final: [final] }, [ones(8)], 'layer')).toThrow(/rng/);
  });
});
