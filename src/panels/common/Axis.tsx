// A bottom or left axis drawn by React from a d3 scale (in the spirit of @visx/axis):
// d3 supplies ticks and formats, React owns every element.
import type { ScaleContinuousNumeric } from 'd3';
import { CHART_FONT } from '../theme';
import { DEFAULT_FONT_PX } from './useSize';

export type NumericScale = ScaleContinuousNumeric<number, number, never>;

export interface AxisProps {
  scale: NumericScale;
  orient: 'bottom' | 'left';
  /** Offset of the axis group (bottom axis: top = inner height). */
  top?: number;
  left?: number;
  /** Explicit tick values (needed for log scales); otherwise scale.ticks(numTicks). */
  tickValues?: readonly number[];
  numTicks?: number;
  tickFormat?: (value: number) => string;
  /** Axis title, with units, e.g. "Test accuracy (%)". */
  label?: string;
  /** Length of faint grid lines drawn across the plot from each tick (0 = none). */
  gridLength?: number;
  fontPx?: number;
}

export function Axis({
  scale,
  orient,
  top = 0,
  left = 0,
  tickValues,
  numTicks = 5,
  tickFormat,
  label,
  gridLength = 0,
  fontPx = DEFAULT_FONT_PX,
}: AxisProps) {
  const ticks = tickValues ?? scale.ticks(numTicks);
  const format = tickFormat ?? scale.tickFormat(numTicks);
  const [r0, r1] = scale.range();
  const lo = Math.min(r0, r1);
  const hi = Math.max(r0, r1);
  const bottom = orient === 'bottom';
  const tickLen = 6;
  const inRange = fittingTicks(
    ticks.filter((t) => {
      const p = scale(t);
      return Number.isFinite(p) && p >= lo - 0.5 && p <= hi + 0.5;
    }),
    (t) => scale(t),
    (t) => (bottom ? labelWidth(format(t), fontPx) : fontPx * 1.2),
  );

  return (
    <g className={`axis axis-${orient}`} transform={`translate(${left},${top})`} data-axis={orient}>
      {inRange.map((t) => {
        const p = scale(t);
        return (
          <g key={t} className="tick" transform={bottom ? `translate(${p},0)` : `translate(0,${p})`}>
            {gridLength > 0 && (
              <line className="grid" x2={bottom ? 0 : gridLength} y2={bottom ? -gridLength : 0} />
            )}
            <line className="tick-line" x2={bottom ? 0 : -tickLen} y2={bottom ? tickLen : 0} />
            <text
              className="tick-label"
              x={bottom ? 0 : -tickLen - 3}
              y={bottom ? tickLen + 3 + fontPx * 0.8 : 0}
              dy={bottom ? undefined : '0.32em'}
              textAnchor={bottom ? 'middle' : 'end'}
              style={{ fontSize: CHART_FONT }}
            >
              {format(t)}
            </text>
          </g>
        );
      })}
      <line className="domain" x1={bottom ? lo : 0} x2={bottom ? hi : 0} y1={bottom ? 0 : lo} y2={bottom ? 0 : hi} />
      {label && (
        <text
          className="axis-label"
          textAnchor="middle"
          transform={
            bottom
              ? `translate(${(lo + hi) / 2},${tickLen + 3 + fontPx * 2.3})`
              : `translate(${-(tickLen + 3 + fontPx * 3.2)},${(lo + hi) / 2}) rotate(-90)`
          }
          style={{ fontSize: CHART_FONT }}
          // A title longer than its axis (large text, a short plot) is squeezed to the axis, not run past it.
          {...(labelWidth(label, fontPx) > hi - lo ? { textLength: Math.max(1, hi - lo), lengthAdjust: 'spacingAndGlyphs' } : {})}
        >
          {label}
        </text>
      )}
    </g>
  );
}

/** A tick label's width in px, estimated from its characters (digits and signs are about 0.6 em, % about 0.85 em). */
export function labelWidth(text: string, fontPx: number): number {
  let em = 0;
  for (const ch of text) em += ch === '%' ? 0.85 : ch === '.' || ch === ',' ? 0.3 : 0.62;
  return em * fontPx;
}

/**
 * The ticks whose labels do not touch: every tick, else every 2nd, 3rd… from the first, the
 * smallest step at which neighbours are at least half of both labels' widths plus a gap apart
 * (large text on a narrow chart would otherwise print "100%50%"). An even step keeps the ticks
 * evenly spaced. Ticks may come in either direction along the axis.
 */
export function fittingTicks(ticks: readonly number[], position: (t: number) => number, size: (t: number) => number, gap = 6): number[] {
  const apart = (a: number, b: number) => Math.abs(position(b) - position(a)) >= (size(a) + size(b)) / 2 + gap;
  for (let step = 1; step < ticks.length; step++) {
    const kept = ticks.filter((_, i) => i % step === 0);
    if (kept.every((t, i) => i === 0 || apart(kept[i - 1], t))) return kept;
  }
  return ticks.slice(0, 1);
}

/** Margins that leave room for tick labels and axis titles at the given font size. */
export function chartMargins(fontPx: number, extraRight = 0) {
  return {
    top: Math.round(fontPx * 1.2),
    right: Math.round(fontPx * 1.6 + extraRight),
    bottom: Math.round(fontPx * 3.3 + 12),
    left: Math.round(fontPx * 4.4 + 12),
  };
}
