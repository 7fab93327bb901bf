// Weight histograms of one layer in the selected round: θ0 vs trained values (top) and the
// trained values split into the weights the next round keeps vs prunes (bottom), with the
// magnitude threshold at ±t. Binning is a plain loop over the Float32Arrays (weights.ts).
import { format, scaleLinear, scaleSqrt } from 'd3';
import { percent } from '../analysis/format';
import { useMemo, useState } from 'react';
import type { LayerSnapshot } from '../engine/events';
import { Axis, chartMargins, type NumericScale } from './common/Axis';
import { noWeightsMessage } from './common/no-weights';
import { ChartCard } from './common/ChartCard';
import { LayerSelect } from './common/LayerSelect';
import type { LegendItem } from './common/Legend';
import { Tooltip } from './common/Tooltip';
import { fitText } from './common/text-fit';
import { useSize } from './common/useSize';
import { CHART_FONT, INIT_COLOR, KEPT_COLOR, PRUNED_COLOR } from './theme';
import { binHi, weightHistograms } from '../analysis/weights';

export const TRAINED_COLOR = '#64748b';

export interface WeightHistogramsProps {
  /** Card id (data-panel, export file name); default "weight-histograms". */
  id?: string;
  /** The selected round (for the title); null before any snapshot. */
  round: number | null;
  /** That round's snapshot of every layer; null or empty before one arrives. */
  layers: readonly LayerSnapshot[] | null;
  /** Selected layer name; unknown or null -> the first layer. */
  layer: string | null;
  onLayerChange: (name: string) => void;
  /** Chart body height in px; default 440. */
  height?: number;
  /** The results on screen carry no weights (imported): say so instead of waiting for a round. */
  noWeights?: boolean;
  hidden?: boolean;
}

const fmtCount = format(',d');
const fmtPct = (x: number) => percent(x, 1);

/** The first heading (bold) that fits `width` px; else the last. */
export const fitHeading = (headings: readonly string[], width: number, fontPx: number): string => fitText(headings, width, fontPx, 'bold');

/** A compact label for a weight value: 3 significant digits. */
export const fmtWeight = (v: number) => (v === 0 ? '0' : format('.3~g')(v));

