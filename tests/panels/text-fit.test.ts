// The panels' one estimate of a line's width, and the longest version of a line that fits.
import { describe, expect, it } from 'vitest';
import { fitText, textWidth } from '../../src/panels/common/text-fit';

describe('text-fit', () => {
  it('estimates a line by its characters, bold a little wider, several lines by the widest', () => {
    expect(textWidth('abcdefghij', 20)).toBeCloseTo(112);
    expect(textWidth('abcdefghij', 20, 'bold')).toBeCloseTo(120);
    expect(textWidth(['ab', 'abcdefghij', 'abc'], 20)).toBeCloseTo(112);
    expect(textWidth([], 20)).toBe(0);
  });

  it('takes the first version that fits, else the shortest', () => {
    const versions = ['fc1: 64.0% kept (150,528 of 235,200)', 'fc1: 64.0% kept', 'fc1'];
    expect(fitText(versions, 1000, 13)).toBe(versions[0]);
    expect(fitText(versions, 150, 13)).toBe('fc1: 64.0% kept');
    expect(fitText(versions, 5, 13)).toBe('fc1');
  });
});
