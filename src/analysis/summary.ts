// The results' tables as text, for the command line (and anything else that prints a summary).
import { armResultOf, configArms, criterionArm, rewindArm, type Arm, type ResultsDocument } from '../engine/events';
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
  const rewinds = doc.config.rewinds ?? [];
  if (rewinds.length) {
    const ks = [doc.config.rewind, ...rewinds].sort((a, b) => a - b);
    const arm = (k: number): Arm => (k === doc.config.rewind ? 'ticket' : rewindArm(k));
    const kRows = doc.rounds.map((r) => [String(r.round), percent(r.remaining, r.remaining < 0.01 ? 2 : 1), ...ks.map((k) => acc(armResultOf(r, arm(k))?.testAccuracy))]);
    parts.push(`Test accuracy by rewind iteration k:\n${table(['round', 'remaining', ...ks.map((k) => `k=${k}`)], kRows)}`);
  }
  const stable = doc.rounds.filter((r) => r.ticket.stability);
  if (stable.length) {
    const arms = configArms(doc.config);
    const sRows = stable.flatMap((r) =>
      arms.flatMap((a) => {
        const res = armResultOf(r, a);
        // Round 0's chains are the shared dense run, listed once as the ticket.
        if (!res?.stability || (r.round === 0 && a !== 'ticket' && res === r.ticket)) return [];
        const s = res.stability;
        return [[String(r.round), percent(r.remaining, r.remaining < 0.01 ? 2 : 1), a, acc(res.testAccuracy), acc(s.path[s.path.length - 1]), acc(Math.min(...s.path)), acc(s.instability), s.distance.toFixed(3)]];
      }),
    );
    parts.push(`Stability (two copies, two data orders):\n${table(['round', 'remaining', 'arm', 'copy A acc', 'copy B acc', 'lowest on path', 'instability', 'distance'], sRows)}`);
  }
  if (doc.config.transfer !== 'none' || (doc.config.transferOpt ?? 'none') !== 'none') {
    const t = doc.config.transfer === 'none' ? `${doc.config.dataset} with ${doc.config.transferOpt} (lr ${doc.config.transferLr})` : doc.config.transferOpt !== 'none' ? `${doc.config.transfer} with ${doc.config.transferOpt} (lr ${doc.config.transferLr})` : doc.config.transfer;
    const rows2 = doc.rounds.map((r) => [String(r.round), percent(r.remaining, r.remaining < 0.01 ? 2 : 1), acc(r.ticket.testAccuracy), acc(r.transfer?.testAccuracy), acc(r.transferRandomMask?.testAccuracy), acc(r.targetTicket?.testAccuracy)]);
    parts.push(`Transfer to ${t} (test accuracy there, except the source ticket's):\n${table(['round', 'remaining', `ticket (${doc.config.dataset}, ${doc.config.opt})`, 'transferred', 'random mask', 'target’s own ticket'], rows2)}`);
  }
  const compared = doc.config.compare;
  if (!compared.length) return parts.join('\n\n');
  // One column per compared criterion: its ticket's test accuracy (round 0 is the shared dense run).
  const cmpRows = doc.rounds.map((r) => [String(r.round), percent(r.remaining, r.remaining < 0.01 ? 2 : 1), acc(r.ticket.testAccuracy), ...compared.map((c) => acc(armResultOf(r, criterionArm(c))?.testAccuracy))]);
  parts.push(`Test accuracy by mask criterion:\n${table(['round', 'remaining', doc.config.criterion, ...compared], cmpRows)}`);
  return parts.join('\n\n');
}
