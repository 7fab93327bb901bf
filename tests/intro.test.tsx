import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Intro } from '../src/controls/Intro';

describe('the introduction before the first run', () => {
  it('explains the idea and what the current settings will do', () => {
    const html = renderToStaticMarkup(<Intro />);
    expect(html).toContain('Lottery Ticket Hypothesis');
    expect(html).toContain('LeNet-300-100');
    expect(html).toContain('21.1% of weights remain');
    expect(html).toMatch(/Estimate: about \d+ min/);
    expect(html).toContain('data-action="intro-quick"');
  });
});
