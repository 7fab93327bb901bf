// @vitest-environment happy-dom
// Projector mode (projector=1): the link key, the settings sidebar hidden on entry, the caption,
// which chart is shown and the rule that shows it, the dark palette covering every chart colour,
// and the layout helpers that keep large text apart (axis ticks, histogram headings).
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG as DEFAULTS } from '../src/config/schema';
import { CRITERIA } from '../src/engine/criteria';
import { criterionArm, rewindArm, type Arm } from '../src/engine/events';
import { chartsWithContent, projectorRule, shownChart } from '../src/controls/ProjectorBar';
import { settingsCaption } from '../src/analysis/settings-caption';
import { fittingTicks, labelWidth } from '../src/panels/common/Axis';
import { RUN_COLORS } from '../src/panels/compare/run-colors';
import { armColor, CHANCE_COLOR, DENSE_COLOR, INIT_COLOR, KEPT_COLOR, PRUNED_COLOR, PROJECTOR_PALETTE, projectorPaletteCss } from '../src/panels/theme';
import { fitHeading, TRAINED_COLOR } from '../src/panels/WeightHistograms';
import { decodeLink } from '../src/state/link';
import { useLab } from '../src/state/store';
import { urlFor } from '../src/state/url-sync';

describe('projector=1 in the link', () => {
  it('is read as a switch, reported when not 1, and written back', () => {
    expect(decodeLink('?projector=1').projector).toBe(true);
    expect(decodeLink('?rate=0.3').projector).toBe(false);
    const wrong = decodeLink('?projector=yes');
    expect(wrong.projector).toBe(false);
    expect(wrong.issues.map((i) => i.field)).toContain('projector');
    useLab.getState().setProjector(true);
    expect(urlFor()).toMatch(/&projector=1/);
    useLab.getState().setProjector(false);
    expect(urlFor()).not.toMatch(/projector/);
  });

  it('hides the settings sidebar when it turns on, and they can be opened again', () => {
    useLab.getState().setHidden(['curves']);
    useLab.getState().setProjector(true);
    expect(useLab.getState().hidden).toEqual(['curves', 'settings']);
    useLab.getState().toggleHidden('settings');
    expect(useLab.getState().hidden).toEqual(['curves']);
    useLab.getState().setProjector(false);
    useLab.getState().setHidden([]);
  });
});

describe('settingsCaption', () => {
  it('names dataset, model, rate, rounds and seed in one line', () => {
    const line = settingsCaption({ ...DEFAULTS, dataset: 'mnist', model: 'mlp-32-16', rate: 0.2, rounds: 2, seed: 3 });
    expect(line).toBe('MNIST digits · MLP 784-32-16-10 · pruning 20% per round · 2 pruning rounds · seed 3');
    expect(settingsCaption({ ...DEFAULTS, dataset: 'fashion', model: 'lenet300', rate: 0.5, rounds: 1, seed: 1 })).toBe(
      'Fashion-MNIST · LeNet-300-100 · pruning 50% per round · 1 pruning round · seed 1',
    );
  });
});

