// Where the first-layer panel draws its two images: the grid of unit masks and the per-pixel
// "units still connected" image with its lines of text, side by side or stacked, whichever draws
// the units larger within the card's width and a screen's height (large text on a 768 px
// projector must not push the grid below the screen). Pure: FirstLayerMasks.tsx only places.

import { textWidth } from './common/text-fit';

/** The texts of the per-pixel column, each in two halves: one line (joined by a space) or, where narrow, two. */
export interface ColumnTexts {
  heading: readonly [string, string];
  stats: readonly [string, string];
  ramp: readonly [string, string];
}

const joined = ([a, b]: readonly [string, string]) => `${a} ${b}`;

export interface FirstLayerLayoutInput {
  /** The card's drawing width and its chart font, in CSS px. */
  width: number;
  fontPx: number;
  /** The window's height: the panel's body stays within it, less the card's header. */
  screenH: number;
  /** The unit grid's and the input image's size in pixels (one per input pixel, plus gaps). */
  gridW: number;
  gridH: number;
  imageW: number;
  imageH: number;
  /** Largest screen px per grid pixel. */
  maxScale: number;
  texts: ColumnTexts;
}

export interface FirstLayerLayout {
  side: boolean;
  /** Screen px per grid pixel, and the grid's box. */
  scale: number;
  gridTop: number;
  gridW: number;
  gridH: number;
  /** The per-pixel image's box. */
  fracLeft: number;
  fracTop: number;
  fracW: number;
  fracH: number;
  /** The lines of text of the per-pixel column, at their baselines. */
  heading: { text: string; y: number }[];
  below: { text: string; y: number; stats: boolean }[];
  svgH: number;
}

/** The smallest scale the grid is drawn at. */
const MIN_SCALE = 0.5;

/** One line of each text where `room` allows, else its two-line version. */
function columnLines(texts: ColumnTexts, room: number, fontPx: number) {
  const pick = (halves: readonly [string, string]) => (textWidth(joined(halves), fontPx) <= room ? [joined(halves)] : [...halves]);
  return { heading: pick(texts.heading), stats: pick(texts.stats), ramp: pick(texts.ramp) };
}

export function firstLayerLayout(input: FirstLayerLayoutInput): FirstLayerLayout {
  const { width, fontPx, screenH, gridW, gridH, imageW, imageH, maxScale, texts } = input;
  const lineH = Math.round(fontPx * 1.3);
  const gap = Math.round(fontPx * 2);
  const top = Math.round(fontPx * 1.6);
  const bottomPad = Math.round(fontPx * 0.8);
  // The card's title, subtitle, legend and padding take about this much above the body.
  const budget = Math.max(fontPx * 16, screenH - fontPx * 9 - 60);
  const fracScale = Math.max(2, Math.round((fontPx * 11) / imageW));
  const fracW = imageW * fracScale;
  const fracH = imageH * fracScale;
  // The column's width: its image, and its text on as few lines as fit beside the grid.
  const oneLine = Math.max(fracW, textWidth([texts.heading, texts.stats, texts.ramp].map(joined), fontPx));
  const twoLines = Math.max(fracW, textWidth([...texts.heading, ...texts.stats, ...texts.ramp], fontPx));
  const sideScale = (col: number) => Math.min(maxScale, (width - gap - col) / gridW, (budget - top - bottomPad) / gridH);
  const col = sideScale(oneLine) >= sideScale(twoLines) * 0.9 ? oneLine : twoLines;
  const sideS = sideScale(col);

  const stackedLines = columnLines(texts, width, fontPx);
  const columnH = (lines: ReturnType<typeof columnLines>) => lines.heading.length * lineH + fracH + (lines.stats.length + lines.ramp.length) * lineH + Math.round(fontPx * 0.6);
  const stackedS = Math.min(maxScale, (width - 2) / gridW, (budget - top - gap - columnH(stackedLines) - bottomPad) / gridH);

  const side = sideS >= stackedS;
  const scale = Math.max(MIN_SCALE, side ? sideS : stackedS);
  const gw = gridW * scale;
  const gh = gridH * scale;
  const lines = side ? columnLines(texts, col, fontPx) : stackedLines;
  const fracLeft = side ? gw + gap : 0;
  const headingTop = side ? 0 : top + gh + gap;
  const heading = lines.heading.map((text, i) => ({ text, y: headingTop + (i + 1) * lineH - fontPx * 0.35 }));
  const fracTop = headingTop + lines.heading.length * lineH + Math.round(fontPx * 0.3);
  const below = [...lines.stats.map((text) => ({ text, stats: true })), ...lines.ramp.map((text) => ({ text, stats: false }))].map((l, i) => ({
    ...l,
    y: fracTop + fracH + (i + 1) * lineH,
  }));
  const columnBottom = below.length ? below[below.length - 1].y + fontPx * 0.4 : fracTop + fracH;
  return {
    side,
    scale,
    gridTop: top,
    gridW: gw,
    gridH: gh,
    fracLeft,
    fracTop,
    fracW,
    fracH,
    heading,
    below,
    svgH: Math.ceil(Math.max(top + gh, columnBottom) + bottomPad),
  };
}

