// Config controls and presets rendered to static markup (react-dom/server, no DOM), from the real
// store: one control per schema field, the link's hide list, implication lines, the run note,
// labels, and the presets' active mark.
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ConfigControls,
  ConfigControlsView,
  groupsForSchema,
  itersToPosition,
  lrFromPosition,
  positionToIters,
  widthsError,
} from '../src/controls/ConfigControls';
import { Presets, applyPreset } from '../src/controls/Presets';
import { fieldError } from '../src/controls/fields/validate';
import { PRESETS, presetConfig } from '../src/config/presets';
import { DEFAULT_CONFIG, FIELDS, parseConfig, type ExperimentConfig } from '../src/config/schema';
import { useLab } from '../src/state/store';

const initial = useLab.getState();
afterEach(() => useLab.setState(initial, true));

const FIELD_NAMES = Object.keys(FIELDS);
const cfg = (c: Partial<ExperimentConfig> = {}) => parseConfig({ ...DEFAULT_CONFIG, ...c }).config;

/** data-field values of the field wrappers (class="field…"), in document order. */
function wrappers(html: string): string[] {
  return [...html.matchAll(/<div class="field(?: disabled)?" data-field="([^"]+)" id="field-([^"]+)"/g)].map((m) => {
    expect(m[2]).toBe(m[1]);
    return m[1];
  });
}

/** The implication line of one field, as text. */
function note(html: string, name: string): string {
  const m = html.match(new RegExp(`<p class="implication" id="field-${name}-note" data-implication="${name}">([^<]*)</p>`));
  expect(m, `implication of ${name}`).not.toBeNull();
  return m![1].replace(/&amp;/g, '&').replace(/&#x27;/g, "'").replace(/&quot;/g, '"');
}

function tags(html: string, tag: 'input' | 'select'): string[] {
  return html.match(new RegExp(`<${tag}\\b[^>]*>`, 'g')) ?? [];
}
const attr = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];

