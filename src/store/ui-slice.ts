// What the screen shows (selection, filters); never part of the cluster.
import type { StateCreator } from 'zustand';
import type { Store, UiSlice } from './types';

export const createUiSlice: StateCreator<Store, [['zustand/immer', never]], [], UiSlice> = (set) => ({
  selection: null,
  showSystem: false,
  focusedRequest: null,
  select: (id) => set((s) => void (s.selection = id)),
  focusRequest: (id) => set((s) => void (s.focusedRequest = id)),
  followPacket: false,
  setFollowPacket: (on) => set((s) => void (s.followPacket = on)),
  setShowSystem: (on) => set((s) => void (s.showSystem = on)),
});
