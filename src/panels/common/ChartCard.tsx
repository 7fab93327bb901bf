// The frame every chart sits in: title, one-line subtitle for students, legend, the chart body,
// and "SVG" / "PNG" buttons that export the card's chart as a standalone file.
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Glossed } from '../../controls/Term';
import { exportCaption } from '../../state/export-caption';
import { useLab } from '../../state/store';
import { downloadBlob, fileName, standaloneSvg, svgToPngBlob } from './export-svg';
import { Legend, type LegendItem } from './Legend';
import type { Size } from './useSize';
import './chart.css';

export const STARTING_MESSAGE = 'The run is starting (loading the data, starting the compute backend): its first results appear here.';

export interface ChartCardProps {
  /** Stable id: the card's data-panel attribute and the exported file's name. */
  id: string;
  title: string;
  /** One line saying what the chart shows. */
  subtitle: string;
  legend?: readonly LegendItem[];
  hidden?: boolean;
  /** Toggles or selectors shown in the card's header. */
  controls?: ReactNode;
  /** When set, shown instead of the chart (and export is disabled). */
  emptyMessage?: string;
  /** From useSize(): the card's body is what gets measured. */
  size?: Size;
  /** Fixed body height in px (keeps the layout still while data arrives). */
  height?: number;
  children?: ReactNode;
}

export function ChartCard({
  id,
  title,
  subtitle,
  legend = [],
  hidden,
  controls,
  emptyMessage,
  size,
  height,
  children,
}: ChartCardProps) {
  const cardRef = useRef<HTMLElement>(null);
  const [error, setError] = useState<string | null>(null);

  const exportAs = useCallback(
    async (kind: 'svg' | 'png') => {
      const svg = cardRef.current?.querySelector<SVGSVGElement>('svg.chart-svg');
      if (!svg) return;
      try {
        setError(null);
        const doc = standaloneSvg(svg, title, { subtitle, legend, fontPx: size?.fontPx, caption: exportCaption() });
        const blob = kind === 'svg' ? new Blob([doc.svg], { type: 'image/svg+xml;charset=utf-8' }) : await svgToPngBlob(doc, 2);
        downloadBlob(fileName(id, kind), blob);
      } catch (e) {
        setError(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    [id, title, subtitle, legend, size?.fontPx],
  );

  const empty = emptyMessage !== undefined;
  // While a run starts (data loading, the backend starting) an empty chart says it is coming, not "run an experiment".
  const starting = useLab((s) => s.status === 'starting');
  const shownEmpty = empty && starting ? STARTING_MESSAGE : emptyMessage;
  return (
    <section ref={cardRef} className="chart-card" data-panel={id} hidden={hidden} aria-label={title}>
      <header className="chart-card-header">
        <div className="chart-card-titles">
          <h3 className="chart-card-title">
            <Glossed text={title} />
          </h3>
          <p className="chart-card-subtitle">
            <Glossed text={subtitle} />
          </p>
        </div>
        <div className="chart-card-actions">
          {controls}
          <button type="button" className="chart-export" disabled={empty} onClick={() => void exportAs('svg')} aria-label={`Download the ${title} chart as SVG`} title="Download this chart as an SVG file">
            SVG
          </button>
          <button type="button" className="chart-export" disabled={empty} onClick={() => void exportAs('png')} aria-label={`Download the ${title} chart as PNG`} title="Download this chart as a PNG image (2x)">
            PNG
          </button>
        </div>
      </header>
      {!empty && <Legend items={legend} />}
      <div className="chart-body" ref={size?.ref} style={height ? { minHeight: height } : undefined}>
        <span className="chart-em-probe" ref={size?.probeRef} aria-hidden="true">
          M
        </span>
        {empty ? (
          <p className="chart-empty" data-empty="">
            {shownEmpty}
          </p>
        ) : (
          children
        )}
      </div>
      {error && (
        <p className="chart-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
