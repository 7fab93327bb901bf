// Measures a chart's container: its width (charts are responsive, height is a prop) and the
// chart font size in px (so margins grow with the lecture hall's "large text" mode).
// Safe under react-dom/server: nothing is measured there and the defaults are used.
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

export const DEFAULT_WIDTH = 640;
export const DEFAULT_FONT_PX = 13;

const useIsoLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect;

export interface Size {
  /** Attach to the element whose width the chart fills. */
  ref: RefObject<HTMLDivElement>;
  /** Attach to a hidden one-character span styled with the chart font: its height gives fontPx. */
  probeRef: RefObject<HTMLSpanElement>;
  width: number;
  fontPx: number;
}

export function useSize(defaultWidth = DEFAULT_WIDTH): Size {
  const ref = useRef<HTMLDivElement>(null);
  const probeRef = useRef<HTMLSpanElement>(null);
  const [size, setSize] = useState({ width: defaultWidth, fontPx: DEFAULT_FONT_PX });

  useIsoLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof window === 'undefined') return;
    const measure = () => {
      const width = Math.floor(el.getBoundingClientRect().width);
      const probe = probeRef.current;
      const fs = probe ? parseFloat(window.getComputedStyle(probe).fontSize) : NaN;
      setSize((s) => {
        const next = {
          width: width > 0 ? width : s.width,
          fontPx: Number.isFinite(fs) && fs > 0 ? fs : s.fontPx,
        };
        return next.width === s.width && next.fontPx === s.fontPx ? s : next;
      });
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    if (probeRef.current) ro.observe(probeRef.current);
    return () => ro.disconnect();
  }, []);

  return { ref, probeRef, width: size.width, fontPx: size.fontPx };
}
