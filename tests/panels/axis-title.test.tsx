// @vitest-environment happy-dom
// An axis title longer than its axis (large text, a short plot) is squeezed to the axis length.
import { scaleLinear } from 'd3';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Axis } from '../../src/panels/common/Axis';

const title = (length: number, fontPx: number) => {
  const markup = renderToStaticMarkup(
    <svg>
      <Axis scale={scaleLinear().domain([0, 1]).range([length, 0])} orient="left" label="Untrained test accuracy (%)" fontPx={fontPx} />
    </svg>,
  );
  return new DOMParser().parseFromString(markup, 'image/svg+xml').querySelector('.axis-label')!;
};

describe('axis titles', () => {
  it('keep their length on a long axis and are squeezed to a short one', () => {
    expect(title(400, 13).getAttribute('textLength')).toBeNull();
    const squeezed = title(150, 20);
    expect(squeezed.getAttribute('textLength')).toBe('150');
    expect(squeezed.getAttribute('lengthAdjust')).toBe('spacingAndGlyphs');
  });
});
