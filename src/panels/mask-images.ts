// Pure pixel functions for the mask views: block-averaged mask heatmaps and the first layer's
// per-unit 28x28 masks, as RGBA bytes (the layout of ImageData). The components only copy these
// bytes onto a canvas, so every pixel here can be checked in Node.
import { color as d3color, interpolateRgb } from 'd3';
import { KEPT_COLOR, PRUNED_COLOR } from './theme';
import { matrixShape } from '../analysis/counts';

export { matrixShape };

export type RGBA = [number, number, number, number];

export function parseColor(c: string): RGBA {
  const rgb = d3color(c)?.rgb();
  if (!rgb) return [0, 0, 0, 255];
  return [Math.round(rgb.r), Math.round(rgb.g), Math.round(rgb.b), 255];
}

/** A pruned connection: a light grey that still reads as "gone" on a projector. */
export const EMPTY_COLOR = '#eef0f3';
/** Gaps between unit images. */
export const GAP_COLOR = '#ffffff';

/** 256-entry colour ramp from `from` (fraction 0) to `to` (fraction 1), as packed RGBA bytes. */
export function colorRamp(from = EMPTY_COLOR, to = KEPT_COLOR, steps = 256): Uint8ClampedArray {
  const interp = interpolateRgb(from, to);
  const lut = new Uint8ClampedArray(steps * 4);
  for (let s = 0; s < steps; s++) {
    const [r, g, b] = parseColor(interp(steps === 1 ? 1 : s / (steps - 1)));
    lut.set([r, g, b, 255], s * 4);
  }
  return lut;
}

/** A row-major grid of fractions: value (r, c) at r * cols + c. */
export interface Grid {
  rows: number;
  cols: number;
  /** Rows / cols of the source matrix in one grid cell (edge cells may hold fewer). */
  blockRows: number;
  blockCols: number;
  values: Float32Array;
}

/**
 * Averages a row-major rows x cols matrix into blocks so the result is at most maxRows x maxCols.
 * Each cell is the mean of the source entries it covers (edge blocks average only what they hold),
 * so for a 0/1 mask a cell is the fraction of connections kept there.
 */
export function blockAverage(m: ArrayLike<number>, rows: number, cols: number, maxRows: number, maxCols: number): Grid {
  const blockRows = Math.max(1, Math.ceil(rows / Math.max(1, maxRows)));
  const blockCols = Math.max(1, Math.ceil(cols / Math.max(1, maxCols)));
  const gr = Math.ceil(rows / blockRows);
  const gc = Math.ceil(cols / blockCols);
  const sums = new Float64Array(gr * gc);
  for (let r = 0; r < rows; r++) {
    const base = ((r / blockRows) | 0) * gc;
    const off = r * cols;
    for (let c = 0; c < cols; c++) sums[base + ((c / blockCols) | 0)] += m[off + c];
  }
  const values = new Float32Array(gr * gc);
  for (let i = 0; i < gr; i++) {
    const h = Math.min(blockRows, rows - i * blockRows);
    for (let j = 0; j < gc; j++) {
      const w = Math.min(blockCols, cols - j * blockCols);
      values[i * gc + j] = sums[i * gc + j] / (h * w);
    }
  }
  return { rows: gr, cols: gc, blockRows, blockCols, values };
}

/** Pixels of an image: width x height, RGBA bytes row by row. */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/**
 * A grid as an image through a colour ramp (fraction 0 -> ramp start, 1 -> ramp end). With
 * `transpose`, grid rows run along x (the heatmap shows inputs across, outputs down).
 */
export function gridPixels(grid: Grid, ramp: Uint8ClampedArray = colorRamp(), transpose = true): Pixels {
  const width = transpose ? grid.rows : grid.cols;
  const height = transpose ? grid.cols : grid.rows;
  const data = new Uint8ClampedArray(width * height * 4);
  const top = ramp.length / 4 - 1;
  for (let r = 0; r < grid.rows; r++) {
    for (let c = 0; c < grid.cols; c++) {
      const v = grid.values[r * grid.cols + c];
      const s = Math.round((v < 0 ? 0 : v > 1 ? 1 : v) * top) * 4;
      const p = (transpose ? c * width + r : r * width + c) * 4;
      data[p] = ramp[s];
      data[p + 1] = ramp[s + 1];
      data[p + 2] = ramp[s + 2];
      data[p + 3] = ramp[s + 3];
    }
  }
  return { width, height, data };
}

/** Side x side of a square image input of n pixels (784 -> 28), or null. */
export function squareSide(n: number): number | null {
  const s = Math.round(Math.sqrt(n));
  return s * s === n && s > 1 ? s : null;
}

export interface UnitGridOptions {
  /** Image rows and cols of the input (28 x 28 for MNIST). */
  imageH: number;
  imageW: number;
  /** How many hidden units (from unit 0) and how many per grid row. */
  units: number;
  columns: number;
  /** Pixels between unit images. */
  gap?: number;
  kept?: string;
  pruned?: string;
  /** Kept this round but removed by `nextMask` (the next to go). */
  next?: string;
  gapColor?: string;
}

