import type { StateCreator } from 'zustand';
import type { LabState } from './store';

/** Link keys that belong to the page, not the experiment: lecture options, runs compared (src/config/sweep.ts), the tour's chapter (src/tour/). */
export const UI_KEYS = ['hide', 'big', 'projector', 'run', 'sweep', 'runs', 'tour'] as const;

/** The panels hide= can name (the lecture options offer each; settings are named by their field). */
export const PANELS: { id: string; label: string }[] = [
  { id: 'intro', label: 'Introduction (before the first run)' },
  { id: 'supermask', label: 'Learned supermask (mode=supermask)' },
  { id: 'accuracy', label: 'Accuracy vs weights remaining' },
  { id: 'transfer', label: 'Accuracy on the transfer target' },
  { id: 'instability', label: 'Instability vs weights remaining' },
  { id: 'path', label: 'Error between two copies (stability path)' },
  { id: 'rewinds', label: 'Accuracy and instability vs rewind iteration' },
  { id: 'untrained', label: 'Accuracy before training' },
  { id: 'curves', label: 'Learning curves' },
  { id: 'earlystop', label: 'Early-stopping iteration' },
  { id: 'histograms', label: 'Weight histograms' },
  { id: 'plane', label: 'w_i vs w_f plane (mask criterion)' },
  { id: 'masks', label: 'Mask heatmaps' },
  { id: 'units', label: 'First-layer masks per unit' },
  { id: 'summary', label: 'Summary' },
  { id: 'table', label: 'Results table' },
  { id: 'settings', label: 'All settings (sidebar)' },
];
/** hide= names the lecture options do not list: the preset bar. */
export const LINK_ONLY_PANELS = ['presets'] as const;

export interface UiSlice {
  /** The round the weight and mask views show; null follows the latest round. */
  selectedRound: number | null;
  selectedLayer: number;
  /** Controls and panels hidden by the link (hide=rate,masks), for focused lectures. */
  hidden: string[];
  /** Large text for projectors. */
  big: boolean;
  /** projector=1: dark high-contrast page, one chart at a time (src/controls/ProjectorBar.tsx). */
  projector: boolean;
  /** The guided tour's open chapter (1-based, tour=N; src/tour/), or null outside the tour. */
  tour: number | null;
  selectRound: (round: number | null) => void;
  selectLayer: (layer: number) => void;
  setHidden: (ids: string[]) => void;
  toggleHidden: (id: string) => void;
  setBig: (big: boolean) => void;
  /** Turning it on hides the settings sidebar too (the projector bar can open it again). */
  setProjector: (projector: boolean) => void;
  setTour: (chapter: number | null) => void;
}

export const createUiSlice: StateCreator<LabState, [], [], UiSlice> = (set) => ({
  selectedRound: null,
  selectedLayer: 0,
  hidden: [],
  big: false,
  projector: false,
  tour: null,
  selectRound: (round) => set({ selectedRound: round }),
  selectLayer: (layer) => set({ selectedLayer: layer }),
  setHidden: (ids) => set({ hidden: [...new Set(ids)] }),
  toggleHidden: (id) => set((s) => ({ hidden: s.hidden.includes(id) ? s.hidden.filter((h) => h !== id) : [...s.hidden, id] })),
  setBig: (big) => set({ big }),
  setProjector: (projector) => set((s) => ({ projector, hidden: projector && !s.hidden.includes('settings') ? [...s.hidden, 'settings'] : s.hidden })),
  setTour: (tour) => set({ tour }),
});
