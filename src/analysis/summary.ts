// The results' tables as text, for the command line (and anything else that prints a summary).
import { armResultOf, criterionArm, type ResultsDocument } from '../engine/events';
import { percent, table } from './format';

export function summary(doc: ResultsDocument): string {
  const acc = (x: number | undefined) => percent(x, 2);
  const rows = doc.rounds.map((r) => [
    String(r.round),
    percent(r.remaining, r.remaining < 0.01 ? 2 : 1),
    acc(r.ticket.testAccuracy),
    acc(r.ticket.untrainedAccuracy),
    String(r.ticket.earlyStopIteration),
    acc(r.reinit?.testAccuracy),
    acc(r.randomMask?.testAccuracy),
  ]);
  const main = table(['round', 'remaining', 'ticket acc', 'untrained', 'early stop', 'reinit acc', 'random-mask acc'], rows);
  const parts = [main];
  if (doc.config.transfer !== 'none') {
    const t = doc.config.transfer;
    const rows2 = doc.rounds.map((r) => [String(r.round), percent(r.remaining, r.remaining < 0.01 ? 2 : 1), acc(r.ticket.testAccuracy), acc(r.transfer?.testAccuracy), acc(r.transferRandomMask?.testAccuracy), acc(r.targetTicket?.testAccuracy)]);
    parts.push(`Transfer to ${t} (test accuracy on ${t}, except the source ticket's):\n${table(['round', 'remaining', `ticket (${doc.config.dataset})`, 'transferred', 'random mask', `${t}'s own ticket`], rows2)}`);
  }
  const compared = doc.config.compare;
  if (!compared.length) return parts.join('\n\n');
  // One column per compared criterion: its ticket's test accuracy (round 0 is the shared dense run).
  const cmpRows = doc.rounds.map((r) => [String(r.round), percent(r.remaining, r.remaining < 0.01 ? 2 : 1), acc(r.ticket.testAccuracy), ...compared.map((c) => acc(armResultOf(r, criterionArm(c))?.testAccuracy))]);
  parts.push(`Test accuracy by mask criterion:\n${table(['round', 'remaining', doc.config.criterion, ...compared], cmpRows)}`);
  return parts.join('\n\n');
}