export function WeightHistograms({
  id = 'weight-histograms',
  round,
  layers,
  layer,
  onLayerChange,
  height = 440,
  hidden,
  noWeights,
}: WeightHistogramsProps) {
  const size = useSize();
  const [sqrtScale, setSqrtScale] = useState(false);
  const [hover, setHover] = useState<number | null>(null);

  const snap = layers?.find((l) => l.name === layer) ?? layers?.[0] ?? null;
  const final = snap?.final;
  const hist = useMemo(() => (snap && final ? weightHistograms({ ...snap, final }, 80) : null), [snap, final]);

  const title = `Weights${round !== null ? ` — round ${round}` : ''}${snap ? `, ${snap.name}` : ''}`;
  const splitNote = hist?.split === 'mask' ? "last round: split by this round's mask" : 'split by the next round\'s mask';
  const subtitle = 'Top: θ0 vs trained values. Bottom: trained weights the next round keeps vs prunes (smallest |w| go), threshold at ±t.';
  const legend: LegendItem[] = [
    { label: 'θ0 (initial)', color: INIT_COLOR, shape: 'line' },
    { label: 'Trained', color: TRAINED_COLOR, shape: 'square' },
    { label: 'Kept (survivors)', color: KEPT_COLOR, shape: 'square' },
    { label: hist?.split === 'mask' ? 'Pruned (mask = 0)' : 'Pruned next round', color: PRUNED_COLOR, shape: 'square' },
    { label: 'Threshold ±t', color: '#111827', shape: 'line', dash: '5 4' },
  ];

  const controls = (
    <>
      <LayerSelect layers={layers} value={snap?.name ?? ''} onChange={onLayerChange} control="layer" />
      <label title="A square-root count axis makes the small tails visible">
        <input type="checkbox" checked={sqrtScale} onChange={(e) => setSqrtScale(e.target.checked)} />√ counts
      </label>
    </>
  );

  const empty = !snap
    ? noWeights
      ? noWeightsMessage('the weight histograms')
      : 'Weight histograms appear when the first round finishes training.'
    : !hist
      ? `Round ${round}'s trained weights were dropped to keep the page's memory bounded (the newest rounds' weights and every round's masks are kept).`
      : undefined;

  let body = null;
  if (hist && snap) {
    const { fontPx, width } = size;
    const m = chartMargins(fontPx);
    const plotTitleH = Math.round(fontPx * 1.6);
    const gap = Math.round(fontPx * 2.4);
    const innerW = Math.max(60, width - m.left - m.right);
    const plotH = Math.max(40, Math.floor((height - m.top - m.bottom - gap - 2 * plotTitleH) / 2));
    const y1Top = m.top + plotTitleH;
    const y2Top = y1Top + plotH + gap + plotTitleH;
    const svgH = y2Top + plotH + m.bottom;
    const { spec } = hist;
    const x = scaleLinear().domain([spec.lo, binHi(spec)]).range([0, innerW]);
    const mk = (max: number): NumericScale =>
      (sqrtScale ? scaleSqrt() : scaleLinear()).domain([0, Math.max(1, max)]).range([plotH, 0]).nice();
    let max1 = 0;
    let max2 = 0;
    for (let k = 0; k < spec.n; k++) {
      max1 = Math.max(max1, hist.init[k], hist.trained[k]);
      max2 = Math.max(max2, hist.survivors[k] + hist.pruned[k]);
    }
    const yTop = mk(max1);
    const yBot = mk(max2);
    const bw = Math.max(1, innerW / spec.n - (innerW / spec.n > 4 ? 1 : 0));
    const x0 = (k: number) => x(spec.lo + k * spec.step);
    // θ0 as a step outline over the trained bars.
    let step = `M${x0(0)},${yTop(0)}`;
    for (let k = 0; k < spec.n; k++) step += `V${yTop(hist.init[k])}H${x0(k + 1)}`;
    step += `V${yTop(0)}`;
    // The last round prunes nothing more: its mask was chosen from the previous round's weights, so
    // there is no magnitude boundary in these values to draw.
    const t = hist.split === 'mask' ? null : hist.threshold.threshold;
    const tLines = t !== null && t > 0 ? [-t, t].filter((v) => v >= spec.lo && v <= binHi(spec)) : [];
    const yTicks = (s: NumericScale) => s.ticks(4).filter((v) => Number.isInteger(v));
    const bars = (k: number) => {
      const out = [];
      const xs = x0(k);
      if (hist.trained[k])
        out.push(
          <rect key={`t${k}`} data-mark="bar" data-series="trained" x={xs} width={bw} y={y1Top + yTop(hist.trained[k])} height={plotH - yTop(hist.trained[k])} fill={TRAINED_COLOR} fillOpacity={0.75} />,
        );
      const s = hist.survivors[k];
      const p = hist.pruned[k];
      if (s)
        out.push(<rect key={`s${k}`} data-mark="bar" data-series="kept" x={xs} width={bw} y={y2Top + yBot(s)} height={plotH - yBot(s)} fill={KEPT_COLOR} />);
      if (p)
        out.push(
          <rect key={`p${k}`} data-mark="bar" data-series="pruned" x={xs} width={bw} y={y2Top + yBot(s + p)} height={yBot(s) - yBot(s + p)} fill={PRUNED_COLOR} />,
        );
      return out;
    };
    const hk = hover !== null && hover < spec.n ? hover : null;
    const th = hist.threshold;
    // Each plot's heading, longest first: the first that fits the chart's width is drawn.
    const trained = `${fmtCount(hist.active)} weights trained this round${hist.active < hist.total ? ` of ${fmtCount(hist.total)}` : ''}`;
    const topHeadings = [`θ0 vs trained (${trained})`, `θ0 vs trained (${fmtCount(hist.active)} weights)`, 'θ0 vs trained'];
    const bottomHeadings = [`Kept ${fmtCount(th.kept)} · pruned ${fmtCount(th.pruned)} (${splitNote})`, `Kept ${fmtCount(th.kept)} · pruned ${fmtCount(th.pruned)}`, 'Kept vs pruned'];
    body = (
      <div style={{ position: 'relative' }}>
        <svg className="chart-svg" width={width} height={svgH} role="img" aria-label={title} onPointerLeave={() => setHover(null)}>
          <g transform={`translate(${m.left},0)`}>
            <text x={0} y={y1Top - fontPx * 0.5} style={{ fontSize: CHART_FONT, fontWeight: 600 }}>
              {fitHeading(topHeadings, width - m.left, fontPx)}
            </text>
            <text x={0} y={y2Top - fontPx * 0.5} style={{ fontSize: CHART_FONT, fontWeight: 600 }}>
              {fitHeading(bottomHeadings, width - m.left, fontPx)}
            </text>
            <Axis scale={yTop} orient="left" top={y1Top} tickValues={yTicks(yTop)} tickFormat={format('~s')} gridLength={innerW} fontPx={fontPx} label="count" />
            <Axis scale={yBot} orient="left" top={y2Top} tickValues={yTicks(yBot)} tickFormat={format('~s')} gridLength={innerW} fontPx={fontPx} label="count" />
            <Axis scale={x} orient="bottom" top={y1Top + plotH} numTicks={7} tickFormat={fmtWeight} fontPx={fontPx} />
            <Axis scale={x} orient="bottom" top={y2Top + plotH} numTicks={7} tickFormat={fmtWeight} fontPx={fontPx} label="weight value" />
            {Array.from({ length: spec.n }, (_, k) => bars(k))}
            <path data-mark="step" d={step} transform={`translate(0,${y1Top})`} fill="none" stroke={INIT_COLOR} strokeWidth={2} />
            {tLines.map((v) => (
              <g key={v} data-mark="threshold" transform={`translate(${x(v)},0)`}>
                <line y1={y1Top} y2={y1Top + plotH} stroke="#111827" strokeWidth={1.2} strokeDasharray="5 4" opacity={0.5} />
                <line y1={y2Top} y2={y2Top + plotH} stroke="#111827" strokeWidth={1.5} strokeDasharray="5 4" />
              </g>
            ))}
            {tLines.length > 0 && t !== null && (
              <text
                x={x(t) + 5}
                y={y2Top + fontPx * 0.9}
                style={{ fontSize: CHART_FONT, paintOrder: 'stroke' }}
                stroke="#fff"
                strokeWidth={4}
                strokeLinejoin="round"
                fill="#111827"
                data-label="threshold"
              >
                ±t = {fmtWeight(t)}
              </text>
            )}
            {hk !== null && (
              <rect className="no-export" x={x0(hk)} width={bw} y={y1Top} height={y2Top + plotH - y1Top} fill="#111827" fillOpacity={0.07} pointerEvents="none" />
            )}
            {Array.from({ length: spec.n }, (_, k) => (
              <rect
                key={k}
                className="hover-overlay no-export"
                x={x0(k)}
                width={x0(k + 1) - x0(k)}
                y={y1Top}
                height={y2Top + plotH - y1Top}
                onPointerEnter={() => setHover(k)}
              />
            ))}
          </g>
        </svg>
        {hk !== null && (
          <Tooltip
            x={m.left + x0(hk + 1)}
            y={y1Top + plotH / 2}
            containerWidth={width}
            title={`w in [${fmtWeight(spec.lo + hk * spec.step)}, ${fmtWeight(spec.lo + (hk + 1) * spec.step)})`}
            rows={[
              { label: 'θ0', value: fmtCount(hist.init[hk]), color: INIT_COLOR },
              { label: 'Trained', value: fmtCount(hist.trained[hk]), color: TRAINED_COLOR },
              { label: 'Kept', value: fmtCount(hist.survivors[hk]), color: KEPT_COLOR },
              { label: 'Pruned', value: fmtCount(hist.pruned[hk]), color: PRUNED_COLOR },
              ...(th.threshold !== null ? [{ label: 'Threshold t', value: fmtWeight(th.threshold) }] : []),
            ]}
          />
        )}
        <p style={{ margin: '0.3em 0 0', fontSize: CHART_FONT, color: 'var(--chart-muted)' }} data-stats="">
          {hist.split === 'mask'
            ? `Last round: nothing more is pruned; ${fmtPct(th.pruned / Math.max(1, th.kept + th.pruned))} of this layer was pruned in earlier rounds.`
            : <>
                {th.threshold !== null ? `t = smallest kept |w| = ${fmtWeight(th.threshold)}` : 'no weights kept'}
                {th.largestPruned !== null ? `; largest pruned |w| = ${fmtWeight(th.largestPruned)}` : ''}
                {th.kept + th.pruned > 0 ? ` · ${fmtPct(th.pruned / (th.kept + th.pruned))} of these weights pruned` : ''}
              </>}
        </p>
      </div>
    );
  }

  return (
    <ChartCard id={id} title={title} subtitle={subtitle} legend={legend} hidden={hidden} controls={controls} emptyMessage={empty} size={size} height={height}>
      {body}
    </ChartCard>
  );
}
