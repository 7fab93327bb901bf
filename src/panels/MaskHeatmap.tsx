// Every layer's mask in the selected round as an image (inputs across, outputs down). A layer
// larger than the space is averaged into blocks, so a pixel's colour is the fraction of the
// weights under it that are kept. Pixels come from mask-images.ts (pure); this file only copies
// them onto canvases, and into the chart's SVG as <image>s so the card's SVG / PNG export has them.
import { format, scaleLinear } from 'd3';
import { percent } from '../analysis/format';
import { useEffect, useId, useMemo, useRef, useState, type PointerEvent } from 'react';
import type { LayerSnapshot } from '../engine/events';
import { Axis, chartMargins } from './common/Axis';
import { noWeightsMessage } from './common/no-weights';
import { ChartCard } from './common/ChartCard';
import type { LegendItem } from './common/Legend';
import { fitText } from './common/text-fit';
import { Tooltip } from './common/Tooltip';
import { useSize } from './common/useSize';
import {
  EMPTY_COLOR,
  blockAverage,
  colorRamp,
  gridPixels,
  maskStats,
  matrixShape,
  type Grid,
  type MaskStats,
  type Pixels,
} from './mask-images';
import { CHART_FONT, KEPT_COLOR } from './theme';

const RAMP = colorRamp();
const fmtCount = format(',d');
const fmtPct = (x: number) => percent(x, 1);

export interface PixelCanvasProps {
  pixels: Pixels;
  /** Position and display size inside the positioned parent, in CSS px. */
  left: number;
  top: number;
  width: number;
  height: number;
  /** The canvas' data-mark (browser tests count these). */
  mark: string;
  label: string;
  /** Called with a PNG data URL of the pixels after each draw (for the SVG export). */
  onDrawn?: (url: string) => void;
  onPointerMove?: (e: PointerEvent<HTMLCanvasElement>) => void;
  onPointerLeave?: () => void;
  data?: Record<string, string | number>;
}

/** A canvas showing `pixels` scaled to width x height with crisp (nearest-neighbour) pixels. */
export function PixelCanvas({ pixels, left, top, width, height, mark, label, onDrawn, onPointerMove, onPointerLeave, data }: PixelCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const drawn = useRef(onDrawn);
  drawn.current = onDrawn;
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || pixels.width === 0 || pixels.height === 0) return;
    canvas.width = pixels.width;
    canvas.height = pixels.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(pixels.data, pixels.width, pixels.height), 0, 0);
    drawn.current?.(canvas.toDataURL('image/png'));
  }, [pixels]);
  const attrs: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(data ?? {})) attrs[`data-${k}`] = v;
  return (
    <canvas
      ref={ref}
      data-mark={mark}
      {...attrs}
      role="img"
      aria-label={label}
      width={pixels.width}
      height={pixels.height}
      onPointerMove={onPointerMove}
      onPointerLeave={onPointerLeave}
      style={{ position: 'absolute', left, top, width, height, imageRendering: 'pixelated' }}
    />
  );
}

export interface MaskHeatmapProps {
  /** Card id; default "mask-heatmap". */
  id?: string;
  /** The selected round (for the title); null before any snapshot. */
  round: number | null;
  /** That round's snapshot of every layer; null or empty before one arrives. */
  layers: readonly LayerSnapshot[] | null;
  /** Largest image height per layer in px; default 220. */
  maxImageHeight?: number;
  /** The results on screen carry no weights (imported): say so instead of waiting for a round. */
  noWeights?: boolean;
  hidden?: boolean;
}

interface LayerView {
  name: string;
  kind: 'dense' | 'conv';
  rows: number;
  cols: number;
  grid: Grid;
  pixels: Pixels;
  stats: MaskStats;
  /** Display scale (CSS px per grid cell, across and down) and the image's box in the SVG. */
  sx: number;
  sy: number;
  w: number;
  h: number;
  top: number;
  /** The left edge of the layer's column. */
  x: number;
}

/** Columns of layers: as many as the card holds at ~20 characters each (a projector's wide card), at most one per layer. */
export const maskColumns = (width: number, fontPx: number, layers: number) => Math.max(1, Math.min(layers, Math.floor(width / (fontPx * 20))));

