// The comparison charts rendered from results documents given as props (react-dom/server, no
// DOM): one line per run in each of the three charts, in the run's own colour, the legend naming
// what differs, controls dashed on request, x on the log weights-remaining axis.
import { readFileSync } from 'node:fs';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FIELDS, parseConfig, type ExperimentConfig } from '../../src/config/schema';
import type { ResultsDocument } from '../../src/engine/events';
import { CompareCharts } from '../../src/panels/compare/CompareCharts';
import { compareChart, runLabels } from '../../src/panels/compare/compare-spec';
import { RUN_COLORS, runColor } from '../../src/panels/compare/run-colors';
import { MAX_COMPARED_RUNS, parseSweep, totalEstimateSeconds } from '../../src/config/sweep';
import { formatDuration } from '../../src/config/implications';
import { SweepForm } from '../../src/panels/compare/SweepForm';
import { ComparisonArea, ComparisonAreaView } from '../../src/panels/compare/ComparisonArea';

const example: ResultsDocument = JSON.parse(readFileSync(new URL('../../docs/example-results.json', import.meta.url), 'utf8'));

/** The example run (3 rounds, both controls) with other settings and its accuracies shifted. */
function doc(config: Partial<ExperimentConfig>, shift = 0): ResultsDocument {
  const d = structuredClone(example);
  d.config = parseConfig({ ...d.config, ...config }).config;
  for (const r of d.rounds) for (const arm of [r.ticket, r.reinit, r.randomMask]) if (arm) arm.testAccuracy = Math.min(1, arm.testAccuracy + shift);
  return d;
}

/** The markup of one chart card, from its data-panel to the next card. */
function panel(html: string, id: string): string {
  const start = html.indexOf(`data-panel="${id}"`);
  expect(start, id).toBeGreaterThan(-1);
  const next = html.indexOf('data-panel=', start + 1);
  return html.slice(start, next < 0 ? undefined : next);
}
const attrs = (html: string, tag: string) => [...html.matchAll(new RegExp(`<${tag} ([^>]*)>`, 'g'))].map((m) => Object.fromEntries([...m[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])));
const lines = (html: string) => attrs(html, 'path').filter((a) => a['data-mark'] === 'line');
const legendTexts = (html: string) => [...html.matchAll(/data-legend-item="([^"]*)"/g)].map((m) => m[1]);

const RATES = [doc({ rate: 0.2 }), doc({ rate: 0.5 }, -0.05)];

describe('runLabels (the legend words)', () => {
  it('names what differs between the runs, and only that', () => {
    expect(runLabels(RATES)).toEqual(['20%/round', '50%/round']);
    expect(runLabels([doc({ rate: 0.2, seed: 3 }), doc({ rate: 0.5, seed: 3 }), doc({ rate: 0.5, seed: 4 })])).toEqual(['20%/round, seed 3', '50%/round, seed 3', '50%/round, seed 4']);
  });
  it('runs nothing tells apart are numbered, so every legend entry is distinct', () => {
    expect(runLabels([doc({}), doc({})])).toEqual(['run 1', 'run 2']);
    const labels = runLabels([doc({ seed: 2 }), doc({ seed: 3 }), doc({ seed: 2 })]);
    expect(labels).toEqual(['seed 2 (run 1)', 'seed 3', 'seed 2 (run 3)']);
  });
});

