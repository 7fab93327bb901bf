// A learned supermask as it trains: the test accuracy of the fixed (never trained) weights under
// the deterministic mask, and the fraction of weights that mask keeps, against the iteration. Both
// are fractions, so they share one 0-100% axis. React draws; d3 computes the scales and paths.
import { format, line, scaleLinear } from 'd3';
import { percent } from '../analysis/format';
import type { SupermaskPoint } from '../engine/events';
import { Axis, chartMargins } from './common/Axis';
import { ChartCard } from './common/ChartCard';
import type { LegendItem } from './common/Legend';
import { useSize } from './common/useSize';
import { CHANCE_COLOR, CHART_FONT, KEPT_COLOR } from './theme';

export const SUPERMASK_ACCURACY_COLOR = '#1d4ed8';
export const SUPERMASK_DENSITY_COLOR = '#ea580c';

export interface SupermaskCurvesProps {
  points: readonly SupermaskPoint[];
  maxIteration?: number;
  /** Chance level (1 / classes). */
  chance: number;
  height?: number;
  hidden?: boolean;
}

const pct = (x: number) => percent(x, 1);

const SERIES = [
  { key: 'testAccuracy', label: 'Test accuracy (mask s > 0, weights untrained)', color: SUPERMASK_ACCURACY_COLOR, dash: undefined },
  { key: 'density', label: 'Weights kept by the mask', color: SUPERMASK_DENSITY_COLOR, dash: '6 4' },
] as const;

export function SupermaskCurves({ points, maxIteration, chance, height = 320, hidden }: SupermaskCurvesProps) {
  const size = useSize();
  const last = points[points.length - 1];
  const legend: LegendItem[] = [
    ...SERIES.map((s) => ({ label: s.label, color: s.color, shape: 'line' as const, dash: s.dash })),
    { label: 'Chance', color: CHANCE_COLOR, shape: 'line', dash: '2 3' },
  ];
  const title = `Learned supermask${last ? `: ${pct(last.testAccuracy)} at ${pct(last.density)} kept` : ''}`;
  const subtitle = 'The weights never train: each step samples a mask from sigmoid(score) and trains only the scores. Plotted: the deterministic mask (score > 0).';
  const empty = points.length === 0 ? 'Run with mode=supermask (the “Learned supermask” preset) to learn a mask over untrained weights.' : undefined;

  let body = null;
  if (points.length) {
    const { fontPx, width } = size;
    const m = chartMargins(fontPx);
    const innerW = Math.max(40, width - m.left - m.right);
    const innerH = Math.max(40, height - m.top - m.bottom);
    const x = scaleLinear().domain([0, Math.max(1, maxIteration ?? last.iteration)]).range([0, innerW]);
    const y = scaleLinear().domain([0, 1]).range([innerH, 0]);
    body = (
      <svg className="chart-svg" width={width} height={height} role="img" aria-label={title}>
        <g transform={`translate(${m.left},${m.top})`}>
          <Axis scale={y} orient="left" numTicks={5} tickFormat={format('.0%')} gridLength={innerW} fontPx={fontPx} label="Fraction" />
          <Axis scale={x} orient="bottom" top={innerH} numTicks={6} tickFormat={format('~s')} fontPx={fontPx} label="Iteration" />
          <line data-mark="chance" x1={0} x2={innerW} y1={y(chance)} y2={y(chance)} stroke={CHANCE_COLOR} strokeDasharray="2 3" />
          {SERIES.map((s) => {
            const d = line<SupermaskPoint>()
              .x((p) => x(p.iteration))
              .y((p) => y(p[s.key]))(points as SupermaskPoint[]);
            return (
              <g key={s.key} data-series={s.key}>
                <path data-mark="line" d={d ?? ''} fill="none" stroke={s.color} strokeWidth={2.2} strokeDasharray={s.dash} />
                {points.map((p, i) => (
                  <circle key={`${i}-${p.iteration}`} data-mark="point" cx={x(p.iteration)} cy={y(p[s.key])} r={3} fill={s.color}>
                    <title>{`iteration ${p.iteration}: ${pct(p[s.key])}`}</title>
                  </circle>
                ))}
              </g>
            );
          })}
          <text x={innerW} y={y(last.testAccuracy) - fontPx * 0.6} textAnchor="end" style={{ fontSize: CHART_FONT, fill: KEPT_COLOR }} data-label="final">
            {pct(last.testAccuracy)}
          </text>
        </g>
      </svg>
    );
  }

  return (
    <ChartCard id="supermask" title={title} subtitle={subtitle} legend={legend} hidden={hidden} emptyMessage={empty} size={size} height={height}>
      {body}
    </ChartCard>
  );
}
