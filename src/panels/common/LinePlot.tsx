// A small line chart described by data (in the spirit of Observable Plot's marks): a list of
// series, each a colour and points (x, y, title), on linear x and y scales, with optional
// horizontal reference lines. React draws every element; d3 computes scales and path strings.
import { line, scaleLinear } from 'd3';
import { Axis, chartMargins } from './Axis';

export interface LineSeries {
  key: string;
  label: string;
  color: string;
  dash?: string;
  points: readonly { x: number; y: number; title: string }[];
}

export interface LinePlotSpec {
  series: readonly LineSeries[];
  xDomain: [number, number];
  yDomain: [number, number];
  /** Explicit x ticks (e.g. the swept k values); else d3's. */
  xTicks?: readonly number[];
  xFormat: (v: number) => string;
  yFormat: (v: number) => string;
  xLabel: string;
  yLabel: string;
  references?: readonly { value: number; color: string; dash?: string; mark: string }[];
}

export function LinePlot({ spec, width, height, fontPx, title }: { spec: LinePlotSpec; width: number; height: number; fontPx: number; title: string }) {
  const m = chartMargins(fontPx);
  const innerW = Math.max(40, width - m.left - m.right);
  const innerH = Math.max(40, height - m.top - m.bottom);
  const x = scaleLinear().domain(spec.xDomain).range([0, innerW]);
  const y = scaleLinear().domain(spec.yDomain).range([innerH, 0]);
  const path = line<{ x: number; y: number }>()
    .x((p) => x(p.x))
    .y((p) => y(p.y));
  return (
    <svg className="chart-svg" width={width} height={height} role="img" aria-label={title}>
      <g transform={`translate(${m.left},${m.top})`}>
        <Axis scale={y} orient="left" numTicks={5} tickFormat={spec.yFormat} gridLength={innerW} fontPx={fontPx} label={spec.yLabel} />
        <Axis scale={x} orient="bottom" top={innerH} tickValues={spec.xTicks} numTicks={6} tickFormat={spec.xFormat} fontPx={fontPx} label={spec.xLabel} />
        {spec.references?.map((r) => (
          <line key={r.mark} data-mark={r.mark} x1={0} x2={innerW} y1={y(r.value)} y2={y(r.value)} stroke={r.color} strokeDasharray={r.dash} />
        ))}
        {spec.series.map((s) => (
          <g key={s.key} data-series={s.key}>
            <path data-mark="line" d={path([...s.points]) ?? ''} fill="none" stroke={s.color} strokeWidth={2.2} strokeDasharray={s.dash} />
            {s.points.map((p, i) => (
              <circle key={i} data-mark="point" cx={x(p.x)} cy={y(p.y)} r={3} fill={s.color}>
                <title>{p.title}</title>
              </circle>
            ))}
          </g>
        ))}
      </g>
    </svg>
  );
}

/** [0, top] rounded up to a nice value, at least `floor` high (errors and barriers start at 0). */
export function zeroBasedDomain(values: readonly number[], floor: number): [number, number] {
  const top = values.reduce((a, b) => Math.max(a, b), floor);
  return scaleLinear().domain([0, Math.min(1, top * 1.1)]).nice(5).domain() as [number, number];
}
