// How wide a line of chart text is, estimated from its length (no layout pass: panels choose the
// words before drawing them), and the longest of several versions of a line that fits a width.

/** An average character of the chart font, in em: regular text, and bold (a little wider). */
const CHAR_EM = { regular: 0.56, bold: 0.6 } as const;
export type TextWeight = keyof typeof CHAR_EM;

/** Estimated width in px of the widest of `lines` at `fontPx`. */
export const textWidth = (lines: string | readonly string[], fontPx: number, weight: TextWeight = 'regular'): number =>
  Math.max(0, ...(typeof lines === 'string' ? [lines] : lines).map((l) => l.length)) * fontPx * CHAR_EM[weight];

/** The first version (longest first) whose estimated width fits `room` px; else the last (shortest). */
export function fitText(versions: readonly string[], room: number, fontPx: number, weight: TextWeight = 'regular'): string {
  return versions.find((v) => textWidth(v, fontPx, weight) <= room) ?? versions[versions.length - 1];
}
