// The first-layer panel's layout: the unit grid and the per-pixel image side by side where that
// draws the units larger, stacked otherwise, and never taller than the screen allows; the column's
// text on two lines when one does not fit beside the grid.
import { describe, expect, it } from 'vitest';
import { firstLayerLayout, type FirstLayerLayoutInput } from '../../src/panels/first-layer-layout';

// 100 MNIST units, 10 per row, 1 px gaps: 290 x 290 grid pixels.
const base: FirstLayerLayoutInput = {
  width: 620,
  fontPx: 18,
  screenH: 768,
  gridW: 290,
  gridH: 290,
  imageW: 28,
  imageH: 28,
  maxScale: 2,
  texts: { heading: ['Units still connected,', 'per pixel'], stats: ['border 12%,', 'centre 40%'], ramp: ['white 0% → blue 100%', 'of 300 units'] },
};
const CHAR = 0.56;
/** The right edge of the column's widest line, and of its image. */
const columnRight = (l: ReturnType<typeof firstLayerLayout>, fontPx: number) =>
  Math.max(l.fracLeft + l.fracW, ...[...l.heading, ...l.below].map((t) => l.fracLeft + t.text.length * fontPx * CHAR));

describe('firstLayerLayout', () => {
  it('large text on a 768 px screen: side by side, the column on two lines, inside the card and short enough', () => {
    const l = firstLayerLayout(base);
    expect(l.side).toBe(true);
    expect(l.heading.map((t) => t.text)).toEqual(['Units still connected,', 'per pixel']);
    // Each text on one line where the column (as wide as its widest two-line text) allows.
    expect(l.below.map((t) => t.text)).toEqual(['border 12%, centre 40%', 'white 0% → blue 100%', 'of 300 units']);
    expect(columnRight(l, 18)).toBeLessThanOrEqual(base.width);
    expect(l.scale).toBeGreaterThan(1);
    // The body leaves the card's header room on the screen.
    expect(l.svgH).toBeLessThanOrEqual(768 - 18 * 9 - 60);
    // The column's lines go down the page without overlapping the image.
    for (const t of l.below) expect(t.y).toBeGreaterThan(l.fracTop + l.fracH);
    for (const t of l.heading) expect(t.y).toBeLessThan(l.fracTop);
  });

  it('a tall screen and a narrow card: stacked, the grid as wide as the card allows', () => {
    const l = firstLayerLayout({ ...base, width: 470, fontPx: 13, screenH: 1080 });
    expect(l.side).toBe(false);
    expect(l.gridW).toBeCloseTo(468, 0);
    expect(l.fracLeft).toBe(0);
    expect(l.fracTop).toBeGreaterThan(l.gridTop + l.gridH);
    // One line each where the card is wide enough.
    expect(l.heading.map((t) => t.text)).toEqual(['Units still connected, per pixel']);
    expect(columnRight(l, 13)).toBeLessThanOrEqual(470);
  });

  it('a wide card: side by side at full scale, one line each', () => {
    const l = firstLayerLayout({ ...base, width: 1300, fontPx: 13, screenH: 1080 });
    expect(l.side).toBe(true);
    expect(l.scale).toBe(2);
    expect(l.below.map((t) => t.text)).toEqual(['border 12%, centre 40%', 'white 0% → blue 100% of 300 units']);
    expect(columnRight(l, 13)).toBeLessThanOrEqual(1300);
  });

  it('a short screen shrinks the grid rather than run past it', () => {
    const tall = firstLayerLayout({ ...base, width: 900, fontPx: 13, screenH: 1400 });
    const short = firstLayerLayout({ ...base, width: 900, fontPx: 13, screenH: 600 });
    expect(short.scale).toBeLessThan(tall.scale);
    expect(short.svgH).toBeLessThanOrEqual(600 - 13 * 9 - 60);
  });
});
