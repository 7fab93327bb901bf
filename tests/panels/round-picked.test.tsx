// @vitest-environment happy-dom
// The round picked in the scrubber, marked in the accuracy charts; the weight views of imported
// results (no weights) say why they are empty; the scrubber of imported results picks among
// their rounds. Markup parsed into a DOM and queried.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArmResult, ResultsDocument, RoundResult } from '../../src/engine/events';
import { AccuracyVsRemaining } from '../../src/panels/AccuracyVsRemaining';
import { UntrainedAccuracy } from '../../src/panels/UntrainedAccuracy';
import { MaskHeatmap } from '../../src/panels/MaskHeatmap';
import { CriterionPlane } from '../../src/panels/CriterionPlane';
import { WeightHistograms } from '../../src/panels/WeightHistograms';
import { RoundScrubber } from '../../src/controls/RoundScrubber';
import { EMPTY_RUN } from '../../src/state/run-slice';
import { useLab } from '../../src/state/store';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const arm = (acc: number): ArmResult => ({ untrainedAccuracy: 0.2, testAccuracy: acc, testLoss: 0.1, bestValAccuracy: acc, earlyStopIteration: 100, testAccuracyAtEarlyStop: acc, curve: [], layers: [], seconds: 1 });
const ROUNDS: RoundResult[] = [0, 1, 2].map((round) => ({ round, remaining: 0.5 ** round, ticket: arm(0.95), reinit: round ? arm(0.9) : null, randomMask: round ? arm(0.88) : null }));
const dom = (markup: string) => new DOMParser().parseFromString(`<body>${markup}</body>`, 'text/html');

afterEach(() => {
  useLab.setState({ ...EMPTY_RUN, selectedRound: null });
  document.body.innerHTML = '';
});

describe('the picked round in the accuracy charts', () => {
  it.each([
    ['accuracy', (h: number | null) => <AccuracyVsRemaining runs={[ROUNDS]} highlightRound={h} />],
    ['untrained accuracy', (h: number | null) => <UntrainedAccuracy runs={[ROUNDS]} numClasses={10} highlightRound={h} />],
  ])('%s: a dashed line at the round and its points enlarged; nothing when none is picked', (_name, chart) => {
    const picked = dom(renderToStaticMarkup(chart(1)));
    const mark = picked.querySelector('[data-mark=highlight]')!;
    expect(mark.getAttribute('data-round')).toBe('1');
    expect(mark.textContent).toBe('round 1');
    const radius = (round: number) => [...picked.querySelectorAll(`[data-mark=point][data-round="${round}"]`)].map((c) => c.getAttribute('r'));
    expect(radius(1)).toEqual(['7.5', '7.5', '7.5']);
    expect(radius(2).every((r) => r === '5')).toBe(true);
    expect(dom(renderToStaticMarkup(chart(null))).querySelector('[data-mark=highlight]')).toBeNull();
  });
});

describe('weight views of imported results', () => {
  it('say the results carry no weights instead of waiting for a round', () => {
    const said = [
      <MaskHeatmap round={null} layers={null} noWeights />,
      <CriterionPlane round={null} layers={null} layer={null} onLayerChange={() => {}} criterion="large_final" noWeights />,
      <WeightHistograms round={null} layers={null} layer={null} onLayerChange={() => {}} noWeights />,
    ].map((el) => dom(renderToStaticMarkup(el)).body.textContent!);
    for (const text of said) {
      expect(text).toMatch(/Imported results carry no weights or masks/);
      expect(text).not.toMatch(/appears? when the first round finishes/);
    }
    expect(dom(renderToStaticMarkup(<MaskHeatmap round={null} layers={null} />)).body.textContent).toMatch(/Masks appear when the first round finishes training/);
  });

  it('the scrubber picks among the rounds of results without weights', () => {
    useLab.setState({ document: { rounds: ROUNDS } as unknown as ResultsDocument, imported: true });
    const container = document.createElement('div');
    document.body.append(container);
    act(() => createRoot(container).render(<RoundScrubber />));
    const range = container.querySelector<HTMLInputElement>('input[type=range]')!;
    expect([range.min, range.max, range.value]).toEqual(['0', '2', '2']);
    expect(container.querySelector('label')!.textContent).toBe('Round 2 · 25.0% of weights left');
  });
});
