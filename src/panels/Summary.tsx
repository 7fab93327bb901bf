// The run in numbers: weights left (per layer and total), storage of the pruned network as CSR
// vs dense, FLOPs per inference, and the best tickets so far. The arithmetic lives in cost.ts.
import { format, scaleBand, scaleLinear } from 'd3';
import { percent } from '../analysis/format';
import type { CSSProperties, ReactNode } from 'react';
import type { ModelSummary, RoundResult } from '../engine/events';
import { Axis, chartMargins } from './common/Axis';
import { ChartCard } from './common/ChartCard';
import type { LegendItem } from './common/Legend';
import { useSize } from './common/useSize';
import { CSR_NOTE, bestTickets, modelCost, roundRemaining } from '../analysis/cost';
import { CHART_FONT, KEPT_COLOR } from './theme';
import { Glossed } from '../controls/Term';

export interface SummaryProps {
  /** Card id; default "summary". */
  id?: string;
  model: ModelSummary | null;
  rounds: readonly RoundResult[];
  /** Round whose masks are costed; default (or when absent from `rounds`) the latest round. */
  round?: number | null;
  hidden?: boolean;
}

const fmtInt = format(',d');
const fmtPct1 = (x: number) => percent(x, 1);
const fmtPct2 = format('.2%');
const fmtAcc = (a: number) => format('.2%')(a);
const fmtSI = (v: number) => format('.3~s')(v);
/** Bytes as "1.06 MB" (decimal units). */
export const fmtBytes = (b: number) => (b < 1000 ? `${b} B` : `${fmtSI(b).replace(/([^\d.])$/, ' $1')}B`);
/** "x3.2" for a ratio. */
const fmtRatio = (r: number) => (Number.isFinite(r) ? `${format('.3~r')(r)}×` : '–');
const TOTAL_COLOR = '#e5e7eb';

const tileStyle: CSSProperties = {
  border: '1px solid var(--chart-grid, #e5e7eb)',
  borderRadius: 8,
  padding: '0.5em 0.7em',
  background: 'var(--chart-tile, #f9fafb)',
  minWidth: 0,
};

function Stat({ label, value, detail, note, name }: { label: string; value: ReactNode; detail?: ReactNode; note?: string; name: string }) {
  return (
    <div data-mark="stat" data-stat={name} style={tileStyle} title={note}>
      <div
        style={{
          color: 'var(--chart-muted)',
          fontSize: '0.9em',
          ...(note ? { textDecoration: 'underline dotted', textUnderlineOffset: '0.2em', cursor: 'help' } : {}),
        }}
      >
        <Glossed text={label} />
      </div>
      <div style={{ fontSize: '1.55em', fontWeight: 650, lineHeight: 1.2, fontVariantNumeric: 'tabular-nums' }} data-value="">
        {value}
      </div>
      {detail && <div style={{ color: 'var(--chart-muted)', fontSize: '0.9em', lineHeight: 1.3 }}>{detail}</div>}
    </div>
  );
}

/** A layer's row in the tables (the last row is the whole network's). */
interface TableRow {
  name: string;
  shape: string;
  remaining: number;
  total: number;
  fraction: number;
  csrBytes: number;
  denseBytes: number;
  flops: number;
  denseFlops: number;
  isTotal?: boolean;
}

