// Legend items shared by the cards (HTML) and the exported SVG (drawn by export-svg.ts).
export interface LegendItem {
  label: string;
  color: string;
  /** SVG stroke-dasharray for line items, e.g. "6 4". */
  dash?: string;
  /** How the swatch looks; default "line-point". */
  shape?: 'line' | 'point' | 'line-point' | 'square' | 'diamond' | 'band';
}

/** The swatch as SVG children of a 28 x 14 box (also used by the SVG export, as markup). */
export function swatchMarkup(item: LegendItem): string {
  const shape = item.shape ?? 'line-point';
  const c = item.color;
  const dash = item.dash ? ` stroke-dasharray="${item.dash}"` : '';
  const line = `<line x1="1" x2="27" y1="7" y2="7" stroke="${c}" stroke-width="2.5"${dash}/>`;
  const point = `<circle cx="14" cy="7" r="4" fill="${c}" stroke="#fff" stroke-width="1"/>`;
  switch (shape) {
    case 'line':
      return line;
    case 'point':
      return point;
    case 'square':
      return `<rect x="8" y="1" width="12" height="12" fill="${c}"/>`;
    case 'diamond':
      return `<path d="M14 1 L20 7 L14 13 L8 7 Z" fill="${c}" stroke="#fff" stroke-width="1"/>`;
    case 'band':
      return `<rect x="1" y="2" width="26" height="10" fill="${c}" fill-opacity="0.2"/>${line}`;
    default:
      return line + point;
  }
}

export function Legend({ items }: { items: readonly LegendItem[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="chart-legend" data-legend="">
      {items.map((it) => (
        <li key={it.label} className="chart-legend-item" data-legend-item={it.label}>
          <svg width={28} height={14} aria-hidden="true" dangerouslySetInnerHTML={{ __html: swatchMarkup(it) }} />
          <span>{it.label}</span>
        </li>
      ))}
    </ul>
  );
}
