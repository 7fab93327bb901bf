import type { ArmResult, RoundResult } from '../engine/events';
import { Glossed } from '../controls/Term';
import { armColor } from './theme';

const pct = (x: number | undefined, digits = 1) => (x === undefined ? '—' : `${(100 * x).toFixed(digits)}%`);
const acc = (r: ArmResult | null) => (r ? pct(r.testAccuracy, 2) : '—');

/** Every finished round as a row: the numbers behind every chart, readable and copyable. */
export function ResultsTable({ rounds }: { rounds: RoundResult[] }) {
  if (!rounds.length) return <p className="empty">Results appear here round by round once an experiment runs.</p>;
  return (
    <div className="table-wrap">
      <table className="results" data-testid="results-table">
        <thead>
          <tr>
            <th>Round</th>
            <th>Weights left</th>
            <th style={{ color: armColor('ticket') }}>
              <Glossed text="Ticket test acc." />
            </th>
            <th>
              <Glossed text="Untrained acc." />
            </th>
            <th>Best val. acc.</th>
            <th>
              <Glossed text="Early-stop iter." />
            </th>
            <th style={{ color: armColor('reinit') }}>
              <Glossed text="Random re-init" />
            </th>
            <th style={{ color: armColor('randomMask') }}>
              <Glossed text="Random mask" />
            </th>
          </tr>
        </thead>
        <tbody>
          {/* Keyed by position too: the key stays unique even if a round number came twice. */}
          {rounds.map((r, i) => (
            <tr key={`${i}-${r.round}`} data-round={r.round}>
              <td>{r.round}</td>
              <td>{pct(r.remaining)}</td>
              <td>{acc(r.ticket)}</td>
              <td>{pct(r.ticket.untrainedAccuracy)}</td>
              <td>{pct(r.ticket.bestValAccuracy, 2)}</td>
              <td>{r.ticket.earlyStopIteration.toLocaleString()}</td>
              <td>{acc(r.reinit)}</td>
              <td>{acc(r.randomMask)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
