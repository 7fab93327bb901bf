// The mask heatmaps' layers in columns: one in a half-width card, side by side in a projector's
// wide card (so a LeNet's three layers fit a 768 px screen), never more columns than layers.
import { describe, expect, it } from 'vitest';
import { maskColumns } from '../../src/panels/MaskHeatmap';

describe('maskColumns (the mask heatmaps\' layers side by side in a wide card)', () => {
  it('one column in a half-width card, several in a projector-wide one, never more than the layers', () => {
    // Half-width cards at 1366 px, normal and large text.
    expect(maskColumns(470, 13, 3)).toBe(1);
    expect(maskColumns(620, 18, 3)).toBe(1);
    // A half-width card at 1920 px; projector mode's one card (20 px chart text) at 1366 px.
    expect(maskColumns(750, 13, 3)).toBe(2);
    expect(maskColumns(1300, 20, 3)).toBe(3);
    expect(maskColumns(1300, 20, 2)).toBe(2);
    expect(maskColumns(1300, 20, 0)).toBe(1);
  });
});
