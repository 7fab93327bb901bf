// The plot body shared by the per-arm sparsity charts (accuracy, untrained accuracy, early-stop
// iteration vs weights remaining): per arm a mean line, points and, with several seeds, a
// min-max band; optional horizontal reference lines (dense network, chance); nearest-point tooltip.
// React draws every element; d3 only computes scales and path strings.
import { area, line, scaleLinear } from 'd3';
import { useMemo } from 'react';
import { maxOf } from '../../analysis/extent';
import type { Arm } from '../../engine/events';
import { armColor, armLabel, CHART_FONT } from '../theme';
import { Axis, chartMargins, type NumericScale } from './Axis';
import type { SeriesPoint } from './arm-series';
import { formatRemaining, remainingDomain, remainingScale, remainingTicks } from './remaining-scale';
import { Tooltip, type TooltipRow } from './Tooltip';
import { useNearest } from './useNearest';

export interface ReferenceLine {
  value: number;
  label: string;
  color: string;
  dash?: string;
  /** data-mark of the line, e.g. "dense" or "chance". */
  mark: string;
}

export interface ArmSeriesPlotProps {
  series: readonly { arm: Arm; points: readonly SeriesPoint[] }[];
  /** Draw the min-max band (several seeds). */
  band: boolean;
  xMode: 'remaining' | 'round';
  yDomain: [number, number];
  yLabel: string;
  yFormat: (v: number) => string;
  /** Name of the value in the tooltip, e.g. "Test accuracy". */
  valueName: string;
  valueFormat: (v: number) => string;
  references?: readonly ReferenceLine[];
  width: number;
  height: number;
  fontPx: number;
  title: string;
  /** The round picked in the round scrubber: marked with a vertical line and larger points. */
  highlightRound?: number | null;
}

interface Placed extends SeriesPoint {
  px: number;
  py: number;
}

