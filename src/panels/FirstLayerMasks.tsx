// The first layer of an MLP on images: each hidden unit's incoming mask drawn as the input image
// (28 x 28 for MNIST / Fashion-MNIST), so one sees which pixels lose their connections first
// (the always-black border goes first). Next to it, per pixel, the fraction of units still
// connected. Pixels come from mask-images.ts (pure); canvases only copy them.
import { format } from 'd3';
import { useMemo, useState } from 'react';
import type { LayerSnapshot } from '../engine/events';
import { ChartCard } from './common/ChartCard';
import type { LegendItem } from './common/Legend';
import { Tooltip } from './common/Tooltip';
import { useSize } from './common/useSize';
import { firstLayerLayout } from './first-layer-layout';
import { PixelCanvas } from './MaskHeatmap';
import {
  EMPTY_COLOR,
  borderVsCentre,
  colorRamp,
  gridPixels,
  pixelKeptFraction,
  squareSide,
  unitMaskPixels,
} from './mask-images';
import { CHART_FONT, KEPT_COLOR, PRUNED_COLOR } from './theme';

const RAMP = colorRamp();
const fmtPct = format('.0%');
const fmtCount = format(',d');

export interface FirstLayerMasksProps {
  /** Card id; default "first-layer-masks". */
  id?: string;
  /** The selected round (for the title); null before any snapshot. */
  round: number | null;
  /** That round's snapshot of every layer (the first one is drawn); null before one arrives. */
  layers: readonly LayerSnapshot[] | null;
  /** Input image [height, width]; default: square, from the first layer's input count (784 -> 28 x 28). */
  imageShape?: [number, number];
  /** How many hidden units to draw (from unit 0); default 100. */
  units?: number;
  /** Unit images per row; default 10. */
  columns?: number;
  /** Screen px per input pixel; default 2 (shrinks to fit a narrow card). */
  scale?: number;
  hidden?: boolean;
}

/** The first layer's [H, W] image shape and hidden size, or why it cannot be drawn. */
export function firstLayerImage(layer: LayerSnapshot | undefined, imageShape?: [number, number]): { h: number; w: number; hidden: number } | string {
  if (!layer) return 'Unit masks appear when the first round finishes training.';
  if (layer.kind !== 'dense' || layer.shape.length !== 2)
    return `Unit masks need a fully-connected first layer on image inputs (this model starts with a ${layer.kind} layer ${layer.shape.join('×')}).`;
  const [nIn, hidden] = layer.shape;
  if (imageShape && imageShape[0] * imageShape[1] === nIn) return { h: imageShape[0], w: imageShape[1], hidden };
  const s = squareSide(nIn);
  if (!s) return `Unit masks need image inputs (this first layer has ${nIn} inputs, not a square image).`;
  return { h: s, w: s, hidden };
}

