// Test accuracy during training, one line per pruning round, coloured by how many weights remain
// (dark = dense, light = sparse). Diamonds mark the early-stopping point of each round.
import { format, interpolateViridis, line, scaleLinear, scaleLog, scaleSequentialLog } from 'd3';
import { maxOf } from '../analysis/extent';
import { axisPercent } from '../analysis/format';
import { ARMS, armResultOf, type Arm, type CurvePoint, type RoundResult } from '../engine/events';
import { Axis, chartMargins } from './common/Axis';
import { ChartCard } from './common/ChartCard';
import type { LegendItem } from './common/Legend';
import { formatAccuracy, formatRemaining, remainingDomain, remainingTicks } from './common/remaining-scale';
import { Tooltip } from './common/Tooltip';
import { useNearest } from './common/useNearest';
import { useSize } from './common/useSize';
import { armLabel, CHART_FONT, DENSE_COLOR } from './theme';

export interface LearningCurve {
  round: number;
  /** Fraction of weights remaining in this round. */
  remaining: number;
  /** May still be growing while the round trains. */
  points: readonly CurvePoint[];
  earlyStopIteration?: number;
}

export interface LearningCurvesProps {
  curves: readonly LearningCurve[];
  /** Which arm these curves belong to (named in the subtitle; the selector's value). */
  arm?: Arm;
  /** When given, the card shows an arm selector; the parent passes that arm's curves back. */
  onArmChange?: (arm: Arm) => void;
  /** Arms offered by the selector (default all three). */
  arms?: readonly Arm[];
  /** Training iterations per run: fixes the x axis so it does not rescale as curves grow. */
  maxIteration?: number;
  /** y domain as accuracy fractions (default [0, 1]). */
  yDomain?: [number, number];
  /** Chart height in px (default 340). */
  height?: number;
  id?: string;
  hidden?: boolean;
}

/** The curves of one arm from finished (or partially finished) rounds. */
export function curvesFromRounds(rounds: readonly RoundResult[], arm: Arm): LearningCurve[] {
  return rounds.flatMap((r) => {
    const res = armResultOf(r, arm);
    return res ? [{ round: r.round, remaining: r.remaining, points: res.curve, earlyStopIteration: res.earlyStopIteration }] : [];
  });
}

/** The last iteration any curve reaches (at least 1): the x axis ends there unless the run is longer. */
export function lastIteration(curves: readonly LearningCurve[]): number {
  let last = 1;
  for (const c of curves) last = maxOf(c.points.map((p) => p.iteration), last);
  return last;
}

/** Viridis without its palest yellow, which vanishes on a white projector screen. */
const viridis = (t: number) => interpolateViridis(0.88 * t);
const iterFormat = format(',d');
const iterTick = format('~s');

interface Hovered {
  px: number;
  py: number;
  curve: LearningCurve;
  point: CurvePoint;
}

