// Moving through the tour: a chapter opens with its experiment loaded (as a preset is) and its
// chart shown; leaving keeps whatever settings and results are on screen.
import { useLab } from '../state/store';
import { chapterConfig, TOUR_CHAPTERS } from './chapters';

const chapterAt = (n: number) => TOUR_CHAPTERS[n - 1];

/** Opens chapter n (1-based): its experiment replaces the settings, its chart is unhidden. */
export function openChapter(n: number): void {
  const chapter = chapterAt(n);
  if (!chapter) return;
  const { hidden, setHidden, setConfig, setTour } = useLab.getState();
  setConfig(chapterConfig(chapter).config);
  if (hidden.includes(chapter.panel)) setHidden(hidden.filter((id) => id !== chapter.panel));
  setTour(n);
}

/**
 * tour=N from a link. A bare `?tour=N` loads the chapter's experiment; a link that names settings
 * (a chapter shared after its settings were changed) keeps them. The link's issues stay in the banner.
 */
export function openLinkedChapter(n: number, linkNamesExperiment: boolean): void {
  if (!chapterAt(n)) return;
  if (linkNamesExperiment) return useLab.getState().setTour(n);
  const issues = useLab.getState().configIssues;
  openChapter(n);
  useLab.setState({ configIssues: issues });
}

export const leaveTour = (): void => useLab.getState().setTour(null);
