import { describe, expect, it } from 'vitest';
import { hasFinishedResults, needsConfirmation } from '../src/config/confirmations';

describe('needsConfirmation', () => {
  it('a run=1 link asks above 10 min', () => {
    expect(needsConfirmation({ estimateSeconds: 600, source: 'link' })).toBe(false);
    expect(needsConfirmation({ estimateSeconds: 601, source: 'link' })).toBe(true);
    expect(needsConfirmation({ estimateSeconds: 5, source: 'link' })).toBe(false);
  });
  it('the Run button asks above 30 min', () => {
    expect(needsConfirmation({ estimateSeconds: 1200, source: 'button' })).toBe(false);
    expect(needsConfirmation({ estimateSeconds: 1800, source: 'button' })).toBe(false);
    expect(needsConfirmation({ estimateSeconds: 1801, source: 'button' })).toBe(true);
  });
  it('an estimate that is not a number asks', () => {
    expect(needsConfirmation({ estimateSeconds: NaN, source: 'button' })).toBe(true);
    expect(needsConfirmation({ estimateSeconds: Infinity, source: 'link' })).toBe(true);
  });
});

describe('hasFinishedResults', () => {
  it('only finished results with a document', () => {
    expect(hasFinishedResults('complete', true)).toBe(true);
    expect(hasFinishedResults('stopped', true)).toBe(true);
    expect(hasFinishedResults('complete', false)).toBe(false);
    expect(hasFinishedResults('idle', false)).toBe(false);
    expect(hasFinishedResults('running', true)).toBe(false);
  });
});