describe('the chart on screen', () => {
  const page = () => {
    const main = document.createElement('main');
    main.innerHTML = `
      <section class="panels panels-main">
        <section class="chart-card" data-panel="supermask" aria-label="Supermask"><p data-empty="">nothing yet</p></section>
        <section class="chart-card" data-panel="accuracy-vs-remaining" aria-label="Accuracy"><svg></svg></section>
        <section class="chart-card" data-panel="learning-curves" aria-label="Curves" hidden><svg></svg></section>
        <section class="chart-card" data-panel="untrained" aria-label="Untrained"><svg></svg></section>
      </section>
      <section class="panels panels-weights">
        <section class="chart-card" data-panel="weight-histograms" aria-label="Weights"><svg></svg></section>
      </section>`;
    return main;
  };

  it('lists the cards with content in page order, the weight views marked', () => {
    expect(chartsWithContent(page())).toEqual([
      { id: 'accuracy-vs-remaining', title: 'Accuracy', weights: false },
      { id: 'untrained', title: 'Untrained', weights: false },
      { id: 'weight-histograms', title: 'Weights', weights: true },
    ]);
  });

  it('shows the picked chart while it has content, else the headline chart, else the first', () => {
    const charts = chartsWithContent(page());
    expect(shownChart(charts, 'untrained')?.id).toBe('untrained');
    expect(shownChart(charts, 'learning-curves')?.id).toBe('accuracy-vs-remaining');
    expect(shownChart(charts.slice(1), null)?.id).toBe('untrained');
    expect(shownChart([], null)).toBeNull();
  });

  it('hides every other card, and keeps the round scrubber with a weight view', () => {
    const charts = chartsWithContent(page());
    expect(projectorRule(charts[0])).toBe('.app.projector main .chart-card[data-panel]:not([data-panel="accuracy-vs-remaining"]) { display: none; }');
    expect(projectorRule(charts[2])).toContain('.app.projector .scrubber { display: flex; }');
    expect(projectorRule(null)).toContain('[data-panel="accuracy-vs-remaining"]');
  });
});

/** WCAG contrast of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, b2] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b2;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('the dark palette', () => {
  const arms: Arm[] = ['ticket', 'reinit', 'randomMask', 'transfer', 'transferRandomMask', 'targetTicket', ...CRITERIA.map(criterionArm), ...[0, 1, 50, 100, 250, 1000].map(rewindArm)];
  const chartColours = [...arms.map(armColor), DENSE_COLOR, CHANCE_COLOR, KEPT_COLOR, PRUNED_COLOR, INIT_COLOR, TRAINED_COLOR, ...RUN_COLORS].map((c) => c.toLowerCase());
  const CARD = '#0f172a';

  it('maps every colour a chart draws with to one readable on the dark card', () => {
    for (const c of chartColours) {
      expect(PROJECTOR_PALETTE[c], c).toBeDefined();
      if (c.length === 7 && PROJECTOR_PALETTE[c].length === 7) expect(contrast(PROJECTOR_PALETTE[c], CARD), `${c} -> ${PROJECTOR_PALETTE[c]}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('keeps the ticket and its controls apart', () => {
    const [ticket, reinit, randomMask] = (['ticket', 'reinit', 'randomMask'] as const).map((a) => PROJECTOR_PALETTE[armColor(a)]);
    expect(new Set([ticket, reinit, randomMask]).size).toBe(3);
    expect(contrast(ticket, randomMask)).toBeGreaterThan(1.5);
  });

  it('is CSS over the SVG attributes of .app.projector', () => {
    expect(projectorPaletteCss()).toContain('.app.projector svg [stroke="#1d4ed8" i] { stroke: #60a5fa; }');
  });
});

describe('large text stays apart', () => {
  it('drops the tick labels that would touch: no "100%50%"', () => {
    const fontPx = 18;
    const ticks = [1, 0.9, 0.8, 0.7, 0.6, 0.5];
    const position = (t: number) => (1 - t) * 250; // 25 px between neighbours
    const kept = fittingTicks(ticks, position, (t) => labelWidth(`${t * 100}%`, fontPx));
    expect(kept[0]).toBe(1);
    for (let i = 1; i < kept.length; i++) {
      const gap = Math.abs(position(kept[i]) - position(kept[i - 1]));
      expect(gap).toBeGreaterThanOrEqual((labelWidth(`${kept[i] * 100}%`, fontPx) + labelWidth(`${kept[i - 1] * 100}%`, fontPx)) / 2);
    }
    expect(kept.length).toBeLessThan(ticks.length);
    // With room enough every tick stays.
    expect(fittingTicks(ticks, (t) => (1 - t) * 2000, () => 40)).toEqual(ticks);
  });

  it('draws the longest histogram heading that fits', () => {
    const headings = ['a long heading with every detail', 'short heading', 'tiny'];
    expect(fitHeading(headings, 1000, 20)).toBe(headings[0]);
    expect(fitHeading(headings, 200, 20)).toBe('short heading');
    expect(fitHeading(headings, 10, 20)).toBe('tiny');
  });
});
