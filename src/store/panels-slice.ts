// The bottom panel's state and the hop inspector's choice: what the screen shows, never the cluster.
import type { StateCreator } from 'zustand';
import type { Store } from './types';
import { PANEL_DEFAULT_HEIGHT, PANEL_MAX_HEIGHT, PANEL_MIN_HEIGHT, type PanelsSlice } from './panels-types';

export const clampPanelHeight = (h: number) => Math.round(Math.min(PANEL_MAX_HEIGHT, Math.max(PANEL_MIN_HEIGHT, h)));

export const createPanelsSlice: StateCreator<Store, [['zustand/immer', never]], [], PanelsSlice> = (set) => ({
  panel: { open: true, height: PANEL_DEFAULT_HEIGHT, tab: 'console' },
  inspected: null,
  rulesNode: null,
  discoveryPod: null,
  eventFilter: { text: '', type: 'all', kind: 'all' },
  setPanelOpen: (open) => set((s) => void (s.panel.open = open)),
  setPanelHeight: (height) => set((s) => void (s.panel.height = clampPanelHeight(height))),
  showPanel: (tab) =>
    set((s) => {
      s.panel.tab = tab;
      s.panel.open = true;
    }),
  inspectHop: (requestId, hop) =>
    set((s) => {
      s.inspected = { requestId, hop };
      s.panel.tab = 'hop';
      s.panel.open = true;
    }),
  setRulesNode: (node) => set((s) => void (s.rulesNode = node)),
  setDiscoveryPod: (key) => set((s) => void (s.discoveryPod = key)),
  setEventFilter: (f) => set((s) => void Object.assign(s.eventFilter, f)),
});
