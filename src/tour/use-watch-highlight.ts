// Marks the chart a tour chapter is about: an outline and a "Watch this chart" label (tour.css,
// on [data-tour-watch]), scrolled into view when it is first on the page and when it first draws. Charts mount and
// unmount as runs start (a supermask chart exists only in supermask mode), so the page is watched
// for the card to appear rather than looked up once.
import { useEffect } from 'react';

export const WATCH_ATTRIBUTE = 'data-tour-watch';
export const WATCH_LABEL = 'Watch this chart';

/** The card of the live charts (not a comparison's card of the same id). */
export const findCard = (cardId: string): HTMLElement | null => document.querySelector<HTMLElement>(`main .panels [data-panel="${cardId}"]`);

const SETTLE_MS = 4000;
const TOP_MARGIN_PX = 16;

/** Vertically only: a page wider than the window is not scrolled sideways. */
function scrollToCard(card: HTMLElement, behavior: ScrollBehavior) {
  window.scrollTo({ top: window.scrollY + card.getBoundingClientRect().top - TOP_MARGIN_PX, behavior });
}

/** Its top in the upper half of the window, or the page cannot scroll further toward it. */
function inView(card: HTMLElement): boolean {
  const top = card.getBoundingClientRect().top;
  const bottomOfPage = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
  return (top >= 0 && top < window.innerHeight / 2) || (top >= 0 && bottomOfPage);
}

export function useWatchHighlight(cardId: string | null, chapter: number | null): void {
  useEffect(() => {
    if (!cardId || chapter === null) return;
    let marked: HTMLElement | null = null;
    let scrolled = false;
    // A run starting empties every chart and the page grows again as they draw, leaving the view
    // far from this one: it is scrolled to again when it draws its first marks, and kept in view
    // while the charts around it draw theirs (a few seconds).
    let scrolledDrawn = false;
    let settleUntil = 0;
    const mark = () => {
      const card = findCard(cardId);
      if (card !== marked || !card?.hasAttribute(WATCH_ATTRIBUTE)) {
        marked?.removeAttribute(WATCH_ATTRIBUTE);
        marked = card;
        card?.setAttribute(WATCH_ATTRIBUTE, WATCH_LABEL);
      }
      if (!card || card.hidden) return;
      const drawn = card.querySelector('[data-mark]') !== null;
      if (!scrolled) scrollToCard(card, 'smooth');
      else if (drawn && !scrolledDrawn) {
        scrollToCard(card, 'smooth');
        settleUntil = performance.now() + SETTLE_MS;
      } else if (drawn && performance.now() < settleUntil && !inView(card)) scrollToCard(card, 'instant');
      scrolled = true;
      scrolledDrawn = drawn;
    };
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      marked?.removeAttribute(WATCH_ATTRIBUTE);
    };
  }, [cardId, chapter]);
}
