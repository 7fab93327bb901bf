// One layer's weights as points in the (w_i, w_f) plane, coloured kept / pruned by the mask
// criterion: a criterion is a region of this plane (large_final keeps the top and bottom bands,
// movement keeps what lies far from the diagonal, large_final_same_sign the two same-sign
// quadrants' outer parts). The points go on a canvas (a layer has up to 266k weights; at most 20k
// are drawn, every k-th, and the card says so); the canvas is copied into the SVG as an <image>
// for export. Points come from criterion-plane.ts.
import { format, scaleLinear } from 'd3';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CriterionName } from '../engine/criteria';
import { CRITERION } from '../engine/criteria';
import type { LayerSnapshot } from '../engine/events';
import { Axis, chartMargins } from './common/Axis';
import { noWeightsMessage } from './common/no-weights';
import { ChartCard } from './common/ChartCard';
import { LayerSelect } from './common/LayerSelect';
import type { LegendItem } from './common/Legend';
import { useSize } from './common/useSize';
import { planePoints, type PlanePoints } from '../analysis/plane';
import { CHART_FONT, KEPT_COLOR, PRUNED_COLOR } from './theme';
import { fmtWeight } from './WeightHistograms';

export interface CriterionPlaneProps {
  round: number | null;
  layers: readonly LayerSnapshot[] | null;
  layer: string | null;
  onLayerChange: (name: string) => void;
  criterion: CriterionName;
  /** Most points drawn per layer (default 20,000). */
  maxPoints?: number;
  height?: number;
  /** The results on screen carry no weights (imported): say so instead of waiting for a round. */
  noWeights?: boolean;
  hidden?: boolean;
}

const fmtCount = format(',d');

function PointsCanvas({ points, width, height, x, y, onDrawn }: { points: PlanePoints; width: number; height: number; x: (v: number) => number; y: (v: number) => number; onDrawn: (url: string) => void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = typeof window !== 'undefined' ? Math.min(2, window.devicePixelRatio || 1) : 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    // Pruned first, kept on top: both stay visible where they overlap.
    for (const keep of [0, 1]) {
      ctx.fillStyle = keep ? KEPT_COLOR : PRUNED_COLOR;
      ctx.globalAlpha = 0.45;
      for (let k = 0; k < points.wi.length; k++) if (points.kept[k] === keep) ctx.fillRect(x(points.wi[k]) - 1, y(points.wf[k]) - 1, 2, 2);
    }
    onDrawn(canvas.toDataURL('image/png'));
  }, [points, width, height, x, y, onDrawn]);
  return <canvas ref={ref} data-mark="plane" data-points={points.wi.length} aria-hidden="true" style={{ position: 'absolute', width, height, pointerEvents: 'none' }} />;
}

export function CriterionPlane({ round, layers, layer, onLayerChange, criterion, maxPoints = 20_000, height = 420, hidden, noWeights }: CriterionPlaneProps) {
  const size = useSize();
  const [url, setUrl] = useState<string | null>(null);
  const snap = layers?.find((l) => l.name === layer) ?? layers?.[0] ?? null;
  const final = snap?.final;
  const points = useMemo(() => (snap && final ? planePoints({ ...snap, final }, maxPoints) : null), [snap, final, maxPoints]);

  const title = `w_i vs w_f${round !== null ? ` — round ${round}` : ''}${snap ? `, ${snap.name}` : ''}`;
  const subtitle = `Each weight that trained this round: its value at the rewind point (w_i) across, after training (w_f) up; coloured by what the criterion “${criterion}” does next (${CRITERION[criterion].line}).`;
  const legend: LegendItem[] = [
    { label: 'Kept next round', color: KEPT_COLOR, shape: 'square' },
    { label: 'Pruned next round', color: PRUNED_COLOR, shape: 'square' },
    { label: 'w_f = w_i', color: '#111827', shape: 'line', dash: '5 4' },
  ];
  const controls = <LayerSelect layers={layers} value={snap?.name ?? ''} onChange={onLayerChange} control="plane-layer" />;
  const empty = !snap
    ? noWeights
      ? noWeightsMessage('the (w_i, w_f) plane')
      : 'The (w_i, w_f) plane appears when the first round finishes training.'
    : !points
      ? `Round ${round}'s trained weights were dropped to keep the page's memory bounded.`
      : undefined;

  const { fontPx, width } = size;
  const m = chartMargins(fontPx);
  const side = Math.max(80, Math.min(width - m.left - m.right, height - m.top - m.bottom));
  const xs = useMemo(() => scaleLinear().domain(sym(points?.extentInit)).range([0, side]).nice(), [points, side]);
  const ys = useMemo(() => scaleLinear().domain(sym(points?.extentFinal)).range([side, 0]).nice(), [points, side]);

  let body = null;
  if (points && snap) {
    const [x0, x1] = xs.domain();
    const lo = Math.max(x0, ys.domain()[0]);
    const hi = Math.min(x1, ys.domain()[1]);
    const pruned = points.survivors - points.keptCount;
    body = (
      <div style={{ position: 'relative' }}>
        <svg className="chart-svg" width={width} height={side + m.top + m.bottom} role="img" aria-label={title}>
          <g transform={`translate(${m.left},${m.top})`}>
            {url && <image href={url} x={0} y={0} width={side} height={side} preserveAspectRatio="none" />}
            <rect width={side} height={side} fill="none" stroke="#9ca3af" strokeWidth={0.5} />
            <line x1={xs(0)} x2={xs(0)} y1={0} y2={side} stroke="#9ca3af" strokeWidth={0.8} />
            <line x1={0} x2={side} y1={ys(0)} y2={ys(0)} stroke="#9ca3af" strokeWidth={0.8} />
            <line data-mark="diagonal" x1={xs(lo)} y1={ys(lo)} x2={xs(hi)} y2={ys(hi)} stroke="#111827" strokeWidth={1.2} strokeDasharray="5 4" />
            <Axis scale={ys} orient="left" numTicks={5} tickFormat={fmtWeight} fontPx={fontPx} label="w_f (after training)" />
            <Axis scale={xs} orient="bottom" top={side} numTicks={5} tickFormat={fmtWeight} fontPx={fontPx} label="w_i (at the rewind point)" />
          </g>
        </svg>
        <div style={{ position: 'absolute', left: m.left, top: m.top }}>
          <PointsCanvas points={points} width={side} height={side} x={xs} y={ys} onDrawn={setUrl} />
        </div>
        <p style={{ margin: '0.3em 0 0', fontSize: CHART_FONT, color: 'var(--chart-muted)' }} data-stats="plane">
          {points.split ? `${fmtCount(points.keptCount)} kept · ${fmtCount(pruned)} pruned next round` : 'last round: nothing is pruned after it'} · drawn{' '}
          {points.wi.length < points.survivors ? `every ${Math.ceil(points.survivors / points.wi.length)}th of ${fmtCount(points.survivors)} weights (${fmtCount(points.wi.length)} points)` : `all ${fmtCount(points.survivors)} weights`}
        </p>
      </div>
    );
  }

  return (
    <ChartCard id="criterion-plane" title={title} subtitle={subtitle} legend={legend} hidden={hidden} controls={controls} emptyMessage={empty} size={size} height={height}>
      {body}
    </ChartCard>
  );
}

/** A symmetric domain [-e, e] (e > 0). */
function sym(e: number | undefined): [number, number] {
  const v = e && e > 0 && Number.isFinite(e) ? e : 1;
  return [-v, v];
}