export function FirstLayerMasks({
  id = 'first-layer-masks',
  round,
  layers,
  imageShape,
  units = 100,
  columns = 10,
  scale = 2,
  hidden,
}: FirstLayerMasksProps) {
  const size = useSize();
  const [urls, setUrls] = useState<{ grid?: string; frac?: string }>({});
  const [hover, setHover] = useState<{ unit: number; py: number; px: number; x: number; y: number } | null>(null);
  const layer = layers?.[0];
  const ih = imageShape?.[0];
  const iw = imageShape?.[1];
  const shape = firstLayerImage(layer, ih && iw ? [ih, iw] : undefined);
  const ok = typeof shape !== 'string';

  const data = useMemo(() => {
    const shape = firstLayerImage(layer, ih && iw ? [ih, iw] : undefined);
    if (!layer || typeof shape === 'string') return null;
    const n = Math.min(units, shape.hidden);
    const cols = Math.max(1, Math.min(columns, n));
    const grid = unitMaskPixels(layer.mask, shape.hidden, { imageH: shape.h, imageW: shape.w, units: n, columns: cols, gap: 1 }, layer.nextMask);
    const frac = pixelKeptFraction(layer.mask, shape.hidden, shape.h, shape.w);
    const fracPixels = gridPixels(frac, RAMP, false);
    const perUnit = new Uint32Array(n);
    const nIn = shape.h * shape.w;
    for (let p = 0; p < nIn; p++) for (let u = 0; u < n; u++) perUnit[u] += layer.mask[p * shape.hidden + u] ? 1 : 0;
    return { n, grid, frac, fracPixels, perUnit, ring: borderVsCentre(frac, Math.max(1, Math.round(shape.h / 7))) };
  }, [layer, ih, iw, units, columns]);

  const title = `First-layer masks per unit${round !== null ? ` — round ${round}` : ''}`;
  const subtitle = 'Each small image is one hidden unit\'s incoming connections, laid out as the input image: which pixels lose their connections first.';
  const hasNext = !!layer?.nextMask;
  const legend: LegendItem[] = [
    { label: 'Connected', color: KEPT_COLOR, shape: 'square' },
    ...(hasNext ? [{ label: 'Pruned next round', color: PRUNED_COLOR, shape: 'square' as const }] : []),
    { label: 'Pruned', color: EMPTY_COLOR, shape: 'square' },
  ];
  const empty = !ok ? (shape as string) : undefined;

  let body = null;
  if (data && typeof shape !== 'string') {
    const { fontPx, width } = size;
    const bc = data.ring;
    const L = firstLayerLayout({
      width,
      fontPx,
      screenH: typeof window === 'undefined' ? 768 : window.innerHeight,
      gridW: data.grid.width,
      gridH: data.grid.height,
      imageW: shape.w,
      imageH: shape.h,
      maxScale: scale,
      texts: {
        heading: ['Units still connected,', 'per pixel'],
        stats: [`border ${fmtPct(bc.border)},`, `centre ${fmtPct(bc.centre)}`],
        ramp: ['white 0% → blue 100%', `of ${fmtCount(shape.hidden)} units`],
      },
    });
    const s = L.scale;
    const top = L.gridTop;
    body = (
      <div style={{ position: 'relative' }}>
        <svg className="chart-svg" width={width} height={L.svgH} role="img" aria-label={title} data-layout={L.side ? 'side' : 'stacked'}>
          <text y={top - fontPx * 0.5} style={{ fontSize: CHART_FONT, fontWeight: 600 }}>
            Units 0–{data.n - 1} of {fmtCount(shape.hidden)} ({shape.h}×{shape.w} inputs each)
          </text>
          {urls.grid && <image href={urls.grid} x={0} y={top} width={L.gridW} height={L.gridH} preserveAspectRatio="none" style={{ imageRendering: 'pixelated' }} />}
          {L.heading.map((l) => (
            <text key={l.text} x={L.fracLeft} y={l.y} style={{ fontSize: CHART_FONT, fontWeight: 600 }}>
              {l.text}
            </text>
          ))}
          {urls.frac && <image href={urls.frac} x={L.fracLeft} y={L.fracTop} width={L.fracW} height={L.fracH} preserveAspectRatio="none" style={{ imageRendering: 'pixelated' }} />}
          <rect x={L.fracLeft} y={L.fracTop} width={L.fracW} height={L.fracH} fill="none" stroke="#9ca3af" strokeWidth={0.5} />
          {L.below.map((l) => (
            <text key={l.text} x={L.fracLeft} y={l.y} style={{ fontSize: CHART_FONT }} className="chart-annotation" data-stats={l.stats ? 'border' : undefined}>
              {l.text}
            </text>
          ))}
        </svg>
        <PixelCanvas
          pixels={data.grid}
          left={0}
          top={top}
          width={L.gridW}
          height={L.gridH}
          mark="units"
          label={`Incoming masks of hidden units 0 to ${data.n - 1}`}
          data={{ units: data.n, layer: layer?.name ?? '' }}
          onDrawn={(url) => setUrls((u) => (u.grid === url ? u : { ...u, grid: url }))}
          onPointerMove={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            const gx = Math.floor((e.clientX - r.left) / s);
            const gy = Math.floor((e.clientY - r.top) / s);
            const col = Math.floor(gx / data.grid.cellW);
            const row = Math.floor(gy / data.grid.cellH);
            const px = gx - col * data.grid.cellW;
            const py = gy - row * data.grid.cellH;
            const unit = row * data.grid.columns + col;
            if (px >= shape.w || py >= shape.h || unit >= data.n || col >= data.grid.columns) return setHover(null);
            setHover({ unit, px, py, x: e.clientX - r.left, y: top + e.clientY - r.top });
          }}
          onPointerLeave={() => setHover(null)}
        />
        <PixelCanvas
          pixels={data.fracPixels}
          left={L.fracLeft}
          top={L.fracTop}
          width={L.fracW}
          height={L.fracH}
          mark="pixel-fraction"
          label="Fraction of hidden units connected to each input pixel"
          onDrawn={(url) => setUrls((u) => (u.frac === url ? u : { ...u, frac: url }))}
        />
        {hover && layer && (
          <Tooltip
            x={hover.x}
            y={hover.y}
            containerWidth={width}
            title={`Unit ${hover.unit}, pixel (row ${hover.py}, col ${hover.px})`}
            rows={(() => {
              const i = (hover.py * shape.w + hover.px) * shape.hidden + hover.unit;
              const state = !layer.mask[i] ? 'pruned' : layer.nextMask && !layer.nextMask[i] ? 'pruned next round' : 'connected';
              return [
                { label: 'Connection', value: state },
                { label: 'Unit keeps', value: `${fmtCount(data.perUnit[hover.unit])} of ${fmtCount(shape.h * shape.w)} inputs`, color: KEPT_COLOR },
                { label: 'Pixel kept by', value: fmtPct(data.frac.values[hover.py * shape.w + hover.px]) + ' of units' },
              ];
            })()}
          />
        )}
      </div>
    );
  }

  return (
    <ChartCard id={id} title={title} subtitle={subtitle} legend={ok ? legend : []} hidden={hidden} emptyMessage={empty} size={size}>
      {body}
    </ChartCard>
  );
}
