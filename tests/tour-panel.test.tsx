// @vitest-environment happy-dom
// The tour box over the store: Next and Back change the chapter and load its experiment, the
// chapter's chart gets the "Watch this chart" mark (also when it appears later), leaving ends it.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/config/schema';
import { useLab } from '../src/state/store';
import { chapterConfig, CHAPTERS } from '../src/tour/chapters';
import { TourPanel, TourStartButton } from '../src/tour/TourPanel';
import { openChapter } from '../src/tour/tour-actions';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  useLab.setState({ tour: null, hidden: [], config: DEFAULT_CONFIG, configIssues: [] });
  document.body.innerHTML = '';
});

/** A page with the live chart grid holding the given cards, and the tour rendered beside it. */
function renderPage(cards: string[]) {
  document.body.innerHTML = `<main><section class="panels">${cards.map((c) => `<section data-panel="${c}"></section>`).join('')}</section></main>`;
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() =>
    root!.render(
      <>
        <TourStartButton />
        <TourPanel />
      </>,
    ),
  );
  return container;
}

/** Resolves once `done` holds: a MutationObserver's callback runs as a microtask after the change. */
async function waitFor(done: () => boolean) {
  for (let i = 0; i < 50 && !done(); i++) await new Promise((r) => setTimeout(r, 0));
}
const click = (el: Element | null) => act(() => (el as HTMLElement).click());
const card = (id: string) => document.querySelector(`[data-panel="${id}"]`)!;

describe('TourPanel', () => {
  it('opens from the entry point and moves with Next and Back, loading each chapter', () => {
    const page = renderPage(['accuracy-vs-remaining']);
    expect(page.querySelector('[data-testid=tour]')).toBeNull();
    click(page.querySelector('[data-action=tour-start]'));
    expect(useLab.getState().tour).toBe(1);
    expect(page.querySelector('[data-action=tour-start]')).toBeNull();
    expect(page.querySelector('h2')!.textContent).toBe(CHAPTERS[0].title);
    expect(page.querySelector('.tour-count')!.textContent).toBe('Guided tour · chapter 1 of 7');
    expect(page.querySelector<HTMLButtonElement>('[data-action=tour-back]')!.disabled).toBe(true);

    click(page.querySelector('[data-action=tour-next]'));
    expect(useLab.getState().tour).toBe(2);
    expect(useLab.getState().config).toEqual(chapterConfig(CHAPTERS[1]).config);
    expect(page.querySelector('h2')!.textContent).toBe(CHAPTERS[1].title);
    expect(page.querySelector('[data-testid=tour-look-for]')!.textContent).toBe(CHAPTERS[1].lookFor);
    expect(page.querySelector('.tour-reference')!.textContent).toBe(CHAPTERS[1].reference);

    click(page.querySelector('[data-action=tour-back]'));
    expect(useLab.getState().tour).toBe(1);
    expect(useLab.getState().config).toEqual(chapterConfig(CHAPTERS[0]).config);
  });

  it('stops at the last chapter and leaves on ✕, keeping the settings', () => {
    const page = renderPage([]);
    act(() => openChapter(7));
    expect(page.querySelector<HTMLButtonElement>('[data-action=tour-next]')!.disabled).toBe(true);
    click(page.querySelector('[aria-label="Leave the guided tour"]'));
    expect(useLab.getState().tour).toBeNull();
    expect(page.querySelector('[data-testid=tour]')).toBeNull();
    expect(useLab.getState().config).toEqual(chapterConfig(CHAPTERS[6]).config);
  });

  it('marks the chapter’s chart, moves the mark with the chapter, and finds a chart drawn later', async () => {
    const page = renderPage(['accuracy-vs-remaining', 'untrained-accuracy']);
    act(() => openChapter(1));
    expect(card('accuracy-vs-remaining').getAttribute('data-tour-watch')).toBe('Watch this chart');
    expect(card('untrained-accuracy').hasAttribute('data-tour-watch')).toBe(false);
    click(page.querySelector('[data-action=tour-next]'));
    expect(card('accuracy-vs-remaining').hasAttribute('data-tour-watch')).toBe(false);
    expect(card('untrained-accuracy').getAttribute('data-tour-watch')).toBe('Watch this chart');

    // Chapter 5's supermask chart exists only once a supermask run is on screen.
    act(() => openChapter(5));
    expect(document.querySelector('[data-tour-watch]')).toBeNull();
    const supermask = document.createElement('section');
    supermask.dataset.panel = 'supermask';
    act(() => document.querySelector('main .panels')!.append(supermask));
    await waitFor(() => supermask.hasAttribute('data-tour-watch'));
    expect(supermask.getAttribute('data-tour-watch')).toBe('Watch this chart');
  });

  it('unhides the chapter’s chart and says when the settings are no longer the chapter’s', () => {
    useLab.setState({ hidden: ['untrained', 'curves'] });
    const page = renderPage([]);
    act(() => openChapter(2));
    expect(useLab.getState().hidden).toEqual(['curves']);
    expect(page.querySelector('.tour-note')).toBeNull();
    act(() => useLab.getState().setField('rate', 0.3));
    expect(page.querySelector('.tour-note')!.textContent).toMatch(/settings differ from this chapter’s experiment/);
  });
});