describe('compareChart (spec)', () => {
  it('one series per run, its ticket, in its own colour; x is log10 of weights remaining', () => {
    const { spec, legend, empty } = compareChart(RATES, ['a', 'b'], 'accuracy');
    expect(empty).toBe(false);
    expect(spec.series.map((s) => [s.key, s.color, s.dash])).toEqual([
      ['run-0-ticket', runColor(0), undefined],
      ['run-1-ticket', runColor(1), undefined],
    ]);
    expect(spec.series[0].points.map((p) => p.x)).toEqual(example.rounds.map((r) => Math.log10(r.remaining)));
    expect(spec.series[1].points.map((p) => p.y)).toEqual(example.rounds.map((r) => r.ticket.testAccuracy - 0.05));
    expect(spec.xDomain[0]).toBe(0);
    expect(spec.xDomain[1]).toBeLessThan(Math.log10(0.25));
    expect(spec.xFormat(Math.log10(0.5))).toBe('50%');
    expect(spec.xTicks!.map(spec.xFormat)).toContain('100%');
    expect(legend).toEqual([
      { label: 'a', color: runColor(0) },
      { label: 'b', color: runColor(1) },
    ]);
  });

  it('controls on request: dashed, in the run’s colour, explained in the legend', () => {
    const { spec, legend } = compareChart(RATES, ['a', 'b'], 'accuracy', true);
    expect(spec.series.map((s) => s.key)).toEqual(['run-0-ticket', 'run-0-reinit', 'run-0-randomMask', 'run-1-ticket', 'run-1-reinit', 'run-1-randomMask']);
    expect(spec.series.filter((s) => s.key.startsWith('run-1')).every((s) => s.color === runColor(1))).toBe(true);
    expect(new Set(spec.series.map((s) => s.dash ?? 'solid')).size).toBe(3);
    // Controls start at round 1: round 0 is the dense network only.
    expect(spec.series[1].points).toHaveLength(2);
    expect(legend.map((l) => l.label)).toEqual(['a', 'b', 'random re-init (same run’s colour)', 'random mask (same run’s colour)']);
  });

  it('the early-stop axis holds the longest run’s iterations; the untrained axis starts at 0', () => {
    const long = [doc({ iters: 200 }), doc({ iters: 1000 })];
    expect(compareChart(long, ['a', 'b'], 'earlyStop').spec.yDomain).toEqual([0, 1000]);
    expect(compareChart(long, ['a', 'b'], 'untrained').spec.yDomain[0]).toBe(0);
  });

  it('runs with no finished round draw nothing and say so', () => {
    const none = [doc({}), doc({ seed: 2 })].map((d) => ({ ...d, rounds: [] }));
    expect(compareChart(none, ['a', 'b'], 'accuracy').empty).toBe(true);
  });

  it(`${MAX_COMPARED_RUNS} runs get ${MAX_COMPARED_RUNS} different colours`, () => {
    expect(new Set(RUN_COLORS).size).toBeGreaterThanOrEqual(MAX_COMPARED_RUNS);
    const many = Array.from({ length: MAX_COMPARED_RUNS }, (_, i) => doc({ seed: i + 1 }));
    expect(new Set(compareChart(many, runLabels(many), 'accuracy').spec.series.map((s) => s.color)).size).toBe(MAX_COMPARED_RUNS);
  });
});

describe('CompareCharts (rendered)', () => {
  const html = renderToStaticMarkup(<CompareCharts documents={RATES} onClose={() => {}} />);

  it('three charts, each with one line per run in the run’s colour', () => {
    for (const id of ['compare-accuracy', 'compare-untrained', 'compare-early-stop']) {
      const card = panel(html, id);
      expect(lines(card).map((l) => l.stroke), id).toEqual([runColor(0), runColor(1)]);
      expect(attrs(card, 'circle').filter((c) => c['data-mark'] === 'point'), id).toHaveLength(2 * example.rounds.length);
    }
  });

  it('the legend names what differs between the runs', () => {
    expect(legendTexts(panel(html, 'compare-accuracy'))).toEqual(['20%/round', '50%/round']);
    expect(html).toContain('2 runs compared');
    expect(html).toContain('data-action="close-comparison"');
    expect(html).toContain('Weights remaining (%, log scale)');
  });

  it('given labels are used as they are; controls drawn dashed when asked', () => {
    const three = [...RATES, doc({ rate: 0.8 }, -0.1)];
    const withControls = renderToStaticMarkup(<CompareCharts documents={three} labels={['x', 'y', 'z']} initialShowControls />);
    const card = panel(withControls, 'compare-accuracy');
    expect(legendTexts(card).slice(0, 3)).toEqual(['x', 'y', 'z']);
    const drawn = lines(card);
    expect(drawn).toHaveLength(9);
    expect(drawn.filter((l) => l['stroke-dasharray'])).toHaveLength(6);
    expect(withControls).not.toContain('data-action="close-comparison"');
  });
});

