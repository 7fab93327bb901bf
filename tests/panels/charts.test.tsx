// Chart components rendered to static markup (react-dom/server, no DOM): count the marks drawn
// from fixed, hand-made results, and check the empty and partial (live) states and the SVG export.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ArmResult, CurvePoint, RoundResult } from '../../src/engine/events';
import { AccuracyVsRemaining } from '../../src/panels/AccuracyVsRemaining';
import { EarlyStopVsRemaining } from '../../src/panels/EarlyStopVsRemaining';
import { LearningCurves, curvesFromRounds, type LearningCurve } from '../../src/panels/LearningCurves';
import { UntrainedAccuracy } from '../../src/panels/UntrainedAccuracy';
import { armSeries } from '../../src/panels/common/arm-series';
import { svgToString, wrapSvgMarkup, wrapWords } from '../../src/panels/common/export-svg';
import { remainingDomain, remainingTicks, formatRemaining } from '../../src/panels/common/remaining-scale';
import { armLabel } from '../../src/panels/theme';

// ---------- fixtures ----------

function curve(final: number, iters = 5, step = 100): CurvePoint[] {
  return Array.from({ length: iters }, (_, i) => {
    const t = (i + 1) / iters;
    const acc = 0.1 + (final - 0.1) * t;
    return { iteration: (i + 1) * step, testAccuracy: acc, testLoss: 1 - acc, valAccuracy: acc - 0.01, valLoss: 1 - acc };
  });
}

function arm(acc: number, o: Partial<ArmResult> = {}): ArmResult {
  return {
    untrainedAccuracy: 0.12,
    testAccuracy: acc,
    testLoss: 1 - acc,
    bestValAccuracy: acc,
    earlyStopIteration: 300,
    testAccuracyAtEarlyStop: acc - 0.02,
    curve: curve(acc),
    layers: [],
    seconds: 1,
    ...o,
  };
}

/** Round 0 (dense, no controls), round 1 (50%), round 2 (25%), each with both controls. */
function rounds(shift = 0, partialLast = false): RoundResult[] {
  return [
    { round: 0, remaining: 1, ticket: arm(0.97 + shift, { untrainedAccuracy: 0.1 }), reinit: null, randomMask: null },
    { round: 1, remaining: 0.5, ticket: arm(0.975 + shift, { untrainedAccuracy: 0.3 }), reinit: arm(0.96 + shift), randomMask: arm(0.95 + shift) },
    {
      round: 2,
      remaining: 0.25,
      ticket: arm(0.98 + shift, { untrainedAccuracy: 0.4, earlyStopIteration: 200 }),
      reinit: partialLast ? null : arm(0.94 + shift, { earlyStopIteration: 500 }),
      randomMask: partialLast ? null : arm(0.93 + shift, { earlyStopIteration: 500 }),
    },
  ];
}

// ---------- markup helpers ----------

const count = (html: string, mark: string) => (html.match(new RegExp(`data-mark="${mark}"`, 'g')) ?? []).length;

/** Attributes of every element carrying data-mark="point". */
function points(html: string): Record<string, string>[] {
  return (html.match(/<circle[^>]*data-mark="point"[^>]*>/g) ?? []).map((tag) =>
    Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!])),
  );
}

const legendItems = (html: string) => [...html.matchAll(/data-legend-item="([^"]*)"/g)].map((m) => m[1]);

// ---------- AccuracyVsRemaining ----------