export function ArmSeriesPlot(p: ArmSeriesPlotProps) {
  const m = chartMargins(p.fontPx);
  const innerW = Math.max(40, p.width - m.left - m.right);
  const innerH = Math.max(40, p.height - m.top - m.bottom);

  const { x, xTicks, xFormat, xLabel } = useMemo(() => {
    const all = p.series.flatMap((s) => s.points);
    if (p.xMode === 'round') {
      const maxRound = maxOf(all.map((q) => q.round), 1);
      const sx: NumericScale = scaleLinear().domain([0, maxRound]).range([0, innerW]);
      const ticks = sx.ticks(Math.min(maxRound, 10)).filter((t) => Number.isInteger(t));
      return { x: sx, xTicks: ticks, xFormat: (v: number) => String(v), xLabel: 'Pruning round' };
    }
    const domain = remainingDomain(all.map((q) => q.remaining));
    return {
      x: remainingScale(domain, innerW) as NumericScale,
      xTicks: remainingTicks(domain[1]),
      xFormat: formatRemaining,
      xLabel: 'Weights remaining (%, log scale)',
    };
  }, [p.series, p.xMode, innerW]);

  const y = useMemo(() => scaleLinear().domain(p.yDomain).range([innerH, 0]).clamp(true), [p.yDomain, innerH]);
  const xOf = (q: SeriesPoint) => x(p.xMode === 'round' ? q.round : q.remaining);

  const placed: Placed[] = p.series.flatMap((s) =>
    s.points.map((q) => ({ ...q, px: m.left + xOf(q), py: m.top + y(q.mean) })),
  );
  const hover = useNearest(placed);

  const linePath = line<SeriesPoint>().x(xOf).y((q) => y(q.mean));
  const bandPath = area<SeriesPoint>()
    .x(xOf)
    .y0((q) => y(q.min))
    .y1((q) => y(q.max));

  // Where the picked round sits: the x of any arm's point in that round (every arm shares it).
  const picked = p.highlightRound == null ? undefined : p.series.flatMap((s) => s.points).find((q) => q.round === p.highlightRound);
  const highlightX = picked ? xOf(picked) : null;

  const a = hover.active;
  const rows: TooltipRow[] = a
    ? [
        { label: 'Round', value: String(a.round) },
        { label: 'Weights remaining', value: formatRemaining(a.remaining) },
        { label: a.n > 1 ? `${p.valueName} (mean)` : p.valueName, value: p.valueFormat(a.mean), color: armColor(a.arm) },
        ...(a.n > 1 ? [{ label: `Range over ${a.n} seeds`, value: `${p.valueFormat(a.min)} – ${p.valueFormat(a.max)}` }] : []),
      ]
    : [];

  return (
    <>
      <svg className="chart-svg" width={p.width} height={p.height} role="img" aria-label={p.title}>
        <g transform={`translate(${m.left},${m.top})`}>
          <Axis scale={y} orient="left" label={p.yLabel} tickFormat={p.yFormat} gridLength={innerW} fontPx={p.fontPx} />
          <Axis scale={x} orient="bottom" top={innerH} tickValues={xTicks} tickFormat={xFormat} label={xLabel} gridLength={innerH} fontPx={p.fontPx} />
          {(p.references ?? []).map((r) => (
            <g key={r.mark} className="reference">
              <line data-mark={r.mark} x1={0} x2={innerW} y1={y(r.value)} y2={y(r.value)} stroke={r.color} strokeWidth={2} strokeDasharray={r.dash} />
              <text className="chart-annotation" x={innerW - 4} y={y(r.value) - 5} textAnchor="end" style={{ fontSize: CHART_FONT }}>
                {r.label}
              </text>
            </g>
          ))}
          {highlightX !== null && (
            <g className="round-highlight" data-mark="highlight" data-round={p.highlightRound}>
              <line x1={highlightX} x2={highlightX} y1={0} y2={innerH} stroke="#111827" strokeOpacity={0.45} strokeWidth={1.5} strokeDasharray="3 3" />
              <text className="chart-annotation" x={highlightX + 4} y={12} style={{ fontSize: CHART_FONT }}>
                round {p.highlightRound}
              </text>
            </g>
          )}
          {p.band &&
            p.series.map((s) =>
              s.points.length > 0 ? (
                <path key={`band-${s.arm}`} data-mark="band" data-arm={s.arm} d={bandPath(s.points) ?? ''} fill={armColor(s.arm)} fillOpacity={0.18} />
              ) : null,
            )}
          {p.series.map((s) =>
            s.points.length > 0 ? (
              <path key={`line-${s.arm}`} data-mark="line" data-arm={s.arm} d={linePath(s.points) ?? ''} fill="none" stroke={armColor(s.arm)} strokeWidth={2.5} />
            ) : null,
          )}
          {p.series.map((s) =>
            s.points.map((q) => (
              <circle key={`pt-${s.arm}-${q.round}`} data-mark="point" data-arm={s.arm} data-round={q.round} cx={xOf(q)} cy={y(q.mean)} r={q.round === p.highlightRound ? 7.5 : 5} fill={armColor(s.arm)} stroke={q.round === p.highlightRound ? '#111827' : '#fff'} strokeWidth={q.round === p.highlightRound ? 2 : 1.5}>
                <title>{`${armLabel(s.arm)}: ${p.valueFormat(q.mean)} at ${formatRemaining(q.remaining)} weights remaining`}</title>
              </circle>
            )),
          )}
          {a && <circle className="hover-ring no-export" cx={a.px - m.left} cy={a.py - m.top} r={9} />}
          <rect className="hover-overlay no-export" width={innerW} height={innerH} fill="transparent" onPointerMove={hover.onPointerMove} onPointerLeave={hover.onPointerLeave} />
        </g>
      </svg>
      {a && <Tooltip x={a.px} y={a.py} containerWidth={p.width} title={armLabel(a.arm)} rows={rows} />}
    </>
  );
}