describe('SweepForm (rendered)', () => {
  const tiny = parseConfig({ dataset: 'gauss', model: 'mlp-16-16', rounds: 2, iters: 40 }).config;
  const render = (o: Partial<Parameters<typeof SweepForm>[0]> = {}) => renderToStaticMarkup(<SweepForm config={tiny} busy={false} onSweep={() => {}} {...o} />);
  const runButton = (html: string) => attrs(html, 'button').find((b) => b['data-action'] === 'run-sweep')!;
  const note = (html: string) => html.match(/data-sweep="note"[^>]*>(.*?)<\/p>/)![1].replace(/<[^>]+>/g, '');

  it('offers every setting by its label and key, the rate first chosen, its value to start from', () => {
    const html = render();
    expect(attrs(html, 'option')).toHaveLength(Object.keys(FIELDS).length);
    expect(html).toContain('>Pruning rate (rate)</option>');
    expect(html).toContain('>Evaluate every (eval)</option>');
    expect(html).toContain('>Repeats (seeds)</option>');
    expect(attrs(html, 'input').find((i) => i['data-sweep'] === 'values')!.value).toBe('0.2');
    // One value is no sweep yet: said, and Run sweep is off.
    expect(note(html)).toBe(' sweep=rate:0.2: a sweep needs two or more valid values; no sweep.');
    expect(runButton(html).disabled).toBe('');
  });

  it('valid values: the number of runs and their total estimate; a bad one is named', () => {
    const html = render({ initialValues: '0.2,0.5,0.8' });
    const total = formatDuration(totalEstimateSeconds(parseSweep('rate:0.2,0.5,0.8', tiny).plan!.configs));
    expect(note(html)).toBe(`3 runs, one after another: about ${total} in all.`);
    expect(runButton(html).disabled).toBeUndefined();
    const bad = render({ initialField: 'evalEvery', initialValues: '10,x,20' });
    expect(note(bad)).toMatch(/^2 runs, one after another: about .+ in all\. sweep value eval:x: eval=x: not a decimal number; left out of the sweep\.$/);
  });

  it('no sweep while a run is under way', () => {
    expect(runButton(render({ initialValues: '0.2,0.5', busy: true })).disabled).toBe('');
  });
});

describe('ComparisonAreaView (rendered)', () => {
  const config = parseConfig({}).config;
  const view = (o: Partial<Parameters<typeof ComparisonAreaView>[0]> = {}) =>
    renderToStaticMarkup(<ComparisonAreaView comparison={null} progress={null} note={null} config={config} running={false} onClose={() => {}} onSweep={() => {}} {...o} />);
  const runSweep = (html: string) => attrs(html, 'button').find((b) => b['data-action'] === 'run-sweep')!;

  it('nothing compared: only the sweep form', () => {
    const html = view();
    expect(html).toContain('data-testid="sweep-form"');
    expect(html).not.toContain('data-testid="comparison"');
    expect(html).not.toContain('data-testid="sweep-progress"');
  });

  it('a sweep under way and runs compared: its line, the charts with Close, a note; no second sweep', () => {
    const html = view({ comparison: { documents: RATES, runIds: ['a', 'b'] }, progress: { index: 1, total: 3, label: '50%/round' }, note: 'A note.' });
    expect(html).toContain('Sweep: run 2 of 3 (50%/round). Stop ends the sweep.');
    expect(html).toContain('A note.');
    expect(lines(panel(html, 'compare-accuracy'))).toHaveLength(2);
    expect(html).toContain('data-action="close-comparison"');
    expect(runSweep(html).disabled).toBe('');
    expect(runSweep(view({ running: true })).disabled).toBe('');
  });

  it('the connected area renders from the store as it starts (nothing compared)', () => {
    const html = renderToStaticMarkup(<ComparisonArea />);
    expect(html).toContain('data-testid="sweep-form"');
    expect(html).not.toContain('data-testid="comparison"');
  });
});