describe('AccuracyVsRemaining', () => {
  it('draws one point per finished (arm, round), one line per arm, the dense reference', () => {
    const html = renderToStaticMarkup(<AccuracyVsRemaining runs={[rounds()]} />);
    expect(count(html, 'point')).toBe(3 + 2 + 2);
    expect(count(html, 'line')).toBe(3);
    expect(count(html, 'dense')).toBe(1);
    expect(count(html, 'band')).toBe(0);
    expect(points(html).filter((p) => p['data-arm'] === 'ticket')).toHaveLength(3);
    expect(points(html).filter((p) => p['data-arm'] === 'reinit')).toHaveLength(2);
  });

  it('has labelled axes with units, log ticks from 100% to the data’s sparsest round, legend entries and SSR default width', () => {
    const html = renderToStaticMarkup(<AccuracyVsRemaining runs={[rounds()]} />);
    expect(html).toContain('Test accuracy (%)');
    expect(html).toContain('Weights remaining (%, log scale)');
    // The sparsest round is 25%: the axis ends at 20%, with no ticks below it.
    for (const t of ['100%', '70%', '50%', '30%', '20%']) expect(html).toContain(`>${t}</text>`);
    for (const t of ['10%', '1%']) expect(html).not.toContain(`>${t}</text>`);
    expect(legendItems(html)).toEqual([armLabel('ticket'), armLabel('reinit'), armLabel('randomMask'), 'Dense network (round 0)']);
    expect(html).toMatch(/<svg class="chart-svg" width="640" height="340"/);
    expect(html).toContain('data-panel="accuracy-vs-remaining"');
  });

  it('puts sparser rounds further right (reversed log axis) and 100% at the left edge', () => {
    const ticket = points(renderToStaticMarkup(<AccuracyVsRemaining runs={[rounds()]} />)).filter((p) => p['data-arm'] === 'ticket');
    const cx = ticket.map((p) => Number(p.cx));
    expect(cx[0]).toBeCloseTo(0);
    expect(cx[1]).toBeGreaterThan(cx[0]!);
    expect(cx[2]).toBeGreaterThan(cx[1]!);
    // 50% -> 25% is one octave, as is 100% -> 50%: equal spacing on a log axis.
    expect(cx[2]! - cx[1]!).toBeCloseTo(cx[1]! - cx[0]!, 3);
  });

  it('draws a partial round (controls not finished) with only its ticket point', () => {
    const html = renderToStaticMarkup(<AccuracyVsRemaining runs={[rounds(0, true)]} />);
    const last = points(html).filter((p) => p['data-round'] === '2');
    expect(last.map((p) => p['data-arm'])).toEqual(['ticket']);
    expect(count(html, 'point')).toBe(3 + 1 + 1);
    expect(count(html, 'line')).toBe(3);
  });

  it('draws mean lines and a min-max band per arm with several seeds', () => {
    const html = renderToStaticMarkup(<AccuracyVsRemaining runs={[rounds(-0.01), rounds(0.01)]} />);
    expect(count(html, 'band')).toBe(3);
    expect(count(html, 'point')).toBe(7);
    expect(legendItems(html)).toContain('Min–max over 2 seeds');
    // A band is a closed area with non-zero height.
    const band = html.match(/<path data-mark="band" data-arm="ticket" d="([^"]+)"/)![1]!;
    expect(band).toMatch(/^M.*Z$/);
  });

  it('averages seeds, and seeds at different rounds (live) still give min-max over those present', () => {
    const a = rounds(-0.01);
    const b = rounds(0.01).slice(0, 2);
    const s = armSeries([a, b], 'ticket', (r) => r.testAccuracy);
    expect(s.map((q) => q.n)).toEqual([2, 2, 1]);
    expect(s[0]!.mean).toBeCloseTo(0.97);
    expect(s[0]!.min).toBeCloseTo(0.96);
    expect(s[0]!.max).toBeCloseTo(0.98);
    expect(s[2]!.min).toBe(s[2]!.max);
  });

  it('switches to accuracy at the early-stopping iteration', () => {
    const final = renderToStaticMarkup(<AccuracyVsRemaining runs={[rounds()]} />);
    const early = renderToStaticMarkup(<AccuracyVsRemaining runs={[rounds()]} atEarlyStop onAtEarlyStopChange={() => {}} />);
    expect(final).toContain('dense network 97.0%');
    expect(early).toContain('dense network 95.0%');
    expect(early).toContain('type="checkbox"');
    expect(early).toContain('checked=""');
  });

  it('shows the empty state without data, with export disabled', () => {
    for (const runs of [[], [[]]]) {
      const html = renderToStaticMarkup(<AccuracyVsRemaining runs={runs} />);
      expect(html).toContain('Run an experiment to see');
      expect(html).not.toContain('chart-svg');
      expect(count(html, 'point')).toBe(0);
      expect(html.match(/<button[^>]*disabled=""/g)).toHaveLength(2);
    }
  });

  it('hides the card with the hidden prop', () => {
    expect(renderToStaticMarkup(<AccuracyVsRemaining runs={[rounds()]} hidden />)).toMatch(/<section[^>]*hidden=""/);
    expect(renderToStaticMarkup(<AccuracyVsRemaining runs={[rounds()]} />)).not.toMatch(/<section[^>]*hidden=""/);
  });
});

