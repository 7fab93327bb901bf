// @vitest-environment happy-dom
// Exported charts carry a caption: the settings in words and the link that runs them again.
import { afterEach, describe, expect, it } from 'vitest';
import { wrapSvgMarkup } from '../../src/panels/common/export-svg';
import { exportCaption } from '../../src/state/export-caption';
import { parseConfig } from '../../src/config/schema';
import { EMPTY_RUN } from '../../src/state/run-slice';
import { useLab } from '../../src/state/store';

const parse = (svg: string) => new DOMParser().parseFromString(svg, 'image/svg+xml');

afterEach(() => useLab.setState({ ...EMPTY_RUN }));

describe('export captions', () => {
  it('the caption is the settings on screen and an absolute link to them', () => {
    useLab.getState().setConfig(parseConfig({ dataset: 'fashion', model: 'mlp-32-16', rate: 0.5, rounds: 3, seed: 7 }).config);
    const [words, link] = exportCaption();
    expect(words).toMatch(/^Fashion.* · MLP 784-32-16-10 · pruning 50% per round · 3 pruning rounds · seed 7$/);
    const url = new URL(link);
    expect(url.searchParams.get('dataset')).toBe('fashion');
    expect(url.searchParams.get('seed')).toBe('7');
  });

  it('is drawn under the chart, the link wrapped to the width, and the file grows to hold it', () => {
    const link = `http://127.0.0.1:5173/?${'dataset=mnist&model=lenet300&rate=0.2&'.repeat(4)}seed=1`;
    const without = wrapSvgMarkup('<svg width="400" height="300"></svg>', 400, 300, 'Accuracy');
    const withCaption = wrapSvgMarkup('<svg width="400" height="300"></svg>', 400, 300, 'Accuracy', { caption: ['MNIST digits · LeNet-300-100 · seed 1', link] });
    expect(withCaption.height).toBeGreaterThan(without.height);
    const texts = [...parse(withCaption.svg).querySelectorAll('text')].map((t) => ({ text: t.textContent ?? '', y: Number(t.getAttribute('y')) }));
    const caption = texts.filter((t) => t.y > 300);
    expect(caption[0].text).toBe('MNIST digits · LeNet-300-100 · seed 1');
    expect(caption.slice(1).map((t) => t.text).join('')).toBe(link);
    expect(caption.length).toBeGreaterThan(2); // the link did not fit one line
    expect(caption.every((t) => t.y < withCaption.height)).toBe(true);
  });
});
