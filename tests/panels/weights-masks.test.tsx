// Weight histograms, mask images and the cost summary: pure functions checked directly (no
// canvas in Node), components through renderToStaticMarkup.
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ReactElement } from 'react';
import {
  binIndex,
  binValues,
  pruningThreshold,
  sumCounts,
  symmetricBins,
  weightHistograms,
} from '../../src/analysis/weights';
import {
  blockAverage,
  borderVsCentre,
  colorRamp,
  gridPixels,
  matrixShape,
  parseColor,
  pixelKeptFraction,
  unitMaskPixels,
  maskStats,
  EMPTY_COLOR,
} from '../../src/panels/mask-images';
import { WeightHistograms } from '../../src/panels/WeightHistograms';
import { MaskHeatmap } from '../../src/panels/MaskHeatmap';
import { FirstLayerMasks } from '../../src/panels/FirstLayerMasks';
import { Summary } from '../../src/panels/Summary';
import { bestTickets, csrBytes, csrBytesOfMask, layerFlops, modelCost, outputPositions } from '../../src/analysis/cost';
import { KEPT_COLOR, PRUNED_COLOR } from '../../src/panels/theme';
import { buildArchitecture, summarize } from '../../src/engine/architectures';
import type { ArmResult, LayerSnapshot, ModelSummary, RoundResult } from '../../src/engine/events';

const html = (el: ReactElement) => renderToStaticMarkup(el);
const count = (s: string, needle: string) => s.split(needle).length - 1;

// A seeded uniform generator so the "large" arrays are the same every run.
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('weight binning', () => {
  it('bins are symmetric about 0 with 0 on an edge and cover the extent', () => {
    const s = symmetricBins(0.137, 40);
    expect(s.lo).toBeLessThanOrEqual(-0.137);
    expect(s.lo + s.n * s.step).toBeGreaterThanOrEqual(0.137);
    expect(s.lo + (s.n / 2) * s.step).toBeCloseTo(0, 12);
    expect(s.n % 2).toBe(0);
  });

  it('counts sum to the number of weights (266k values, out-of-range clamped)', () => {
    const rnd = lcg(7);
    const n = 784 * 300 + 300 * 100;
    const v = new Float32Array(n);
    for (let i = 0; i < n; i++) v[i] = (rnd() - 0.5) * 0.4;
    v[0] = 5; // beyond the range on purpose
    v[1] = -5;
    const spec = symmetricBins(0.2, 60);
    const counts = binValues(v, spec);
    expect(sumCounts(counts)).toBe(n);
    expect(counts[spec.n - 1]).toBeGreaterThan(0);
    expect(binIndex(spec, 5)).toBe(spec.n - 1);
    expect(binIndex(spec, -5)).toBe(0);
  });

  it('places values in the right bins, honouring an include mask', () => {
    const spec = { lo: -1, step: 0.5, n: 4 }; // [-1,-.5) [-.5,0) [0,.5) [.5,1]
    const v = Float32Array.from([-0.9, -0.1, 0, 0.25, 0.75, 1]);
    expect(Array.from(binValues(v, spec))).toEqual([1, 1, 2, 2]);
    const inc = Float32Array.from([1, 0, 1, 0, 1, 0]);
    expect(Array.from(binValues(v, spec, inc))).toEqual([1, 0, 1, 1]);
  });
});