export interface UnitGridPixels extends Pixels {
  units: number;
  columns: number;
  gridRows: number;
  /** Top-left pixel of unit u: x = (u % columns) * cell, y = floor(u / columns) * cellH. */
  cellW: number;
  cellH: number;
}

/**
 * The first layer's incoming masks, one small image per hidden unit: pixel (y, x) of unit u is
 * connection (y * imageW + x, u) of the [imageH imageW, H] mask, i.e. mask[(y imageW + x) H + u].
 * Kept -> `kept`; pruned -> `pruned`; with `nextMask`, kept now but pruned next -> `next`.
 */
export function unitMaskPixels(mask: ArrayLike<number>, hidden: number, opts: UnitGridOptions, nextMask?: ArrayLike<number>): UnitGridPixels {
  const { imageH, imageW, columns } = opts;
  const gap = opts.gap ?? 1;
  const units = Math.max(0, Math.min(opts.units, hidden));
  const gridRows = Math.ceil(units / Math.max(1, columns));
  const cellW = imageW + gap;
  const cellH = imageH + gap;
  const width = Math.max(0, columns * cellW - gap);
  const height = Math.max(0, gridRows * cellH - gap);
  const data = new Uint8ClampedArray(width * height * 4);
  const kept = parseColor(opts.kept ?? KEPT_COLOR);
  const pruned = parseColor(opts.pruned ?? EMPTY_COLOR);
  const next = parseColor(opts.next ?? PRUNED_COLOR);
  const gapC = parseColor(opts.gapColor ?? GAP_COLOR);
  for (let p = 0; p < data.length; p += 4) data.set(gapC, p);
  for (let u = 0; u < units; u++) {
    const x0 = (u % columns) * cellW;
    const y0 = Math.floor(u / columns) * cellH;
    for (let y = 0; y < imageH; y++) {
      for (let x = 0; x < imageW; x++) {
        const i = (y * imageW + x) * hidden + u;
        const c = !mask[i] ? pruned : nextMask && !nextMask[i] ? next : kept;
        data.set(c, ((y0 + y) * width + x0 + x) * 4);
      }
    }
  }
  return { width, height, data, units, columns, gridRows, cellW, cellH };
}

/**
 * Per input pixel, the fraction of hidden units still connected to it (an imageH x imageW grid):
 * where pruning removes inputs first (the empty MNIST border goes first).
 */
export function pixelKeptFraction(mask: ArrayLike<number>, hidden: number, imageH: number, imageW: number): Grid {
  const n = imageH * imageW;
  const values = new Float32Array(n);
  for (let p = 0; p < n; p++) {
    let s = 0;
    const off = p * hidden;
    for (let u = 0; u < hidden; u++) s += mask[off + u] ? 1 : 0;
    values[p] = hidden ? s / hidden : 0;
  }
  return { rows: imageH, cols: imageW, blockRows: 1, blockCols: 1, values };
}

/** Mean kept fraction of the outer `ring` pixels vs the rest: a number for "the border goes first". */
export function borderVsCentre(frac: Grid, ring = 4): { border: number; centre: number } {
  let b = 0;
  let nb = 0;
  let c = 0;
  let nc = 0;
  for (let y = 0; y < frac.rows; y++) {
    for (let x = 0; x < frac.cols; x++) {
      const v = frac.values[y * frac.cols + x];
      if (y < ring || x < ring || y >= frac.rows - ring || x >= frac.cols - ring) {
        b += v;
        nb++;
      } else {
        c += v;
        nc++;
      }
    }
  }
  return { border: nb ? b / nb : 0, centre: nc ? c / nc : 0 };
}

export interface MaskStats {
  total: number;
  kept: number;
  density: number;
  rows: number;
  cols: number;
  /** Inputs (matrix rows) with no connection left. */
  emptyRows: number;
  /** Outputs (matrix columns) with no incoming connection left: dead units. */
  emptyCols: number;
}

/** Kept count and fully disconnected rows / columns of a row-major rows x cols mask. */
export function maskStats(mask: ArrayLike<number>, rows: number, cols: number): MaskStats {
  const colKept = new Uint32Array(cols);
  let kept = 0;
  let emptyRows = 0;
  for (let r = 0; r < rows; r++) {
    let rk = 0;
    const off = r * cols;
    for (let c = 0; c < cols; c++) {
      if (mask[off + c]) {
        rk++;
        colKept[c]++;
      }
    }
    kept += rk;
    if (rk === 0) emptyRows++;
  }
  let emptyCols = 0;
  for (let c = 0; c < cols; c++) if (colKept[c] === 0) emptyCols++;
  const total = rows * cols;
  return { total, kept, density: total ? kept / total : 0, rows, cols, emptyRows, emptyCols };
}
