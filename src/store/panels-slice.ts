// The bottom panel's state and the hop inspector's choice: what the screen shows, never the cluster.
import type { StateCreator } from 'zustand';
import type { Store } from './types';

export type PanelTab = 'hop' | 'rules' | 'events' | 'discovery' | 'console' | 'yaml';

export const PANEL_MIN_HEIGHT = 160;

export const PANEL_MAX_HEIGHT = 900;

export const PANEL_DEFAULT_HEIGHT = 380;

export interface EventFilter {
  text: string;
  /** all, Normal, Warning, or the simulator's own records */
  type: 'all' | 'Normal' | 'Warning' | 'sim';
  /** an involved object's kind, or all */
  kind: string;
}

export interface PanelsSlice {
  panel: { open: boolean; height: number; tab: PanelTab };
  /** the hop shown in the hop inspector */
  inspected: { requestId: number; hop: number } | null;
  /** the node whose kube-proxy rules the Rules tab shows (null: follow the inspected hop / selection) */
  rulesNode: string | null;
  /** ns/name of the Pod the Discovery tab looks at (null: the selected Pod, else busybox) */
  discoveryPod: string | null;
  eventFilter: EventFilter;
  setPanelOpen: (open: boolean) => void;
  setPanelHeight: (height: number) => void;
  /** switch tab (and open the panel) */
  showPanel: (tab: PanelTab) => void;
  /** open the hop inspector on hop `hop` of request `requestId` */
  inspectHop: (requestId: number, hop: number) => void;
  setRulesNode: (node: string | null) => void;
  setDiscoveryPod: (key: string | null) => void;
  setEventFilter: (f: Partial<EventFilter>) => void;
}

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