describe('pruning threshold and survivor / pruned split', () => {
  // Hand-made: 8 trained weights; this round all but index 7 are active; next round prunes
  // the 3 smallest |w| among the active ones (0.01, -0.02, 0.05) and keeps the rest.
  const final = Float32Array.from([0.01, -0.02, 0.05, -0.3, 0.2, 0.1, -0.08, 0]);
  const init = Float32Array.from([0.1, -0.1, 0.2, -0.2, 0.05, 0.15, -0.05, 0.3]);
  const mask = Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 0]);
  const nextMask = Uint8Array.from([0, 0, 0, 1, 1, 1, 1, 0]);

  it('threshold is the smallest surviving |w| and sits above the largest pruned |w|', () => {
    const t = pruningThreshold(final, nextMask, mask);
    expect(t.threshold).toBeCloseTo(0.08, 6);
    expect(t.largestPruned).toBeCloseTo(0.05, 6);
    expect(t.kept).toBe(4);
    expect(t.pruned).toBe(3);
  });

  it('histograms split the active weights by nextMask', () => {
    const h = weightHistograms({ init, final, mask, nextMask }, 20);
    expect(h.split).toBe('nextMask');
    expect(h.total).toBe(8);
    expect(h.active).toBe(7);
    expect(sumCounts(h.init)).toBe(7);
    expect(sumCounts(h.trained)).toBe(7);
    expect(sumCounts(h.survivors)).toBe(4);
    expect(sumCounts(h.pruned)).toBe(3);
    // Every pruned weight sits in a bin no further from 0 than the threshold.
    const t = h.threshold.threshold!;
    h.pruned.forEach((c, k) => {
      if (!c) return;
      const x0 = h.spec.lo + k * h.spec.step;
      expect(Math.min(Math.abs(x0), Math.abs(x0 + h.spec.step))).toBeLessThan(t);
    });
    // The init extent (0.3 at the inactive index 7) is not included; 0.2 is.
    expect(h.spec.lo).toBeLessThanOrEqual(-0.3);
  });

  it('falls back to the round mask when nextMask is absent', () => {
    const h = weightHistograms({ init, final, mask }, 20);
    expect(h.split).toBe('mask');
    expect(sumCounts(h.survivors)).toBe(7);
    expect(sumCounts(h.pruned)).toBe(1);
    expect(h.threshold.threshold).toBeCloseTo(0.01, 6);
  });
});

