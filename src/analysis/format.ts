// Numbers as the page and the command line show them (no dependencies): percentages, counts,
// durations and plain-text tables.

/** 0.2107 -> "21.1%"; 0.0358 -> "3.6%"; 0.00123 -> "0.12%"; 1 -> "100%". */
export function formatPercent(fraction: number): string {
  const pct = fraction * 100;
  if (pct >= 99.95 && pct <= 100) return pct === 100 ? '100%' : '99.9%';
  if (pct >= 1) return `${pct.toFixed(1)}%`;
  if (pct >= 0.1) return `${pct.toFixed(2)}%`;
  if (pct === 0) return '0%';
  return `${Number(pct.toPrecision(2))}%`;
}

/** Seconds as a short duration: 4.2s, 3m05s, 1h02m. */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)}s`;
  const s = Math.round(seconds);
  const two = (n: number) => String(n).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)}m${two(s % 60)}s`;
  return `${Math.floor(s / 3600)}h${two(Math.floor((s % 3600) / 60))}m`;
}

/** A fraction as a percentage with `digits` decimals ('-' for null/NaN). */
export function percent(x: number | null | undefined, digits = 1): string {
  return x == null || !Number.isFinite(x) ? '-' : `${(x * 100).toFixed(digits)}%`;
}

/** An axis tick as a percentage, trailing zeros dropped: 0.95 -> "95%", 0.975 -> "97.5%". */
export function axisPercent(x: number): string {
  return `${+(x * 100).toFixed(1)}%`;
}

/** An integer with thousands separators: 12,345. */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/**
 * A plain-text table: a header row, a rule, then the rows. Columns are right-aligned unless
 * listed in `left` (by index).
 */
export function table(header: string[], rows: string[][], left: number[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (left.includes(i) ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