const thStyle: CSSProperties = { textAlign: 'right', padding: '0.15em 0.35em', fontWeight: 600, borderBottom: '1px solid #d1d5db', verticalAlign: 'bottom' };
const tdStyle: CSSProperties = { textAlign: 'right', padding: '0.15em 0.35em', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' };

/** One table of per-layer columns after the layer's name; headers wrap, numbers do not. */
function LayerTable({ name, rows, columns }: { name: string; rows: readonly TableRow[]; columns: { head: string; note?: string; cell: (r: TableRow) => string }[] }) {
  return (
    <table style={{ borderCollapse: 'collapse', flex: '1 1 auto', fontSize: '0.9em' }} data-table={name}>
      <thead>
        <tr>
          <th style={{ ...thStyle, textAlign: 'left' }}>Layer</th>
          {columns.map((c) => (
            <th key={c.head} style={thStyle} title={c.note}>
              {c.head}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={`${i}-${r.name}`} data-row={r.isTotal ? 'total' : r.name} style={r.isTotal ? { fontWeight: 600, borderTop: '1px solid #d1d5db' } : undefined}>
            <td style={{ ...tdStyle, textAlign: 'left' }}>{r.name}</td>
            {columns.map((c) => (
              <td key={c.head} style={tdStyle}>
                {c.cell(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Summary({ id = 'summary', model, rounds, round, hidden }: SummaryProps) {
  const size = useSize();
  const title = 'Summary';
  const subtitle = 'Weights left, storage and compute of the pruned network, and the best tickets found so far.';
  const legend: LegendItem[] = [
    { label: 'Kept weights', color: KEPT_COLOR, shape: 'square' },
    { label: 'Pruned', color: TOTAL_COLOR, shape: 'square' },
  ];
  const sel = rounds.find((r) => r.round === round) ?? rounds[rounds.length - 1];
  const empty = !model || !sel ? 'The summary appears when the first round finishes.' : undefined;

  let body = null;
  if (model && sel) {
    const cost = modelCost(model, roundRemaining(sel));
    const best = bestTickets([...rounds]);
    const { fontPx, width } = size;
    const m = chartMargins(fontPx, fontPx * 3);
    const left = Math.max(m.left, Math.round(fontPx * 5));
    const barH = Math.round(fontPx * 1.9);
    const innerW = Math.max(60, width - left - m.right);
    const y = scaleBand<string>()
      .domain(cost.layers.map((l) => l.name))
      .range([0, cost.layers.length * barH])
      .padding(0.25);
    const x = scaleLinear().domain([0, 1]).range([0, innerW]);
    const innerH = cost.layers.length * barH;
    const svgH = m.top + innerH + m.bottom;
    const dense = best.dense;
    const match = best.sparsestMatching;
    const top = best.mostAccurate;
    const rows: TableRow[] = [
      ...cost.layers.map((l) => ({ ...l, shape: l.shape.join('×') })),
      { name: 'Total', shape: '', remaining: cost.remaining, total: cost.total, fraction: cost.fraction, csrBytes: cost.csrBytes, denseBytes: cost.denseBytes, flops: cost.flops, denseFlops: cost.denseFlops, isTotal: true },
    ];
    body = (
      <div>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(9.5em, 1fr))', gap: '0.6em', fontSize: CHART_FONT }}>
          <Stat
            name="remaining"
            label={`Weights left (round ${sel.round})`}
            value={fmtPct2(cost.fraction)}
            detail={`${fmtInt(cost.remaining)} of ${fmtInt(cost.total)}`}
          />
          <Stat
            name="storage"
            label="Storage: CSR vs dense"
            note={CSR_NOTE}
            value={fmtBytes(cost.csrBytes)}
            detail={
              <>
                dense {fmtBytes(cost.denseBytes)} ·{' '}
                {cost.csrBytes < cost.denseBytes ? `${fmtRatio(cost.denseBytes / cost.csrBytes)} smaller` : 'dense is smaller'}
                <br />
                <span data-bytes="csr">{fmtInt(cost.csrBytes)}</span> B vs <span data-bytes="dense">{fmtInt(cost.denseBytes)}</span> B
              </>
            }
          />
          <Stat
            name="flops"
            label="FLOPs per inference"
            note="Multiply-adds of the weight layers x 2 (biases and activations not counted). Dense layer: 2 x kept weights; conv layer: 2 x output positions x kept weights."
            value={fmtSI(cost.flops)}
            detail={
              <>
                dense {fmtSI(cost.denseFlops)} · {cost.flops > 0 ? `${fmtRatio(cost.denseFlops / cost.flops)} fewer` : '–'}
                <br />
                <span data-flops="pruned">{fmtInt(cost.flops)}</span> vs <span data-flops="dense">{fmtInt(cost.denseFlops)}</span>
              </>
            }
          />
          <Stat
            name="best-ticket"
            label="Sparsest ticket within 1 pt of dense"
            note="The round with the fewest weights whose ticket test accuracy is at least the dense network's (round 0) minus 1 percentage point."
            value={match ? fmtPct1(match.remaining) : '–'}
            detail={
              match && dense
                ? `of weights · round ${match.round}: ${fmtAcc(match.ticket.testAccuracy)} (dense ${fmtAcc(dense.ticket.testAccuracy)})`
                : 'needs the dense round 0'
            }
          />
          <Stat
            name="most-accurate"
            label="Most accurate ticket"
            value={top ? fmtAcc(top.ticket.testAccuracy) : '–'}
            detail={top ? `round ${top.round}, ${fmtPct1(top.remaining)} of weights` : undefined}
          />
        </div>
        <svg className="chart-svg" width={width} height={svgH} role="img" aria-label="Weights kept per layer" style={{ marginTop: '0.6em' }}>
          <g transform={`translate(${left},${m.top})`}>
            <Axis scale={x} orient="bottom" top={innerH} numTicks={5} tickFormat={format('.0%')} gridLength={innerH} fontPx={fontPx} label={`Weights kept per layer, round ${sel.round}`} />
            {cost.layers.map((l, i) => {
              const yy = y(l.name) ?? 0;
              return (
                <g key={`${i}-${l.name}`} data-layer={l.name}>
                  <text x={-8} y={yy + y.bandwidth() / 2} dy="0.32em" textAnchor="end" style={{ fontSize: CHART_FONT }}>
                    {l.name}
                  </text>
                  <rect x={0} y={yy} width={x(1)} height={y.bandwidth()} fill={TOTAL_COLOR} />
                  <rect data-mark="layer-bar" x={0} y={yy} width={x(l.fraction)} height={y.bandwidth()} fill={KEPT_COLOR}>
                    <title>{`${l.name}: ${fmtInt(l.remaining)} of ${fmtInt(l.total)} (${fmtPct2(l.fraction)})`}</title>
                  </rect>
                  <text x={x(1) + 6} y={yy + y.bandwidth() / 2} dy="0.32em" style={{ fontSize: CHART_FONT }}>
                    {fmtPct1(l.fraction)}
                  </text>
                </g>
              );
            })}
          </g>
        </svg>
        {/* Two tables side by side where they fit, one above the other where not: no column is ever scrolled out of sight. */}
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.4em 1.5em', marginTop: '0.4em', fontSize: CHART_FONT }}>
          <LayerTable
            name="layers"
            rows={rows}
            columns={[
              { head: 'Shape', cell: (r) => r.shape },
              { head: 'Kept', cell: (r) => `${fmtInt(r.remaining)} / ${fmtInt(r.total)}` },
              { head: '%', cell: (r) => fmtPct1(r.fraction) },
            ]}
          />
          <LayerTable
            name="costs"
            rows={rows}
            columns={[
              { head: 'CSR B', note: CSR_NOTE, cell: (r) => fmtInt(r.csrBytes) },
              { head: 'Dense B', cell: (r) => fmtInt(r.denseBytes) },
              { head: 'FLOPs', cell: (r) => fmtInt(r.flops) },
              { head: 'Dense FLOPs', cell: (r) => fmtInt(r.denseFlops) },
            ]}
          />
        </div>
        <p style={{ margin: '0.5em 0 0', color: 'var(--chart-muted)', fontSize: '0.9em' }} data-footnote="csr">
          Sparse storage: {CSR_NOTE}
        </p>
      </div>
    );
  }

  return (
    <ChartCard id={id} title={title} subtitle={subtitle} legend={legend} hidden={hidden} emptyMessage={empty} size={size}>
      {body}
    </ChartCard>
  );
}
