import { describe, expect, it } from 'vitest';
import { buildArchitecture } from '../src/engine/models';
import { fullMasks, randomMaskLike } from '../src/engine/masks';
import { countKept } from '../src/analysis/counts';
import { layerRates, pruneByMagnitude } from '../src/engine/prune';
import { Rng } from '../src/engine/rng';

function randomWeights(sizes: number[], seed: number): Float32Array[] {
  const rng = new Rng(seed);
  return sizes.map((n) => Float32Array.from({ length: n }, () => rng.normal()));
}

describe('pruning', () => {
  const arch = buildArchitecture('lenet300', [28, 28, 1], 10);
  const sizes = arch.layers.map((l) => l.shape[0] * l.shape[1]);

  it('prunes exact counts per layer, the output layer at half rate', () => {
    const rates = layerRates(arch, 0.2, 0.1);
    expect(rates).toEqual([0.2, 0.2, 0.1]);
    let masks = fullMasks(arch);
    const expected = [...sizes];
    for (let round = 1; round <= 3; round++) {
      masks = pruneByMagnitude(randomWeights(sizes, round), masks, rates, 'layer');
      for (let i = 0; i < 3; i++) {
        expected[i] -= Math.round(expected[i] * rates[i]);
        expect(countKept(masks[i])).toBe(expected[i]);
      }
    }
    expect(expected).toEqual([120422, 15360, 729]); // 235200, 30000, 1000 after three rounds
  });

  it('removes the smallest magnitudes, and only among survivors', () => {
    const w = [Float32Array.from([0.5, -0.1, 0.3, -0.9, 0.05, 0.7, -0.2, 0.0, 0.6, -0.4])];
    const first = pruneByMagnitude(w, [new Float32Array(10).fill(1)], [0.3], 'layer');
    expect(Array.from(first[0])).toEqual([1, 0, 1, 1, 0, 1, 1, 0, 1, 1]);
    // Weights already pruned do not count again, even though they are the smallest.
    const second = pruneByMagnitude(w, first, [0.3], 'layer');
    expect(Array.from(second[0])).toEqual([1, 0, 0, 1, 0, 1, 0, 0, 1, 1]); // round(7 x 0.3) = 2 of 7
  });

  it('prunes under one global threshold', () => {
    const weights = randomWeights(sizes, 7);
    weights[2] = weights[2].map((x) => x * 10); // the output layer's weights are large
    const masks = pruneByMagnitude(weights, fullMasks(arch), layerRates(arch, 0.2, 0.1), 'global', 0.5);
    const total = sizes.reduce((a, b) => a + b, 0);
    const kept = masks.reduce((s, m) => s + countKept(m), 0);
    expect(kept).toBe(total - Math.round(total * 0.5));
    let maxPruned = 0;
    let minKept = Infinity;
    masks.forEach((m, l) =>
      m.forEach((keep, i) => {
        const a = Math.abs(weights[l][i]);
        if (keep) minKept = Math.min(minKept, a);
        else maxPruned = Math.max(maxPruned, a);
      }),
    );
    expect(maxPruned).toBeLessThanOrEqual(minKept);
    // One threshold: the large output layer loses far less than half.
    expect(countKept(masks[2]) / sizes[2]).toBeGreaterThan(0.9);
  });

  it('random masks keep each layer\'s count but not its positions', () => {
    const masks = pruneByMagnitude(randomWeights(sizes, 3), fullMasks(arch), [0.6, 0.6, 0.3], 'layer');
    const random = randomMaskLike(masks, new Rng(11));
    masks.forEach((m, i) => {
      expect(countKept(random[i])).toBe(countKept(m));
      let same = 0;
      for (let j = 0; j < m.length; j++) same += m[j] === random[i][j] ? 1 : 0;
      expect(same).toBeLessThan(m.length * 0.9);
    });
    const again = randomMaskLike(masks, new Rng(11));
    expect(again).toEqual(random);
  });
});

describe('remaining schedule', () => {
  it('matches what pruning actually leaves, round by round', async () => {
    const { remainingSchedule } = await import('../src/engine/prune');
    const { remainingFraction } = await import('../src/engine/masks');
    const arch = buildArchitecture('mlp-40-20', [2], 2);
    const sizes = arch.layers.map((l) => l.shape[0] * l.shape[1]);
    for (const scope of ['layer', 'global'] as const) {
      const schedule = remainingSchedule(arch, 0.3, 0.1, scope, 5);
      let masks = fullMasks(arch);
      expect(schedule[0]).toBe(1);
      for (let r = 1; r <= 5; r++) {
        masks = pruneByMagnitude(randomWeights(sizes, r), masks, layerRates(arch, 0.3, 0.1), scope, 0.3);
        expect(schedule[r]).toBeCloseTo(remainingFraction(masks), 12);
      }
    }
    // LeNet-300-100 at 20% per round for 7 rounds: 21.1% left (the paper's ~21%).
    const lenet = buildArchitecture('lenet300', [28, 28, 1], 10);
    expect(remainingSchedule(lenet, 0.2, 0.1, 'layer', 7)[7]).toBeCloseTo(0.211, 3);
  });
});
