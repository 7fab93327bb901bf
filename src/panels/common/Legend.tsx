// Legend items shared by the cards (HTML) and the exported SVG (drawn by export-svg.ts).
import { createElement } from 'react';
import { Glossed } from '../../controls/Term';

export interface LegendItem {
  label: string;
  color: string;
  /** SVG stroke-dasharray for line items, e.g. "6 4". */
  dash?: string;
  /** How the swatch looks; default "line-point". */
  shape?: 'line' | 'point' | 'line-point' | 'square' | 'diamond' | 'band';
}

/** One SVG element of a swatch: its tag and attributes, as SVG names them (stroke-width). */
export interface SwatchShape {
  tag: 'line' | 'circle' | 'rect' | 'path';
  attrs: Record<string, string | number>;
}

/** The swatch as SVG elements in a 28 x 14 box: the page draws them as React elements, the SVG export as markup. */
export function swatchShapes(item: LegendItem): SwatchShape[] {
  const c = item.color;
  const line: SwatchShape = { tag: 'line', attrs: { x1: 1, x2: 27, y1: 7, y2: 7, stroke: c, 'stroke-width': 2.5, ...(item.dash ? { 'stroke-dasharray': item.dash } : {}) } };
  const point: SwatchShape = { tag: 'circle', attrs: { cx: 14, cy: 7, r: 4, fill: c, stroke: '#fff', 'stroke-width': 1 } };
  switch (item.shape ?? 'line-point') {
    case 'line':
      return [line];
    case 'point':
      return [point];
    case 'square':
      return [{ tag: 'rect', attrs: { x: 8, y: 1, width: 12, height: 12, fill: c } }];
    case 'diamond':
      return [{ tag: 'path', attrs: { d: 'M14 1 L20 7 L14 13 L8 7 Z', fill: c, stroke: '#fff', 'stroke-width': 1 } }];
    case 'band':
      return [{ tag: 'rect', attrs: { x: 1, y: 2, width: 26, height: 10, fill: c, 'fill-opacity': 0.2 } }, line];
    default:
      return [line, point];
  }
}

const escapeAttr = (v: string | number) => String(v).replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The swatch as SVG markup (for the SVG export), every attribute value escaped. */
export function swatchMarkup(item: LegendItem): string {
  return swatchShapes(item)
    .map(({ tag, attrs }) => `<${tag}${Object.entries(attrs).map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('')}/>`)
    .join('');
}

const reactName = (attr: string) => attr.replace(/-(\w)/g, (_, ch: string) => ch.toUpperCase());

/** The swatch as React elements: nothing on the page is set as HTML. */
function Swatch({ item }: { item: LegendItem }) {
  return (
    <svg width={28} height={14} aria-hidden="true">
      {swatchShapes(item).map(({ tag, attrs }, i) => createElement(tag, { key: i, ...Object.fromEntries(Object.entries(attrs).map(([k, v]) => [reactName(k), v])) }))}
    </svg>
  );
}

export function Legend({ items }: { items: readonly LegendItem[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="chart-legend" data-legend="">
      {items.map((it) => (
        <li key={it.label} className="chart-legend-item" data-legend-item={it.label}>
          <Swatch item={it} />
          <span>
            <Glossed text={it.label} />
          </span>
        </li>
      ))}
    </ul>
  );
}