// ---------- UntrainedAccuracy ----------

describe('UntrainedAccuracy', () => {
  it('draws ticket vs controls and a chance line at 1 / numClasses', () => {
    const html = renderToStaticMarkup(<UntrainedAccuracy runs={[rounds()]} numClasses={10} />);
    expect(count(html, 'point')).toBe(7);
    expect(count(html, 'line')).toBe(3);
    expect(count(html, 'chance')).toBe(1);
    expect(html).toContain('chance (10.0%)');
    expect(html).toContain('Untrained test accuracy (%)');
    expect(legendItems(html)).toContain('Chance (random guessing)');
  });

  it('places the chance line by numClasses', () => {
    const y = (n: number) => Number(renderToStaticMarkup(<UntrainedAccuracy runs={[rounds()]} numClasses={n} />).match(/data-mark="chance"[^>]*y1="([\d.]+)"/)![1]);
    expect(y(2)).toBeLessThan(y(10)); // 50% sits higher than 10%
  });

  it('can use the round index as x, and handles partial rounds and the empty state', () => {
    const html = renderToStaticMarkup(<UntrainedAccuracy runs={[rounds(0, true)]} numClasses={10} xAxis="round" />);
    expect(html).toContain('Pruning round');
    expect(count(html, 'point')).toBe(5);
    const empty = renderToStaticMarkup(<UntrainedAccuracy runs={[]} numClasses={10} />);
    expect(empty).toContain('Run an experiment to see');
    expect(count(empty, 'chance')).toBe(0);
  });
});

// ---------- EarlyStopVsRemaining ----------

describe('EarlyStopVsRemaining', () => {
  it('draws early-stop iterations per arm on the log axis', () => {
    const html = renderToStaticMarkup(<EarlyStopVsRemaining runs={[rounds()]} maxIteration={500} />);
    expect(count(html, 'point')).toBe(7);
    expect(count(html, 'line')).toBe(3);
    expect(html).toContain('Early-stop iteration (iterations)');
    expect(html).toContain('Weights remaining (%, log scale)');
    // The ticket's round-2 point (200 iterations) sits lower on screen than the controls' (500).
    const r2 = points(html).filter((p) => p['data-round'] === '2');
    const cy = (a: string) => Number(r2.find((p) => p['data-arm'] === a)!.cy);
    expect(cy('ticket')).toBeGreaterThan(cy('reinit'));
  });

  it('shows bands with several seeds and the empty state', () => {
    expect(count(renderToStaticMarkup(<EarlyStopVsRemaining runs={[rounds(), rounds()]} />), 'band')).toBe(3);
    expect(renderToStaticMarkup(<EarlyStopVsRemaining runs={[[]]} />)).toContain('Run an experiment to see');
  });
});

// ---------- LearningCurves ----------

