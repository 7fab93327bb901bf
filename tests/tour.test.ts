// The guided tour's data and link: every chapter's experiment reads cleanly and fits a lecture's
// minute, tour=N opens a chapter or is named in the banner, and the address bar keeps it.
import { afterEach, describe, expect, it } from 'vitest';
import { decodeConfig } from '../src/config/url';
import { estimateTime } from '../src/config/implications';
import { decodeLink } from '../src/state/link';
import { useLab } from '../src/state/store';
import { PANELS, UI_KEYS } from '../src/state/ui-slice';
import { readUrl, urlFor } from '../src/state/url-sync';
import { CHAPTERS, chapterConfig, isAvailable, PANEL_CARDS, TOUR_CHAPTERS } from '../src/tour/chapters';
import { linkNamesExperiment, readTourParam, stepChapter } from '../src/tour/tour-param';
import { DEFAULT_CONFIG } from '../src/config/schema';

// LeNet-300-100 on WASM in chromium on a laptop (measured for the tour's sizing).
const LAPTOP_SAMPLES_PER_SECOND = 10_000;

afterEach(() => {
  useLab.setState({ tour: null, hidden: [], big: false, config: DEFAULT_CONFIG, configIssues: [] });
});

describe('chapters', () => {
  it.each(CHAPTERS.map((c) => [c.title, c] as const))('%s: its query reads with no issue, its chart exists and it is shown', (_, chapter) => {
    expect(decodeConfig(chapter.query).issues).toEqual([]);
    expect(PANELS.map((p) => p.id)).toContain(chapter.panel);
    expect(PANEL_CARDS[chapter.panel]).toBeTruthy();
    expect(isAvailable(chapter)).toBe(true);
  });

  it.each(CHAPTERS.map((c) => [c.title, c] as const))('%s: its experiment is estimated under 90 s at 10,000 samples/s', (_, chapter) => {
    expect(estimateTime(chapterConfig(chapter).config, LAPTOP_SAMPLES_PER_SECOND).seconds).toBeLessThan(90);
  });

  it.each(CHAPTERS.map((c) => [c.title, c] as const))('%s: names its paper and the numbers the lab measured', (_, chapter) => {
    expect(chapter.reference).toMatch(/\(20\d\d\)/);
    expect(chapter.text.length).toBeGreaterThan(150);
    expect(chapter.lookFor).toMatch(/\d+\.\d+%/);
    expect(chapter.lookFor).toMatch(/seed 1/);
  });

  it('shows every chapter, in order, and leaves out one whose chart or settings the lab does not have', () => {
    expect(TOUR_CHAPTERS).toEqual(CHAPTERS);
    expect(TOUR_CHAPTERS).toHaveLength(7);
    expect(isAvailable({ ...CHAPTERS[0], panel: 'no-such-chart' })).toBe(false);
    expect(isAvailable({ ...CHAPTERS[0], query: `${CHAPTERS[0].query}&mode=no-such-mode` })).toBe(false);
  });

  it('gives each finding its own experiment', () => {
    expect(new Set(CHAPTERS.map((c) => c.query)).size).toBe(CHAPTERS.length);
    expect(chapterConfig(CHAPTERS[4]).config.mode).toBe('supermask');
    expect(chapterConfig(CHAPTERS[5]).config.transfer).toBe('fashion');
    expect(chapterConfig(CHAPTERS[2]).config.rewinds).toEqual([0]);
  });
});

describe('tour=N', () => {
  it('opens chapters 1 to the last', () => {
    expect(readTourParam(undefined, 7)).toEqual({ chapter: null, issue: null });
    expect(readTourParam('1', 7)).toEqual({ chapter: 1, issue: null });
    expect(readTourParam('7', 7)).toEqual({ chapter: 7, issue: null });
  });

  it('names a chapter that does not exist, and opens none', () => {
    expect(readTourParam('0', 7)).toMatchObject({ chapter: null, issue: { field: 'tour', message: 'tour=0: the guided tour has chapters 1 to 7; no chapter opened' } });
    expect(readTourParam('8', 7).issue?.message).toBe('tour=8: the guided tour has chapters 1 to 7; no chapter opened');
    expect(readTourParam('99999999999999999999', 7).chapter).toBeNull();
  });

  it('names what is not a chapter number, and opens none', () => {
    for (const raw of ['abc', '1.5', '-1', '', ' ', '2e1', 'NaN']) {
      const { chapter, issue } = readTourParam(raw, 7);
      expect(chapter).toBeNull();
      expect(issue?.message).toBe(`tour=${raw}: not a chapter number; use tour=1 to tour=7; no chapter opened`);
    }
    expect(readTourParam('x'.repeat(500), 7).issue!.message.length).toBeLessThan(100);
  });

  it('steps within the chapters', () => {
    expect(stepChapter(1, -1, 7)).toBe(1);
    expect(stepChapter(1, 1, 7)).toBe(2);
    expect(stepChapter(7, 1, 7)).toBe(7);
    expect(stepChapter(4, -1, 7)).toBe(3);
  });

  it('tells a bare tour link from one that names settings', () => {
    expect(linkNamesExperiment('?tour=2&big=1', UI_KEYS)).toBe(false);
    expect(linkNamesExperiment('?tour=2&rate=0.3', UI_KEYS)).toBe(true);
  });

  it('is read from the link with the other page keys, its issue in the banner', () => {
    expect(decodeLink('?tour=2').tour).toBe(2);
    const bad = decodeLink('?tour=12&rate=0.3');
    expect(bad.tour).toBeNull();
    expect(bad.issues.map((i) => i.message)).toEqual(['tour=12: the guided tour has chapters 1 to 7; no chapter opened']);
    expect(bad.config.rate).toBe(0.3);
  });
});

describe('the store and the address bar', () => {
  it('a bare ?tour=N loads the chapter’s experiment and writes tour=N back', () => {
    readUrl('?tour=5&big=1');
    const s = useLab.getState();
    expect(s.tour).toBe(5);
    expect(s.big).toBe(true);
    expect(s.config).toEqual(chapterConfig(CHAPTERS[4]).config);
    expect(urlFor()).toMatch(/&tour=5$/);
    expect(decodeLink(urlFor()).tour).toBe(5);
  });

  it('a link with settings keeps them; the other issues of the link stay named', () => {
    readUrl('?tour=2&rate=0.3&big=2');
    const s = useLab.getState();
    expect(s.tour).toBe(2);
    expect(s.config.rate).toBe(0.3);
    expect(s.configIssues.map((i) => i.field)).toEqual(['big']);
    readUrl('?tour=3&big=2');
    expect(useLab.getState().config).toEqual(chapterConfig(CHAPTERS[2]).config);
    expect(useLab.getState().configIssues.map((i) => i.field)).toEqual(['big']);
  });

  it('a bad tour= opens nothing and leaves no tour= in the address', () => {
    readUrl('?tour=abc');
    expect(useLab.getState().tour).toBeNull();
    expect(useLab.getState().configIssues.map((i) => i.message)).toEqual(['tour=abc: not a chapter number; use tour=1 to tour=7; no chapter opened']);
    expect(urlFor()).not.toContain('tour=');
  });
});
