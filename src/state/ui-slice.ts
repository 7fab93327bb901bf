import type { StateCreator } from 'zustand';
import type { LabState } from './store';

/** Link keys that belong to the page, not the experiment (lecture options). */
export const UI_KEYS = ['hide', 'big', 'run'] as const;

export interface UiSlice {
  /** The round the weight and mask views show; null follows the latest round. */
  selectedRound: number | null;
  selectedLayer: number;
  /** Controls and panels hidden by the link (hide=rate,masks), for focused lectures. */
  hidden: string[];
  /** Large text for projectors. */
  big: boolean;
  selectRound: (round: number | null) => void;
  selectLayer: (layer: number) => void;
  setHidden: (ids: string[]) => void;
  toggleHidden: (id: string) => void;
  setBig: (big: boolean) => void;
}

export const createUiSlice: StateCreator<LabState, [], [], UiSlice> = (set) => ({
  selectedRound: null,
  selectedLayer: 0,
  hidden: [],
  big: false,
  selectRound: (round) => set({ selectedRound: round }),
  selectLayer: (layer) => set({ selectedLayer: layer }),
  setHidden: (ids) => set({ hidden: [...new Set(ids)] }),
  toggleHidden: (id) => set((s) => ({ hidden: s.hidden.includes(id) ? s.hidden.filter((h) => h !== id) : [...s.hidden, id] })),
  setBig: (big) => set({ big }),
});
