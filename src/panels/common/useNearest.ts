// Hover logic shared by the charts: remember the pointer position (in SVG pixels) and pick the
// data point nearest to it with d3.least. Recomputed every render, so a live chart whose data
// grows under a still pointer keeps a correct tooltip.
import { least } from 'd3';
import { useCallback, useState, type PointerEvent } from 'react';

/** A mark with its pixel position in the SVG's coordinates (margins included). */
export interface Positioned {
  px: number;
  py: number;
}

export function nearest<T extends Positioned>(
  points: readonly T[],
  x: number,
  y: number,
  maxDist = Infinity,
): T | undefined {
  const best = least(points, (p) => (p.px - x) ** 2 + (p.py - y) ** 2);
  if (!best) return undefined;
  return (best.px - x) ** 2 + (best.py - y) ** 2 <= maxDist * maxDist ? best : undefined;
}

export interface Hover<T> {
  active: T | undefined;
  /** Put both on a transparent rect covering the plot area. */
  onPointerMove: (e: PointerEvent<SVGElement>) => void;
  onPointerLeave: () => void;
}

export function useNearest<T extends Positioned>(points: readonly T[], maxDist = Infinity): Hover<T> {
  const [pointer, setPointer] = useState<{ x: number; y: number } | null>(null);
  const onPointerMove = useCallback((e: PointerEvent<SVGElement>) => {
    const svg = e.currentTarget.ownerSVGElement ?? e.currentTarget;
    const rect = svg.getBoundingClientRect();
    setPointer({ x: e.clientX - rect.left, y: e.clientY - rect.top });
  }, []);
  const onPointerLeave = useCallback(() => setPointer(null), []);
  const active = pointer ? nearest(points, pointer.x, pointer.y, maxDist) : undefined;
  return { active, onPointerMove, onPointerLeave };
}
