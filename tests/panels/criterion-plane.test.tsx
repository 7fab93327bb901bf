// The (w_i, w_f) plane: which points it draws and how it labels them (pure function checked
// directly; the card through renderToStaticMarkup, as the other weight panels).
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LayerSnapshot } from '../../src/engine/events';
import { CriterionPlane } from '../../src/panels/CriterionPlane';
import { planePoints } from '../../src/analysis/plane';

const rewind = Float32Array.from([0.1, -0.2, 0.3, -0.4, 0.5, -0.6]);
const final = Float32Array.from([0.2, 0.1, -0.3, -0.8, 0.05, -0.9]);
const mask = Uint8Array.from([1, 1, 1, 0, 1, 1]);
const nextMask = Uint8Array.from([1, 0, 1, 0, 0, 1]);

describe('criterion plane points', () => {
  it('draws only the weights that trained this round, coloured by the next mask', () => {
    const p = planePoints({ rewind, final, mask, nextMask });
    expect(Array.from(p.wi)).toEqual(Array.from(Float32Array.from([0.1, -0.2, 0.3, 0.5, -0.6])));
    expect(Array.from(p.wf)).toEqual(Array.from(Float32Array.from([0.2, 0.1, -0.3, 0.05, -0.9])));
    expect(Array.from(p.kept)).toEqual([1, 0, 1, 0, 1]);
    expect([p.survivors, p.keptCount, p.split]).toEqual([5, 3, true]);
    // The pruned index 3 (|w| 0.4 / 0.8) does not set the extents.
    expect(p.extentInit).toBeCloseTo(0.6, 6);
    expect(p.extentFinal).toBeCloseTo(0.9, 6);
  });

  it('subsamples every k-th survivor of a large layer, and keeps the exact counts', () => {
    const n = 100_000;
    const big = { rewind: new Float32Array(n).fill(0.1), final: new Float32Array(n).fill(0.2), mask: new Uint8Array(n).fill(1), nextMask: Uint8Array.from({ length: n }, (_, i) => i % 4 === 0 ? 0 : 1) };
    const p = planePoints(big, 20_000);
    expect(p.wi.length).toBe(20_000);
    expect(p.survivors).toBe(n);
    expect(p.keptCount).toBe(75_000);
    // Every 5th survivor: indices 0, 5, 10, ... -> i % 4 === 0 for a quarter of them.
    expect(p.kept.reduce((a, b) => a + b, 0)).toBe(15_000);
  });

  it('the last round (no next mask) keeps everything', () => {
    const p = planePoints({ rewind, final, mask });
    expect(p.split).toBe(false);
    expect(p.keptCount).toBe(5);
  });

  it('the card names the criterion, the layer and what it drew', () => {
    const layer: LayerSnapshot = { name: 'fc1', kind: 'dense', shape: [3, 2], init: rewind, rewind, final, mask, nextMask };
    const html = renderToStaticMarkup(
      <CriterionPlane round={2} layers={[layer]} layer="fc1" onLayerChange={() => {}} criterion="movement" />,
    );
    expect(html).toContain('w_i vs w_f — round 2, fc1');
    expect(html).toContain('movement');
    expect(html).toContain('3 kept · 2 pruned next round');
    expect(html).toContain('all 5 weights');
    expect(html).toContain('data-mark="diagonal"');
    const empty = renderToStaticMarkup(<CriterionPlane round={null} layers={null} layer={null} onLayerChange={() => {}} criterion="large_final" />);
    expect(empty).toContain('appears when the first round finishes training');
  });
});

describe('supermask curves', () => {
  it('draws accuracy and density per evaluation, titled with the last one', async () => {
    const { SupermaskCurves } = await import('../../src/panels/SupermaskCurves');
    const points = [
      { iteration: 0, testAccuracy: 0.098, testLoss: 2.3, valAccuracy: 0.1, density: 0 },
      { iteration: 500, testAccuracy: 0.93, testLoss: 0.3, valAccuracy: 0.92, density: 0.46 },
      { iteration: 1000, testAccuracy: 0.943, testLoss: 0.2, valAccuracy: 0.94, density: 0.469 },
    ];
    const html = renderToStaticMarkup(<SupermaskCurves points={points} maxIteration={1000} chance={0.1} />);
    expect(html).toContain('Learned supermask: 94.3% at 46.9% kept');
    expect(html.split('data-mark="point"').length - 1).toBe(6);
    expect(html.split('data-mark="line"').length - 1).toBe(2);
    expect(html).toContain('data-mark="chance"');
    const empty = renderToStaticMarkup(<SupermaskCurves points={[]} chance={0.1} />);
    expect(empty).toContain('mode=supermask');
  });
});