describe('ConfigControls', () => {
  it('renders one labelled control per schema field, each in exactly one group', () => {
    const html = renderToStaticMarkup(<ConfigControls />);
    const names = wrappers(html);
    expect(names.length).toBe(FIELD_NAMES.length);
    expect(new Set(names)).toEqual(new Set(FIELD_NAMES));
    expect(groupsForSchema().flatMap((g) => g.fields).sort()).toEqual([...FIELD_NAMES].sort());
    // A field the schema gained without a designed control gets a plain fallback input: flag it.
    expect(html).not.toContain('data-generic');
    for (const title of ['Data &amp; model', 'Pruning', 'Training', 'Controls &amp; evaluation', 'Reproducibility &amp; backend'])
      expect(html).toContain(`<legend>${title}</legend>`);
  });

  it('gives every input and select an accessible label', () => {
    const html = renderToStaticMarkup(<ConfigControls />);
    const all = [...tags(html, 'input'), ...tags(html, 'select')];
    expect(all.length).toBeGreaterThan(FIELD_NAMES.length);
    for (const t of all) {
      const type = attr(t, 'type');
      if (type === 'radio' || type === 'checkbox') {
        // Wrapped in its label: <label class="radio|check"><input …>text</label>
        expect(html, t).toContain(`class="${type === 'radio' ? 'radio' : 'check'}">${t}`);
        continue;
      }
      const id = attr(t, 'id');
      expect(id, t).toBeTruthy();
      const labelled = html.includes(`for="${id}"`) || attr(t, 'aria-label') !== undefined;
      expect(labelled, t).toBe(true);
      expect(html.match(new RegExp(`id="${id}"`, 'g'))?.length, `unique id ${id}`).toBe(1);
    }
  });

  it('puts data-field on the sliders themselves', () => {
    const html = renderToStaticMarkup(<ConfigControls />);
    const ranges = tags(html, 'input').filter((t) => attr(t, 'type') === 'range');
    expect(ranges.map((t) => attr(t, 'data-field')).sort()).toEqual(['convRate', 'iters', 'lr', 'rate', 'rewind', 'rounds', ...('seeds' in FIELDS ? ['seeds'] : [])].sort());
    const rate = ranges.find((t) => attr(t, 'data-field') === 'rate')!;
    expect([attr(rate, 'min'), attr(rate, 'max'), attr(rate, 'step'), attr(rate, 'value')]).toEqual(['1', '95', '1', '20']);
    const rounds = ranges.find((t) => attr(t, 'data-field') === 'rounds')!;
    expect([attr(rounds, 'min'), attr(rounds, 'max'), attr(rounds, 'value')]).toEqual(['0', '30', '7']);
  });

  it('does not render fields (or groups) the link hides', () => {
    useLab.setState({ hidden: ['rate', 'seed', 'masks'] });
    let html = renderToStaticMarkup(<ConfigControls />);
    const names = wrappers(html);
    expect(names).not.toContain('rate');
    expect(names).not.toContain('seed');
    expect(names.length).toBe(FIELD_NAMES.length - 2);
    expect(html).not.toContain('data-field="rate"');
    expect(html).not.toContain('id="field-seed"');

    useLab.setState({ hidden: ['group-training', 'dataset', 'model'] });
    html = renderToStaticMarkup(<ConfigControls />);
    expect(wrappers(html)).not.toEqual(expect.arrayContaining(['iters']));
    for (const f of ['iters', 'batch', 'lr', 'opt', 'dataset', 'model']) expect(html).not.toContain(`id="field-${f}"`);
    expect(html).not.toContain('Data &amp; model'); // a group with nothing left is dropped
    expect(html).toContain('id="field-rate"');
  });

  it('shows what the config implies next to the controls', () => {
    let html = renderToStaticMarkup(<ConfigControls />);
    expect(note(html, 'rate')).toMatch(/^20% per round × 7 rounds: 21\.1% of weights remain \(56,\d{3} of 266,200\); output layer at half rate \(10% per round\)$/);
    expect(note(html, 'model')).toContain('266,200 weights + 410 biases = 266,610 parameters');
    expect(note(html, 'model')).toContain('532,400 FLOPs per example');
    expect(note(html, 'rounds')).toBe('22 training runs (1 dense + 7 rounds × (ticket + 2 controls)) × 1,000 iterations = 22,000 iterations');
    expect(note(html, 'iters')).toMatch(/^22,000 iterations in all; estimate: about \d+ min/);
    expect(note(html, 'batch')).toContain('1.09 epochs');
    expect(note(html, 'rewind')).toMatch(/^θ0: /);
    expect(note(html, 'backend')).toBe('auto: a short training measurement on each backend picks the fastest');
    expect(html).toContain('<output class="field-value" for="input-rate" data-value="rate">20% per round</output>');

    useLab.getState().setConfig({ rate: 0.5, rounds: 3, rewind: 500 });
    html = renderToStaticMarkup(<ConfigControls />);
    expect(note(html, 'rate')).toMatch(/^50% per round × 3 rounds: 12\.\d% of weights remain/);
    expect(note(html, 'rewind')).toMatch(/^late resetting to iteration 500 \(50\.0% of training/);
    expect(html).toContain('data-value="rate">50% per round</output>');
  });

  it('notes that changes apply to the next run while one is active', () => {
    expect(renderToStaticMarkup(<ConfigControls />)).not.toContain('data-testid="run-note"');
    for (const status of ['running', 'paused', 'starting'] as const) {
      useLab.setState({ status });
      expect(renderToStaticMarkup(<ConfigControls />)).toContain('Changes apply to the next run.');
    }
    useLab.setState({ status: 'complete' });
    expect(renderToStaticMarkup(<ConfigControls />)).not.toContain('Changes apply to the next run.');
  });

  it('disables conv models for 2-D data and the conv rate for MLPs; custom widths in a text box', () => {
    const set = () => {};
    let html = renderToStaticMarkup(<ConfigControlsView config={cfg({ dataset: 'spiral', model: 'mlp-64-64' })} setField={set} />);
    expect(html).toMatch(/<option value="conv2" disabled="" title="needs 28×28 images">/);
    expect(html).toMatch(/<option value="custom" selected="">/);
    expect(html).toMatch(/<input type="text" id="input-model-widths"[^>]*value="64-64"/);
    expect(html).toMatch(/<div class="field disabled" data-field="convRate"/);
    expect(tags(html, 'input').find((t) => attr(t, 'data-field') === 'convRate')).toContain('disabled=""');

    html = renderToStaticMarkup(<ConfigControlsView config={cfg({ model: 'conv2' })} setField={set} />);
    expect(html).toMatch(/<option value="conv2" selected="">/);
    expect(html).not.toContain('id="input-model-widths"');
    expect(html).toMatch(/<div class="field" data-field="convRate"/);
    expect(note(html, 'convRate')).toMatch(/^conv layers lose 10% per round/);
  });

  it('maps the log sliders both ways', () => {
    expect(positionToIters(0)).toBe(1);
    expect(positionToIters(1000)).toBe(50_000);
    for (const iters of [1, 10, 100, 1000, 5000, 20_000, 50_000]) expect(positionToIters(itersToPosition(iters))).toBe(iters);
    expect(lrFromPosition(Math.round(Math.log10(1.2e-3) * 100) / 100)).toBe(1.2e-3);
    expect(lrFromPosition(-5)).toBe(1e-5);
    expect(lrFromPosition(0)).toBe(1);
  });

  it('explains refused values instead of applying them', () => {
    const c = cfg();
    expect(fieldError('rate', 0.5, c)).toBeNull();
    expect(fieldError('rate', 0.99, c)).toMatch(/0\.95/);
    expect(fieldError('rewind', 2000, c)).toMatch(/past the 1000 training iterations/);
    expect(fieldError('model', 'mlp-300-100', c)).toBeNull();
    expect(fieldError('model', 'mlp-300-', c)).not.toBeNull();
    expect(fieldError('model', 'mlp-0', c)).toMatch(/1-2048/);
    expect(fieldError('iters', 1.5, c)).not.toBeNull();
    expect(fieldError('iters', NaN, c)).toBe('enter a number');
    expect(widthsError('300-100', c)).toBeNull();
    expect(widthsError(' 64-64-64 ', c)).toBeNull();
    expect(widthsError('64-', c)).toMatch(/^1 to 6 hidden widths/);
    expect(widthsError('1-2-3-4-5-6-7', c)).toMatch(/^1 to 6 hidden widths/);
    expect(widthsError('4096', c)).toMatch(/1-2048/);
  });
});

describe('Presets', () => {
  it('lists the required presets, each with its line and data-preset', () => {
    const html = renderToStaticMarkup(<Presets />);
    for (const title of ['Frankle &amp; Carbin: LeNet-300-100 on MNIST', 'Quick demo: 2-D spiral in seconds', 'Aggressive pruning: 50% per round', 'Late resetting'])
      expect(html).toContain(`<span class="preset-title">${title}`);
    expect(html.match(/data-preset="/g)?.length).toBe(PRESETS.length);
    expect(html.match(/class="preset-line"/g)?.length).toBe(PRESETS.length);
    expect(html).not.toContain('aria-pressed="true"'); // the defaults are no preset
  });

  it('applies a preset over the defaults and marks it active', () => {
    useLab.getState().setConfig({ seed: 42, batch: 128, evalSize: 2000 });
    const spiral = PRESETS.find((p) => p.id === 'spiral')!;
    applyPreset(spiral);
    expect(useLab.getState().config).toEqual(presetConfig(spiral));
    expect(useLab.getState().config.seed).toBe(spiral.config.seed ?? DEFAULT_CONFIG.seed);
    const html = renderToStaticMarkup(<Presets />);
    expect(html).toMatch(/class="preset active" data-preset="spiral" data-active="true" aria-pressed="true"/);
    expect(html.match(/aria-pressed="true"/g)?.length).toBe(1);

    useLab.getState().setField('rate', 0.25);
    expect(renderToStaticMarkup(<Presets />)).not.toContain('aria-pressed="true"');
  });

  it('is hidden by hide=presets', () => {
    useLab.setState({ hidden: ['presets'] });
    expect(renderToStaticMarkup(<Presets />)).toBe('');
  });
});

describe('IssuesBanner', () => {
  it('titles link problems and import notes differently', async () => {
    const { IssuesBannerView } = await import('../src/controls/IssuesBanner');
    const link = [{ field: 'rate', value: 7, message: 'rate=7: too big; using 0.2' }];
    expect(renderToStaticMarkup(<IssuesBannerView issues={link} onDismiss={() => {}} />)).toContain('were not valid and were replaced by defaults');
    const notes = [{ field: 'import', value: null, message: 'validation figures are the test figures' }];
    const html = renderToStaticMarkup(<IssuesBannerView issues={notes} onDismiss={() => {}} />);
    expect(html).toContain('Notes on the imported results:');
    expect(html).not.toContain('replaced by defaults');
  });
});
