// How the screen is shown: presentation mode (large type, one panel) and the read-only view, in which
// commands that would change the cluster are refused (installHistory puts everything back).
import type { StateCreator } from 'zustand';
import type { Store } from './types';
import { inform } from './notices';

/** the dock section (by its id) or the bottom panel shown while presenting; none: the canvas alone */
export type PresentPanel = 'none' | 'lessons' | 'trace' | 'send' | 'selection' | 'cluster' | 'bottom';

export interface ViewSlice {
  presenting: boolean;
  /** the one dock panel shown while presenting */
  presentPanel: PresentPanel;
  readOnly: boolean;
  /** the keyboard shortcut list is open */
  shortcutsOpen: boolean;
  setShortcutsOpen: (open: boolean) => void;
  setPresenting: (on: boolean) => void;
  setPresentPanel: (p: PresentPanel) => void;
  setReadOnly: (on: boolean) => void;
}

export const createViewSlice: StateCreator<Store, [['zustand/immer', never]], [], ViewSlice> = (set) => ({
  presenting: false,
  presentPanel: 'trace',
  readOnly: false,
  shortcutsOpen: false,
  setShortcutsOpen: (open) => set((s) => void (s.shortcutsOpen = open)),
  setPresenting: (on) => set((s) => void (s.presenting = on)),
  setPresentPanel: (p) => set((s) => void (s.presentPanel = p)),
  setReadOnly: (on) =>
    set((s) => {
      s.readOnly = on;
      inform(
        s,
        on
          ? 'Read-only view: the cluster cannot be changed (requests can still be sent).'
          : 'Read-only view is off: changes are allowed again.',
      );
    }),
});
