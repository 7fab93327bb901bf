// A small HTML box beside the hovered mark. Positioned inside the chart body (position: relative).
import type { ReactNode } from 'react';

export interface TooltipRow {
  label: string;
  value: string;
  color?: string;
}

export interface TooltipProps {
  /** Pixel position of the hovered mark inside the chart body. */
  x: number;
  y: number;
  /** Width of the chart body, to flip the box left near the right edge. */
  containerWidth: number;
  title?: ReactNode;
  rows: TooltipRow[];
}

export function Tooltip({ x, y, containerWidth, title, rows }: TooltipProps) {
  const flip = x > containerWidth * 0.6;
  return (
    <div
      className="chart-tooltip"
      role="status"
      style={{
        left: flip ? undefined : x + 14,
        right: flip ? containerWidth - x + 14 : undefined,
        top: Math.max(0, y - 10),
      }}
    >
      {title && <div className="chart-tooltip-title">{title}</div>}
      <table>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">
                {r.color && <span className="chart-tooltip-swatch" style={{ background: r.color }} />}
                {r.label}
              </th>
              <td>{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
