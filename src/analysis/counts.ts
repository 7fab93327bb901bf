// Counting kept weights, in one place: the engine's layer counts, the cost summary, the mask
// images, the supermask's density and the tests all use these.

/** Non-zero entries of a 0/1 mask (Float32Array in the engine, Uint8Array in snapshots). */
export function countKept(mask: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i] ? 1 : 0;
  return n;
}

/** Kept fraction of one mask (0 for an empty one). */
export function density(mask: ArrayLike<number>): number {
  return mask.length ? countKept(mask) / mask.length : 0;
}

/** Kept fraction of several layers' masks together. */
export function keptFraction(masks: readonly ArrayLike<number>[]): number {
  let kept = 0;
  let total = 0;
  for (const m of masks) {
    kept += countKept(m);
    total += m.length;
  }
  return total ? kept / total : 0;
}

/** Rows x cols of a layer's weight matrix: dense [in, out] as is; conv [kh, kw, cin, cout] as [kh kw cin, cout]. */
export function matrixShape(shape: number[]): { rows: number; cols: number } {
  const cols = shape[shape.length - 1] ?? 1;
  const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  return { rows, cols };
}
