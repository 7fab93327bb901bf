// The stability, rewind-sweep and transfer views, rendered to static markup from hand-made
// results: their marks follow the data, and the pure helpers pick what they draw.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { measuredRounds, pickRound, rewindSweep, roundPaths } from '../../src/analysis/stability';
import type { ArmResult, RoundResult } from '../../src/engine/events';
import { InstabilityVsRemaining } from '../../src/panels/InstabilityVsRemaining';
import { RewindSweep } from '../../src/panels/RewindSweep';
import { StabilityPath } from '../../src/panels/StabilityPath';

const path = (acc: number, dip: number) => Array.from({ length: 11 }, (_, i) => acc - dip * Math.sin((Math.PI * i) / 10));
function arm(acc: number, dip?: number): ArmResult {
  const stability = dip === undefined ? undefined : { distance: 0.1 + dip, path: path(acc, dip), instability: dip };
  return { untrainedAccuracy: 0.1, testAccuracy: acc, testLoss: 0.3, bestValAccuracy: acc, earlyStopIteration: 100, testAccuracyAtEarlyStop: acc, curve: [], layers: [], seconds: 1, ...(stability ? { stability } : {}) };
}
const rounds: RoundResult[] = [
  { round: 0, remaining: 1, ticket: arm(0.97, 0.001), reinit: null, randomMask: null },
  { round: 1, remaining: 0.5, ticket: arm(0.97), reinit: arm(0.95), randomMask: arm(0.94), rewinds: { '0': arm(0.96) } },
  { round: 2, remaining: 0.25, ticket: arm(0.96, 0.002), reinit: arm(0.9, 0.02), randomMask: arm(0.88, 0.05), rewinds: { '0': arm(0.93, 0.04) } },
];

describe('stability views', () => {
  it('pick the measured rounds and each measured arm’s path (the shared dense run once)', () => {
    expect(measuredRounds(rounds)).toEqual([0, 2]);
    expect(pickRound([0, 2], 1)).toBe(2);
    expect(pickRound([0, 2], 0)).toBe(0);
    expect(pickRound([], 3)).toBeNull();
    expect(roundPaths(rounds[2], ['ticket', 'reinit', 'randomMask', 'rewind:0']).map((p) => p.arm)).toEqual(['ticket', 'reinit', 'randomMask', 'rewind:0']);
    expect(roundPaths(rounds[0], ['ticket', 'rewind:0']).map((p) => p.arm)).toEqual(['ticket']);
    expect(roundPaths(rounds[2], ['ticket'])[0].error[5]).toBeCloseTo(1 - (0.96 - 0.002), 9);
  });

  it('the sweep lists every k with its accuracy, and instability where it was measured', () => {
    expect(rewindSweep(rounds[1], 100, [0])).toEqual([
      { k: 0, arm: 'rewind:0', accuracy: 0.96 },
      { k: 100, arm: 'ticket', accuracy: 0.97 },
    ]);
    expect(rewindSweep(rounds[2], 100, [0]).map((p) => p.instability)).toEqual([0.04, 0.002]);
  });

  it('draw one path per arm with 11 points, the instability per round, and the sweep', () => {
    const paths = renderToStaticMarkup(<StabilityPath paths={roundPaths(rounds[2], ['ticket', 'reinit', 'randomMask'])} round={2} remaining={0.25} enabled />);
    expect(paths.match(/data-series="/g)).toHaveLength(3);
    expect(paths.match(/data-mark="point"/g)).toHaveLength(33);
    expect(paths).toContain('round 2, 25.0% left');
    expect(paths).toContain('barrier 5.00%');
    const inst = renderToStaticMarkup(<InstabilityVsRemaining runs={[rounds]} arms={['ticket', 'reinit', 'randomMask']} enabled />);
    expect(inst.match(/data-mark="point" data-arm="ticket"/g)).toHaveLength(2);
    expect(inst.match(/data-mark="point" data-arm="randomMask"/g)).toHaveLength(1);
    const sweep = renderToStaticMarkup(<RewindSweep points={rewindSweep(rounds[2], 100, [0])} round={2} enabled />);
    expect(sweep.match(/data-mark="point"/g)).toHaveLength(4);
  });

  it('say how to turn the measure on when the run has none', () => {
    expect(renderToStaticMarkup(<StabilityPath paths={[]} round={null} enabled={false} />)).toContain('Measure stability in');
    expect(renderToStaticMarkup(<RewindSweep points={[]} round={null} enabled={false} />)).toContain('rewinds=0,50,100');
  });
});