export function MaskHeatmap({ id = 'mask-heatmap', round, layers, maxImageHeight = 220, hidden, noWeights }: MaskHeatmapProps) {
  const size = useSize();
  const gradId = `mask-ramp-${useId().replace(/[^\w-]/g, '')}`;
  const [useNext, setUseNext] = useState(false);
  const [urls, setUrls] = useState<Record<string, string>>({});
  const [hover, setHover] = useState<{ layer: number; cx: number; cy: number; x: number; y: number } | null>(null);
  const { fontPx, width } = size;
  const m = chartMargins(fontPx);
  const columns = maskColumns(width, fontPx, layers?.length ?? 0);
  const colW = width / columns;
  const innerW = Math.max(40, colW - m.left - m.right);
  const hasNext = !!layers?.length && layers.every((l) => l.nextMask);
  const showNext = useNext && hasNext;

  const lineH = Math.round(fontPx * 1.45);
  // Room for a line of text beside the axis, and the longest of its versions that fits (large text, narrow cards).
  const room = Math.max(0, colW - m.left - m.right);
  const fitting = (...versions: string[]) => fitText(versions, room, fontPx);
  // The colour ramp shrinks before its labels would leave the card.
  const rampW = Math.max(fontPx * 3, Math.min(fontPx * 10, width - m.left - m.right - fontPx * 13.6));
  const axisH = Math.round(fontPx * 3.3 + 12);
  const legendH = Math.round(fontPx * 2.4);

  const views = useMemo(() => {
    const out: LayerView[] = [];
    // Layers fill a row of columns, then the next row starts below the row's tallest.
    let rowTop = m.top + legendH;
    let rowBottom = rowTop;
    for (const [i, l] of (layers ?? []).entries()) {
      if (i > 0 && i % columns === 0) rowTop = rowBottom;
      const mask = showNext && l.nextMask ? l.nextMask : l.mask;
      const { rows, cols } = matrixShape(l.shape);
      // Image x = inputs (matrix rows), y = outputs (matrix cols): at most one cell per CSS px.
      const grid = blockAverage(mask, rows, cols, Math.floor(innerW), maxImageHeight);
      const pixels = gridPixels(grid, RAMP, true);
      // Square cells where possible; a very thin layer (few inputs or few outputs) is stretched
      // to a readable minimum size instead.
      const scale = Math.min(innerW / pixels.width, maxImageHeight / pixels.height, 16);
      const sx = Math.min(Math.max(scale, Math.min(innerW, fontPx * 10) / pixels.width), 32);
      const sy = Math.min(Math.max(scale, Math.min(maxImageHeight, fontPx * 5) / pixels.height), 32);
      const w = Math.max(1, Math.round(pixels.width * sx));
      const h = Math.max(1, Math.round(pixels.height * sy));
      const top = rowTop + 2 * lineH;
      out.push({ name: l.name, kind: l.kind, rows, cols, grid, pixels, stats: maskStats(mask, rows, cols), sx, sy, w, h, top, x: (i % columns) * colW });
      rowBottom = Math.max(rowBottom, top + h + axisH + Math.round(fontPx * 0.8));
    }
    // The last row's gap is not needed below it: the chart ends at its axis title.
    return { list: out, height: rowBottom - Math.round(fontPx * 0.8) + Math.round(fontPx * 0.4) };
  }, [layers, showNext, innerW, colW, columns, maxImageHeight, lineH, axisH, legendH, m.top, m.bottom, fontPx]);

  const title = `Masks${round !== null ? ` — round ${round}` : ''}${showNext ? ' (next round)' : ''}`;
  const subtitle = 'Each layer as inputs × outputs; colour = fraction of connections kept (blocks averaged when the layer is bigger than the image).';
  const legend: LegendItem[] = [
    { label: 'Kept', color: KEPT_COLOR, shape: 'square' },
    { label: 'Pruned', color: EMPTY_COLOR, shape: 'square' },
  ];
  const controls = hasNext ? (
    <label title="Show the mask the next round will train under (this round's pruning applied)">
      <input type="checkbox" checked={useNext} onChange={(e) => setUseNext(e.target.checked)} />
      next round's mask
    </label>
  ) : null;
  const empty = !layers || layers.length === 0 ? (noWeights ? noWeightsMessage('the masks') : 'Masks appear when the first round finishes training.') : undefined;

  const hv = hover && views.list[hover.layer] ? { ...hover, v: views.list[hover.layer] } : null;
  const hoverInfo = hv
    ? (() => {
        const { grid, rows, cols } = hv.v;
        const r0 = hv.cx * grid.blockRows;
        const c0 = hv.cy * grid.blockCols;
        const r1 = Math.min(rows, r0 + grid.blockRows) - 1;
        const c1 = Math.min(cols, c0 + grid.blockCols) - 1;
        const frac = grid.values[hv.cx * grid.cols + hv.cy];
        const range = (a: number, b: number) => (a === b ? `${a}` : `${a}–${b}`);
        return {
          title: hv.v.name,
          rows: [
            { label: hv.v.kind === 'conv' ? 'Inputs (kh·kw·cin)' : 'Inputs', value: range(r0, r1) },
            { label: 'Outputs', value: range(c0, c1) },
            { label: 'Kept', value: fmtPct(frac), color: KEPT_COLOR },
          ],
        };
      })()
    : null;

  return (
    <ChartCard id={id} title={title} subtitle={subtitle} legend={legend} hidden={hidden} controls={controls} emptyMessage={empty} size={size}>
      {!empty && (
        <div style={{ position: 'relative' }}>
          <svg className="chart-svg" width={width} height={views.height} role="img" aria-label={title}>
            <defs>
              <linearGradient id={gradId}>
                <stop offset="0%" stopColor={EMPTY_COLOR} />
                <stop offset="100%" stopColor={KEPT_COLOR} />
              </linearGradient>
            </defs>
            <g transform={`translate(${m.left},${m.top})`} data-legend-ramp="">
              <text y={fontPx * 0.9} style={{ fontSize: CHART_FONT }} className="chart-annotation">
                fraction kept
              </text>
              <text x={fontPx * 10.2} y={fontPx * 0.9} textAnchor="end" style={{ fontSize: CHART_FONT }}>
                0%
              </text>
              <rect x={fontPx * 10.6} y={0} width={rampW} height={fontPx} fill={`url(#${gradId})`} stroke="#9ca3af" strokeWidth={0.5} />
              <text x={fontPx * 11.1 + rampW} y={fontPx * 0.9} style={{ fontSize: CHART_FONT }}>
                100%
              </text>
            </g>
            {views.list.map((v) => {
              const x = scaleLinear().domain([0, v.rows]).range([0, v.w]);
              const y = scaleLinear().domain([0, v.cols]).range([0, v.h]);
              const inputs = v.kind === 'conv' ? 'inputs (kh·kw·cin)' : 'inputs';
              const block = v.grid.blockRows > 1 || v.grid.blockCols > 1 ? ` · pixel = mean of ${v.grid.blockRows}×${v.grid.blockCols}` : '';
              return (
                <g key={v.name} transform={`translate(${v.x + m.left},0)`} data-layer={v.name}>
                  <text y={v.top - lineH - fontPx * 0.35} style={{ fontSize: CHART_FONT, fontWeight: 600 }}>
                    {fitting(`${v.name}: ${fmtPct(v.stats.density)} kept (${fmtCount(v.stats.kept)} of ${fmtCount(v.stats.total)})`, `${v.name}: ${fmtPct(v.stats.density)} kept`)}
                  </text>
                  <text y={v.top - fontPx * 0.45} style={{ fontSize: CHART_FONT }} className="chart-annotation" data-stats={v.name}>
                    <title>{`${fmtCount(v.rows)} ${inputs} × ${fmtCount(v.cols)} outputs${block} · unconnected: ${fmtCount(v.stats.emptyRows)} inputs, ${fmtCount(v.stats.emptyCols)} outputs`}</title>
                    {fitting(
                      `${fmtCount(v.rows)} ${inputs} × ${fmtCount(v.cols)} outputs${block} · unconnected: ${fmtCount(v.stats.emptyRows)} inputs, ${fmtCount(v.stats.emptyCols)} outputs`,
                      `${fmtCount(v.rows)} ${inputs} × ${fmtCount(v.cols)} outputs · unconnected: ${fmtCount(v.stats.emptyRows)} in, ${fmtCount(v.stats.emptyCols)} out`,
                      `${fmtCount(v.rows)} × ${fmtCount(v.cols)} · unconnected ${fmtCount(v.stats.emptyRows)} / ${fmtCount(v.stats.emptyCols)}`,
                      `${fmtCount(v.rows)} × ${fmtCount(v.cols)}`,
                    )}
                  </text>
                  {urls[v.name] && (
                    <image
                      href={urls[v.name]}
                      x={0}
                      y={v.top}
                      width={v.w}
                      height={v.h}
                      preserveAspectRatio="none"
                      style={{ imageRendering: 'pixelated' }}
                    />
                  )}
                  <rect x={0} y={v.top} width={v.w} height={v.h} fill="none" stroke="#9ca3af" strokeWidth={0.5} />
                  <Axis scale={y} orient="left" top={v.top} numTicks={Math.max(2, Math.floor(v.h / (fontPx * 3)))} tickFormat={format('d')} fontPx={fontPx} label={v.h >= fontPx * 5 ? 'outputs' : undefined} />
                  <Axis
                    scale={x}
                    orient="bottom"
                    top={v.top + v.h}
                    numTicks={Math.max(2, Math.floor(v.w / (fontPx * 6)))}
                    tickFormat={format('d')}
                    fontPx={fontPx}
                    label={`${inputs} →${v.h < fontPx * 5 ? '  (outputs ↓)' : ''}`}
                  />
                </g>
              );
            })}
          </svg>
          {views.list.map((v, i) => (
            <PixelCanvas
              key={v.name}
              pixels={v.pixels}
              left={v.x + m.left}
              top={v.top}
              width={v.w}
              height={v.h}
              mark="heatmap"
              label={`${v.name} mask`}
              data={{ layer: v.name, density: v.stats.density.toFixed(4) }}
              onDrawn={(url) => setUrls((u) => (u[v.name] === url ? u : { ...u, [v.name]: url }))}
              onPointerMove={(e) => {
                const r = e.currentTarget.getBoundingClientRect();
                const px = e.clientX - r.left;
                const py = e.clientY - r.top;
                const cx = Math.min(v.pixels.width - 1, Math.max(0, Math.floor(px / v.sx)));
                const cy = Math.min(v.pixels.height - 1, Math.max(0, Math.floor(py / v.sy)));
                setHover({ layer: i, cx, cy, x: v.x + m.left + px, y: v.top + py });
              }}
              onPointerLeave={() => setHover(null)}
            />
          ))}
          {hv && hoverInfo && <Tooltip x={hv.x} y={hv.y} containerWidth={width} title={hoverInfo.title} rows={hoverInfo.rows} />}
        </div>
      )}
    </ChartCard>
  );
}