export function LearningCurves({
  curves,
  arm = 'ticket',
  onArmChange,
  arms = ARMS,
  maxIteration,
  yDomain = [0, 1],
  height = 340,
  id = 'learning-curves',
  hidden,
}: LearningCurvesProps) {
  const size = useSize();
  const { width, fontPx } = size;
  const barW = 12;
  const legendW = 20 + barW + 6 + fontPx * 3.2;
  const m = chartMargins(fontPx, legendW);
  const innerW = Math.max(40, width - m.left - m.right);
  const innerH = Math.max(40, height - m.top - m.bottom);

  const drawn = curves.filter((c) => c.points.length > 0);
  const lastIter = lastIteration(drawn);
  const x = scaleLinear().domain([0, Math.max(maxIteration ?? 0, lastIter)]).range([0, innerW]);
  const y = scaleLinear().domain(yDomain).range([innerH, 0]).clamp(true);
  const remDomain = remainingDomain(curves.map((c) => c.remaining));
  const color = scaleSequentialLog(viridis).domain(remDomain);
  const path = line<CurvePoint>()
    .x((p) => x(p.iteration))
    .y((p) => y(p.testAccuracy));

  const earlyStops = drawn.flatMap((c) => {
    if (c.earlyStopIteration === undefined) return [];
    // The curve point at (or, if not logged exactly, nearest to) the early-stopping iteration.
    let best = c.points[0]!;
    for (const p of c.points) if (Math.abs(p.iteration - c.earlyStopIteration) < Math.abs(best.iteration - c.earlyStopIteration)) best = p;
    return [{ curve: c, point: best }];
  });

  const placed: Hovered[] = drawn.flatMap((c) =>
    c.points.map((p) => ({ curve: c, point: p, px: m.left + x(p.iteration), py: m.top + y(p.testAccuracy) })),
  );
  const hover = useNearest(placed);
  const a = hover.active;

  // Colour legend: a vertical bar (drawn with thin rects, so it exports without gradients).
  const barX = innerW + 20;
  const barTop = fontPx * 2.6;
  const barH = Math.max(40, innerH - barTop);
  const barScale = scaleLog().domain(remDomain).range([0, barH]);
  const steps = 40;

  const legend: LegendItem[] = [
    { label: 'Dense (100%)', color: color(1), shape: 'line' },
    { label: `Sparse (${formatRemaining(remDomain[1])})`, color: color(remDomain[1]), shape: 'line' },
    { label: 'Early-stopping point', color: DENSE_COLOR, shape: 'diamond' },
  ];
  const controls = onArmChange ? (
    <label>
      Network
      <select value={arm} onChange={(e) => onArmChange(e.target.value as Arm)}>
        {arms.map((k) => (
          <option key={k} value={k}>
            {armLabel(k)}
          </option>
        ))}
      </select>
    </label>
  ) : undefined;
  const title = 'Learning curves';

  return (
    <ChartCard
      id={id}
      hidden={hidden}
      title={title}
      subtitle={`${armLabel(arm)}: test accuracy during training, one line per round, coloured by weights remaining.`}
      legend={legend}
      controls={controls}
      size={size}
      height={height}
      emptyMessage={drawn.length === 0 ? 'Run an experiment to see each round’s learning curve.' : undefined}
    >
      <svg className="chart-svg" width={width} height={height} role="img" aria-label={title}>
        <g transform={`translate(${m.left},${m.top})`}>
          <Axis scale={y} orient="left" label="Test accuracy (%)" tickFormat={axisPercent} gridLength={innerW} fontPx={fontPx} />
          <Axis scale={x} orient="bottom" top={innerH} label="Training iteration (iterations)" tickFormat={iterTick} numTicks={6} gridLength={innerH} fontPx={fontPx} />
          {/* Keys by position and round: unique even if a round number came twice. */}
          {drawn.map((c, i) => (
            <path
              key={`line-${i}-${c.round}`}
              data-mark="line"
              data-round={c.round}
              d={path(c.points) ?? ''}
              fill="none"
              stroke={color(c.remaining)}
              strokeWidth={a?.curve === c ? 4 : 2.5}
              strokeOpacity={a && a.curve !== c ? 0.35 : 1}
            />
          ))}
          {earlyStops.map(({ curve, point }, i) => {
            const cx = x(point.iteration);
            const cy = y(point.testAccuracy);
            const r = 7;
            return (
              <path
                key={`es-${i}-${curve.round}`}
                data-mark="early-stop"
                data-round={curve.round}
                d={`M${cx},${cy - r}L${cx + r},${cy}L${cx},${cy + r}L${cx - r},${cy}Z`}
                fill={color(curve.remaining)}
                stroke={DENSE_COLOR}
                strokeWidth={1.5}
              >
                <title>{`Round ${curve.round}: early stop at iteration ${iterFormat(point.iteration)}`}</title>
              </path>
            );
          })}
          <g className="color-legend" transform={`translate(${barX},0)`}>
            <text className="axis-label" x={0} y={fontPx * 0.9} style={{ fontSize: CHART_FONT }}>
              weights
            </text>
            <text className="axis-label" x={0} y={fontPx * 2.0} style={{ fontSize: CHART_FONT }}>
              remaining
            </text>
            <g transform={`translate(0,${barTop})`}>
              {Array.from({ length: steps }, (_, i) => {
                const v = barScale.invert(((i + 0.5) / steps) * barH);
                return <rect key={i} x={0} y={(i / steps) * barH} width={barW} height={barH / steps + 0.5} fill={color(v)} />;
              })}
              {remainingTicks(remDomain[1])
                .filter((_, i, all) => all.length <= 7 || i % 3 === 0 || i === all.length - 1)
                .map((t) => (
                  <g key={t} transform={`translate(${barW},${barScale(t)})`}>
                    <line className="tick-line" x2={4} stroke="#6b7280" />
                    <text className="tick-label" x={6} dy="0.32em" style={{ fontSize: CHART_FONT }}>
                      {formatRemaining(t)}
                    </text>
                  </g>
                ))}
              {curves.map((c, i) => (
                <line key={`${i}-${c.round}`} x1={-4} x2={0} y1={barScale(c.remaining)} y2={barScale(c.remaining)} stroke={DENSE_COLOR} strokeWidth={1.5} />
              ))}
            </g>
          </g>
          {a && <circle className="hover-ring no-export" cx={a.px - m.left} cy={a.py - m.top} r={6} />}
          <rect className="hover-overlay no-export" width={innerW} height={innerH} fill="transparent" onPointerMove={hover.onPointerMove} onPointerLeave={hover.onPointerLeave} />
        </g>
      </svg>
      {a && (
        <Tooltip
          x={a.px}
          y={a.py}
          containerWidth={width}
          title={`Round ${a.curve.round} · ${formatRemaining(a.curve.remaining)} weights remaining`}
          rows={[
            { label: 'Iteration', value: iterFormat(a.point.iteration) },
            { label: 'Test accuracy', value: formatAccuracy(a.point.testAccuracy), color: color(a.curve.remaining) },
            { label: 'Validation accuracy', value: formatAccuracy(a.point.valAccuracy) },
            ...(a.curve.earlyStopIteration !== undefined ? [{ label: 'Early stop at', value: iterFormat(a.curve.earlyStopIteration) }] : []),
          ]}
        />
      )}
    </ChartCard>
  );
}