describe('mask images', () => {
  it('matrixShape flattens conv kernels to [kh kw cin, cout]', () => {
    expect(matrixShape([784, 300])).toEqual({ rows: 784, cols: 300 });
    expect(matrixShape([3, 3, 64, 128])).toEqual({ rows: 576, cols: 128 });
  });

  it('block downsampling averages each block (edge blocks over what they hold)', () => {
    // 5 x 4 matrix, blocks of 2 x 2 -> 3 x 2 grid.
    const m = Float32Array.from([
      1, 1, 0, 0,
      1, 0, 0, 1,
      0, 0, 1, 1,
      0, 0, 1, 1,
      1, 0, 1, 1,
    ]);
    const g = blockAverage(m, 5, 4, 3, 2);
    expect(g.blockRows).toBe(2);
    expect(g.blockCols).toBe(2);
    expect([g.rows, g.cols]).toEqual([3, 2]);
    expect(Array.from(g.values)).toEqual([0.75, 0.25, 0, 1, 0.5, 1]);
    // Small enough already: no downsampling, values unchanged.
    const same = blockAverage(m, 5, 4, 100, 100);
    expect(Array.from(same.values)).toEqual(Array.from(m));
  });

  it('heatmap pixels: transposed, ramp ends at fraction 0 and 1', () => {
    const g = blockAverage(Float32Array.from([1, 0, 0, 0, 1, 1]), 2, 3, 10, 10); // rows 2 (inputs), cols 3 (outputs)
    const ramp = colorRamp();
    const px = gridPixels(g, ramp);
    expect([px.width, px.height]).toEqual([2, 3]); // inputs across, outputs down
    const at = (x: number, y: number) => Array.from(px.data.slice((y * px.width + x) * 4, (y * px.width + x) * 4 + 4));
    expect(at(0, 0)).toEqual(parseColor(KEPT_COLOR)); // (input 0, output 0) kept
    expect(at(0, 1)).toEqual(parseColor(EMPTY_COLOR)); // (input 0, output 1) pruned
    expect(at(1, 2)).toEqual(parseColor(KEPT_COLOR)); // (input 1, output 2) kept
  });

  it('unit images: a known pruned pixel of a 784 x H mask has the pruned colour', () => {
    const H = 12;
    const mask = new Float32Array(784 * H).fill(1);
    // Unit 5 loses input pixel (y 3, x 7); unit 11 is about to lose pixel (y 20, x 2).
    mask[(3 * 28 + 7) * H + 5] = 0;
    const next = mask.slice();
    next[(20 * 28 + 2) * H + 11] = 0;
    const px = unitMaskPixels(mask, H, { imageH: 28, imageW: 28, units: 12, columns: 4, gap: 1 }, next);
    expect(px.width).toBe(4 * 29 - 1);
    expect(px.height).toBe(3 * 29 - 1);
    const at = (x: number, y: number) => Array.from(px.data.slice((y * px.width + x) * 4, (y * px.width + x) * 4 + 4));
    // unit 5 sits at grid (row 1, col 1): origin (29, 29)
    expect(at(29 + 7, 29 + 3)).toEqual(parseColor(EMPTY_COLOR));
    expect(at(29 + 8, 29 + 3)).toEqual(parseColor(KEPT_COLOR));
    // the same pixel in unit 4 (row 1, col 0) is still kept
    expect(at(7, 29 + 3)).toEqual(parseColor(KEPT_COLOR));
    // unit 11 at (row 2, col 3): origin (87, 58)
    expect(at(87 + 2, 58 + 20)).toEqual(parseColor(PRUNED_COLOR));
    // a gap pixel is white
    expect(at(28, 0)).toEqual([255, 255, 255, 255]);
  });

  it('per-pixel kept fraction shows the border going first', () => {
    const H = 10;
    const mask = new Float32Array(784 * H).fill(1);
    for (let y = 0; y < 28; y++)
      for (let x = 0; x < 28; x++) if (y < 4 || x < 4 || y >= 24 || x >= 24) for (let u = 0; u < 7; u++) mask[(y * 28 + x) * H + u] = 0;
    const f = pixelKeptFraction(mask, H, 28, 28);
    expect(f.values[0]).toBeCloseTo(0.3, 6);
    expect(f.values[14 * 28 + 14]).toBe(1);
    const bc = borderVsCentre(f, 4);
    expect(bc.border).toBeCloseTo(0.3, 6);
    expect(bc.centre).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// Costs

const model: ModelSummary = {
  name: 'test',
  inputShape: [8, 8, 1],
  layers: [
    // conv 3x3, 1 -> 4 channels, 'same' on 8x8: 64 positions, 36 weights, flops 2*64*36
    { name: 'conv1', kind: 'conv', shape: [3, 3, 1, 4], weights: 36, biases: 4, flops: 2 * 64 * 36 },
    { name: 'fc1', kind: 'dense', shape: [64, 10], weights: 640, biases: 10, flops: 2 * 640 },
  ],
  prunableWeights: 676,
};

describe('costs', () => {
  it('CSR bytes: hand-made mask', () => {
    // 3 x 4 mask with 5 kept: values 5*4 + col idx 5*2 + row ptr (3+1)*4 = 46
    const mask = Float32Array.from([1, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 0]);
    expect(csrBytesOfMask([3, 4], mask)).toBe(46);
    expect(csrBytes(3, 4, 0)).toBe(16);
    expect(csrBytes(784, 300, 784 * 300)).toBe(784 * 300 * 6 + 785 * 4);
    // conv [3,3,1,4] -> 9 rows x 4 cols
    expect(csrBytesOfMask([3, 3, 1, 4], new Float32Array(36).fill(1))).toBe(36 * 6 + 10 * 4);
  });

  it('FLOPs: dense 2 x remaining, conv 2 x positions x remaining', () => {
    expect(outputPositions(model.layers[0])).toBe(64);
    expect(outputPositions(model.layers[1])).toBe(1);
    // The engine reports positions itself: Conv-2's first conv is applied at 28 x 28 positions.
    const conv2 = summarize(buildArchitecture('conv2', [28, 28, 1], 10));
    expect(conv2.layers.map((l) => l.positions)).toEqual([784, 784, 1, 1, 1]);
    expect(conv2.layers.map(outputPositions)).toEqual([784, 784, 1, 1, 1]);
    expect(conv2.numClasses).toBe(10);
    expect(layerFlops(model.layers[0], 18)).toBe(2 * 64 * 18);
    expect(layerFlops(model.layers[1], 100)).toBe(200);
    const c = modelCost(model, { conv1: 18, fc1: 64 });
    expect(c.denseFlops).toBe(2 * 64 * 36 + 1280);
    expect(c.flops).toBe(2 * 64 * 18 + 128);
    expect(c.total).toBe(676);
    expect(c.remaining).toBe(82);
    expect(c.denseBytes).toBe(676 * 4);
    expect(c.csrBytes).toBe(18 * 6 + 10 * 4 + (64 * 6 + 65 * 4));
  });
});

function arm(acc: number, remaining: Record<string, number>): ArmResult {
  return {
    untrainedAccuracy: 0.1,
    testAccuracy: acc,
    testLoss: 0.3,
    bestValAccuracy: acc,
    earlyStopIteration: 100,
    testAccuracyAtEarlyStop: acc,
    curve: [],
    layers: model.layers.map((l) => ({ name: l.name, kind: l.kind, total: l.weights, remaining: remaining[l.name] })),
    seconds: 1,
  };
}

function round(r: number, acc: number, conv1: number, fc1: number): RoundResult {
  return { round: r, remaining: (conv1 + fc1) / 676, ticket: arm(acc, { conv1, fc1 }), reinit: null, randomMask: null };
}

const rounds: RoundResult[] = [
  round(0, 0.95, 36, 640),
  round(1, 0.962, 29, 512),
  round(2, 0.945, 23, 410), // within 1 point (0.95 - 0.01 = 0.94)
  round(3, 0.935, 18, 328), // not within
];

describe('best tickets', () => {
  it('sparsest within 1 point of dense, and most accurate', () => {
    const b = bestTickets(rounds);
    expect(b.dense?.round).toBe(0);
    expect(b.sparsestMatching?.round).toBe(2);
    expect(b.mostAccurate?.round).toBe(1);
  });
  it('no rounds: nothing', () => {
    expect(bestTickets([])).toEqual({ dense: null, sparsestMatching: null, mostAccurate: null });
  });
});

describe('mask stats', () => {
  it('counts kept weights, cut-off inputs (rows) and dead outputs (columns)', () => {
    const m = Float32Array.from([
      0, 0, 0,
      1, 0, 0,
      0, 0, 1,
      0, 0, 0,
    ]);
    expect(maskStats(m, 4, 3)).toEqual({ total: 12, kept: 2, density: 2 / 12, rows: 4, cols: 3, emptyRows: 2, emptyCols: 1 });
  });
});

describe('Summary', () => {
  it('renders the costs of the latest round and the best tickets', () => {
    const out = html(<Summary model={model} rounds={rounds} />);
    expect(count(out, 'data-mark="stat"')).toBe(5);
    // Round 3: conv1 18 / 36, fc1 328 / 640 -> 346 / 676
    expect(out).toContain('346 of 676');
    expect(out).toContain('51.18%');
    // CSR: conv1 18*6 + 10*4 = 148, fc1 328*6 + 65*4 = 2228 -> 2376; dense 676*4 = 2704
    expect(out).toContain('data-bytes="csr">2,376<');
    expect(out).toContain('data-bytes="dense">2,704<');
    // FLOPs: 2*64*18 + 2*328 = 2960 vs 2*64*36 + 2*640 = 5888
    expect(out).toContain('data-flops="pruned">2,960<');
    expect(out).toContain('data-flops="dense">5,888<');
    expect(out).toContain('round 2: 94.50% (dense 95.00%)');
    expect(out).toMatch(/data-stat="most-accurate".*?96\.20%.*?round 1/);
    expect(count(out, 'data-mark="layer-bar"')).toBe(2);
    expect(out).toContain('CSR per layer');
  });

  it('costs the selected round when given one', () => {
    const out = html(<Summary model={model} rounds={rounds} round={0} />);
    expect(out).toContain('676 of 676');
    expect(out).toContain('data-flops="pruned">5,888<');
  });

  it('empty state: no rounds yet', () => {
    const out = html(<Summary model={model} rounds={[]} />);
    expect(out).toContain('data-empty');
    expect(out).not.toContain('data-mark="stat"');
    expect(html(<Summary model={null} rounds={rounds} />)).toContain('data-empty');
  });
});

// A small MLP snapshot: fc1 [784, 16] with the image border pruned, fc2 [16, 10].
type FullSnapshot = LayerSnapshot & { final: Float32Array };
function snapshot(): FullSnapshot[] {
  const rnd = lcg(3);
  const make = (name: string, shape: number[], prune: (i: number) => boolean, next: (i: number, w: number) => boolean): FullSnapshot => {
    const n = shape[0] * shape[1];
    const init = new Float32Array(n);
    const final = new Float32Array(n);
    const mask = new Uint8Array(n);
    const nextMask = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      init[i] = (rnd() - 0.5) * 0.2;
      mask[i] = prune(i) ? 0 : 1;
      final[i] = mask[i] ? init[i] * 1.5 : 0;
      nextMask[i] = mask[i] && next(i, final[i]) ? 1 : 0;
    }
    return { name, kind: 'dense', shape, init, rewind: init, final, mask, nextMask };
  };
  const H = 16;
  const border = (i: number) => {
    const p = Math.floor(i / H);
    const y = Math.floor(p / 28);
    const x = p % 28;
    return y < 3 || x < 3 || y >= 25 || x >= 25;
  };
  return [make('fc1', [784, H], border, (_i, w) => Math.abs(w) >= 0.03), make('fc2', [H, 10], () => false, (_i, w) => Math.abs(w) >= 0.03)];
}

describe('panel rendering', () => {
  const layers = snapshot();

  it('WeightHistograms: one bar per non-empty bin and series, threshold marked', () => {
    const out = html(<WeightHistograms round={2} layers={layers} layer="fc1" onLayerChange={() => {}} />);
    const h = weightHistograms(layers[0], 80);
    const nonEmpty = (c: Uint32Array) => Array.from(c).filter((v) => v > 0).length;
    expect(count(out, 'data-mark="bar"')).toBe(nonEmpty(h.trained) + nonEmpty(h.survivors) + nonEmpty(h.pruned));
    expect(count(out, 'data-mark="threshold"')).toBe(2);
    expect(h.threshold.threshold!).toBeGreaterThanOrEqual(0.03);
    expect(h.threshold.largestPruned!).toBeLessThan(0.03);
    expect(out).toContain('round 2, fc1');
    // 784*16 - border weights are trained this round
    const active = (784 - (28 * 28 - 22 * 22)) * 16;
    expect(out).toContain(`${active.toLocaleString('en-US')} weights trained this round of 12,544`);
    expect(html(<WeightHistograms round={null} layers={null} layer={null} onLayerChange={() => {}} />)).toContain('data-empty');
    // The last round has no next mask: no threshold drawn or quoted, just what earlier rounds pruned.
    const last = layers.map(({ nextMask: _, ...l }) => l);
    const lastOut = html(<WeightHistograms round={2} layers={last} layer="fc1" onLayerChange={() => {}} />);
    expect(count(lastOut, 'data-mark="threshold"')).toBe(0);
    expect(lastOut).toContain('Last round: nothing more is pruned');
    expect(lastOut).not.toContain('largest pruned');
  });

  it('MaskHeatmap: one heatmap canvas per layer with its density', () => {
    const out = html(<MaskHeatmap round={1} layers={layers} />);
    expect(count(out, 'data-mark="heatmap"')).toBe(2);
    const d = (22 * 22) / 784;
    expect(out).toContain(`data-density="${d.toFixed(4)}"`);
    expect(out).toContain('data-density="1.0000"');
    expect(html(<MaskHeatmap round={null} layers={[]} />)).toContain('data-empty');
  });

  it('FirstLayerMasks: one unit-grid canvas with every unit, border vs centre', () => {
    const out = html(<FirstLayerMasks round={1} layers={layers} />);
    expect(count(out, 'data-mark="units"')).toBe(1);
    expect(out).toContain('data-units="16"');
    expect(out).toMatch(/border \d+%, centre 100%/);
    const conv: LayerSnapshot = { ...layers[1], kind: 'conv', shape: [3, 3, 1, 4] };
    expect(html(<FirstLayerMasks round={1} layers={[conv]} />)).toContain('data-empty');
    expect(html(<FirstLayerMasks round={null} layers={null} />)).toContain('data-empty');
  });
});
