import { useSyncExternalStore } from 'react';
import { useLab, type LabState } from '../../state/store';

/**
 * Like `useLab(selector)`, but a static render (react-dom/server: tests, exports) also reads the
 * store's current state; zustand's hook renders the initial state there. The selector must return
 * a stable value (a state field or a primitive).
 */
export function useLabNow<T>(selector: (state: LabState) => T): T {
  const get = () => selector(useLab.getState());
  return useSyncExternalStore(useLab.subscribe, get, get);
}
