// Export a chart's <svg> as a standalone file: computed styles inlined (the page's CSS and CSS
// variables do not travel), a white background, the title, subtitle and legend drawn on top.
import { swatchMarkup, type LegendItem } from './Legend';

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** Style properties copied from the page onto every exported element. */
const INLINE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

export interface ExportOptions {
  subtitle?: string;
  /** Lines under the chart: the settings and the link that reproduces it. */
  caption?: readonly string[];
  legend?: readonly LegendItem[];
  fontFamily?: string;
  fontPx?: number;
}

export interface StandaloneSvg {
  svg: string;
  width: number;
  height: number;
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Greedy word wrap to lines of at most `maxChars` characters (a long word gets its own line). */
export function wrapWords(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (cur && cur.length + 1 + word.length > maxChars) {
      lines.push(cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) lines.push(cur);
  return lines;
}

/**
 * Pure: wrap a serialised chart <svg> (width x height) in a standalone SVG document with a
 * white background and a header (title, subtitle, legend) above it.
 */
export function wrapSvgMarkup(inner: string, width: number, height: number, title: string, opts: ExportOptions = {}): StandaloneSvg {
  const font = opts.fontPx ?? 13;
  const family = escapeXml(opts.fontFamily ?? 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif');
  const pad = 16;
  const parts: string[] = [];
  let y = pad + font * 1.35;
  parts.push(`<text x="${pad}" y="${y.toFixed(1)}" font-size="${(font * 1.35).toFixed(1)}" font-weight="600" fill="#111827">${escapeXml(title)}</text>`);
  if (opts.subtitle) {
    for (const lineText of wrapWords(opts.subtitle, Math.max(20, Math.floor((width - 2 * pad) / (font * 0.55))))) {
      y += font * 1.45;
      parts.push(`<text x="${pad}" y="${y.toFixed(1)}" font-size="${font}" fill="#4b5563">${escapeXml(lineText)}</text>`);
    }
  }
  const legend = opts.legend ?? [];
  if (legend.length) {
    y += font * 0.8;
    let x = pad;
    const rowH = Math.max(18, font * 1.6);
    for (const item of legend) {
      const w = 34 + item.label.length * font * 0.58 + 18;
      if (x > pad && x + w > width - pad) {
        x = pad;
        y += rowH;
      }
      parts.push(
        `<g transform="translate(${x.toFixed(1)},${y.toFixed(1)})"><g transform="translate(0,${((rowH - 14) / 2).toFixed(1)})">${swatchMarkup(item)}</g>` +
          `<text x="34" y="${(rowH / 2).toFixed(1)}" dy="0.35em" font-size="${font}" fill="#111827">${escapeXml(item.label)}</text></g>`,
      );
      x += w;
    }
    y += rowH;
  }
  const top = Math.ceil(y + font * 0.6);
  // The caption under the chart, smaller; a long link wraps at any character.
  const small = font * 0.85;
  const perLine = Math.max(20, Math.floor((width - 2 * pad) / (small * 0.55)));
  const captionLines = (opts.caption ?? []).flatMap((line) => (/\s/.test(line) ? wrapWords(line, perLine) : (line.match(new RegExp(`.{1,${perLine}}`, 'g')) ?? [])));
  const captionParts = captionLines.map(
    (lineText, i) => `<text x="${pad}" y="${(top + height + pad / 2 + small * 1.4 * (i + 1)).toFixed(1)}" font-size="${small.toFixed(1)}" fill="#4b5563">${escapeXml(lineText)}</text>`,
  );
  const totalH = Math.ceil(top + height + pad / 2 + (captionLines.length ? small * 1.4 * captionLines.length + pad / 2 : 0));
  const body = inner.replace(/^<\?xml[^>]*>\s*/, '');
  const svg =
    `<svg xmlns="${SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${totalH}" viewBox="0 0 ${width} ${totalH}" font-family="${family}">` +
    `<title>${escapeXml(title)}</title>` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    parts.join('') +
    `<g transform="translate(0,${top})">${body}</g>` +
    captionParts.join('') +
    `</svg>`;
  return { svg, width, height: totalH };
}

/** Copy the computed styles of `src` and its descendants onto the matching nodes of `dst`. */
function inlineComputedStyles(src: Element, dst: Element): void {
  if (typeof window === 'undefined' || typeof window.getComputedStyle !== 'function') return;
  const from = [src, ...Array.from(src.querySelectorAll('*'))];
  const to = [dst, ...Array.from(dst.querySelectorAll('*'))];
  from.forEach((el, i) => {
    const target = to[i] as SVGElement | undefined;
    if (!target?.style) return;
    const cs = window.getComputedStyle(el);
    for (const p of INLINE_PROPS) {
      const v = cs.getPropertyValue(p);
      if (v) target.style.setProperty(p, v);
    }
  });
}

/** Serialise a chart's <svg> element into a standalone SVG document (and its size). */
export function standaloneSvg(svgEl: SVGSVGElement, title: string, opts: ExportOptions = {}): StandaloneSvg {
  const width = Number(svgEl.getAttribute('width')) || Math.round(svgEl.getBoundingClientRect().width);
  const height = Number(svgEl.getAttribute('height')) || Math.round(svgEl.getBoundingClientRect().height);
  const clone = svgEl.cloneNode(true) as SVGSVGElement;
  inlineComputedStyles(svgEl, clone);
  clone.querySelectorAll?.('.no-export').forEach((n) => n.remove());
  clone.setAttribute('xmlns', SVG_NS);
  let fontFamily = opts.fontFamily;
  let fontPx = opts.fontPx;
  if (typeof window !== 'undefined' && typeof window.getComputedStyle === 'function') {
    const cs = window.getComputedStyle(svgEl);
    fontFamily ??= cs.fontFamily || undefined;
    fontPx ??= parseFloat(cs.fontSize) || undefined;
  }
  const inner = typeof XMLSerializer !== 'undefined' ? new XMLSerializer().serializeToString(clone) : clone.outerHTML;
  return wrapSvgMarkup(inner, width, height, title, { ...opts, fontFamily, fontPx });
}

export function svgToString(svgEl: SVGSVGElement, title: string, opts: ExportOptions = {}): string {
  return standaloneSvg(svgEl, title, opts).svg;
}

/** Rasterise a standalone SVG at `scale` x (2 = crisp on slides). Browser only. */
export async function svgToPngBlob(doc: StandaloneSvg, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([doc.svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('could not load the SVG as an image'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(doc.width * scale);
    canvas.height = Math.round(doc.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2-D canvas context');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A file name from a panel id: letters, digits, dot, dash and underscore only. */
export function fileName(id: string, ext: 'svg' | 'png'): string {
  return `${id.replace(/[^\w.-]+/g, '-') || 'chart'}.${ext}`;
}

export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