describe('LearningCurves', () => {
  const curves: LearningCurve[] = [
    { round: 0, remaining: 1, points: curve(0.97), earlyStopIteration: 400 },
    { round: 1, remaining: 0.5, points: curve(0.975), earlyStopIteration: 300 },
    // Still training: a growing curve, no early-stopping point yet.
    { round: 2, remaining: 0.25, points: curve(0.98, 2) },
  ];

  it('draws one line per curve and a marker per known early-stopping point', () => {
    const html = renderToStaticMarkup(<LearningCurves curves={curves} maxIteration={500} />);
    expect(count(html, 'line')).toBe(3);
    expect(count(html, 'early-stop')).toBe(2);
    expect(html).toContain('Training iteration (iterations)');
    expect(html).toContain('Test accuracy (%)');
    expect(html).toContain('>weights</text>');
    expect(html).toContain('>remaining</text>');
    expect(legendItems(html)).toContain('Early-stopping point');
  });

  it('colours lines by weights remaining with distinct colours', () => {
    const html = renderToStaticMarkup(<LearningCurves curves={curves} />);
    const strokes = [...html.matchAll(/data-mark="line"[^>]*stroke="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(strokes).size).toBe(3);
  });

  it('skips curves with no points yet and shows the empty state with none at all', () => {
    const growing = [...curves, { round: 3, remaining: 0.125, points: [] }];
    expect(count(renderToStaticMarkup(<LearningCurves curves={growing} />), 'line')).toBe(3);
    for (const c of [[], [{ round: 0, remaining: 1, points: [] }]]) {
      const html = renderToStaticMarkup(<LearningCurves curves={c} />);
      expect(html).toContain('Run an experiment to see');
      expect(count(html, 'line')).toBe(0);
    }
  });

  it('builds curves from rounds per arm and offers an arm selector', () => {
    expect(curvesFromRounds(rounds(0, true), 'ticket')).toHaveLength(3);
    expect(curvesFromRounds(rounds(0, true), 'reinit').map((c) => c.round)).toEqual([1]);
    const html = renderToStaticMarkup(<LearningCurves curves={curvesFromRounds(rounds(), 'reinit')} arm="reinit" onArmChange={() => {}} />);
    expect(html.match(/<option /g)).toHaveLength(3);
    expect(html).toContain(armLabel('reinit'));
    expect(count(html, 'line')).toBe(2);
  });
});

// ---------- shared parts ----------

describe('remaining axis', () => {
  it('spans 100% to just past the sparsest round, with ticks as dense as the span allows', () => {
    expect(remainingDomain([1])).toEqual([1, 0.5]);
    expect(remainingDomain([1, 0.8, 0.64])).toEqual([1, 0.512]);
    expect(remainingDomain([1, 0.004])).toEqual([1, 0.0032]);
    // A 2-round run at 20%: tenths.
    expect(remainingTicks(0.512)).toEqual([1, 0.9, 0.8, 0.7, 0.6, 0.5]);
    // Down to ~20%: 1-3-5-7.
    expect(remainingTicks(0.168)).toEqual([1, 0.7, 0.5, 0.3, 0.2, 0.15]);
    // Several decades: 1-2-5.
    expect(remainingTicks(0.01)).toEqual([1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01]);
    expect(remainingTicks(0.0032)).toEqual([1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002]);
    expect(formatRemaining(0.005)).toBe('0.5%');
    expect(formatRemaining(0.1678)).toBe('16.8%');
  });
});

describe('SVG export', () => {
  const chart = renderToStaticMarkup(<AccuracyVsRemaining runs={[rounds()]} />);
  const inner = chart.match(/<svg class="chart-svg"[\s\S]*?<\/svg>/)![0];

  it('wraps a chart into a standalone SVG with xmlns, title, white background and legend', () => {
    const out = wrapSvgMarkup(inner, 640, 340, 'Accuracy <vs> remaining', {
      subtitle: 'what it shows',
      legend: [{ label: 'Winning ticket', color: '#1d4ed8' }],
    });
    expect(out.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(out.svg).toContain('<title>Accuracy &lt;vs&gt; remaining</title>');
    expect(out.svg).toContain('fill="#ffffff"');
    expect(out.svg).toContain('>Winning ticket</text>');
    expect(out.svg).toContain('>what it shows</text>');
    expect(out.svg).toContain('data-mark="point"');
    expect(out.svg.endsWith('</svg>')).toBe(true);
    expect(out.width).toBe(640);
    // A long subtitle wraps onto several lines instead of running off the image.
    const long = wrapSvgMarkup(inner, 300, 340, 't', { subtitle: 'word '.repeat(40) });
    expect((long.svg.match(/>word word/g) ?? []).length).toBeGreaterThan(2);
    expect(wrapWords('aa bb cc', 5)).toEqual(['aa bb', 'cc']);
    expect(out.height).toBeGreaterThan(340);
  });

  it('svgToString serialises an element (no DOM here: a minimal stand-in element)', () => {
    const el = {
      getAttribute: (n: string) => ({ width: '640', height: '340' })[n] ?? null,
      getBoundingClientRect: () => ({ width: 640, height: 340 }),
      cloneNode() {
        return { ...el, setAttribute() {}, outerHTML: inner.replace('<svg ', '<svg xmlns="http://www.w3.org/2000/svg" ') };
      },
    } as unknown as SVGSVGElement;
    const s = svgToString(el, 'Accuracy vs. weights remaining');
    expect(s).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* width="640"/);
    expect(s).toContain('<title>Accuracy vs. weights remaining</title>');
    expect(s).toContain('>Accuracy vs. weights remaining</text>');
    expect((s.match(/<svg/g) ?? []).length).toBe((s.match(/<\/svg>/g) ?? []).length);
  });
});
