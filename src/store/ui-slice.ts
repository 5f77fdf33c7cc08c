// What the screen shows (selection, filters); never part of the cluster.
import type { StateCreator } from 'zustand';
import type { Store } from './types';

export interface UiSlice {
  /** the canvas id of the selected thing: pod/NS/NAME, node/NAME, svc/NS/NAME, client, lb/IP */
  selection: string | null;
  showSystem: boolean;
  /** the request shown in the trace panel (the latest one sent by hand) */
  focusedRequest: number | null;
  select: (id: string | null) => void;
  /** show request id in the trace panel (the request list's choice) */
  focusRequest: (id: number) => void;
  /** the camera follows the focused packet */
  followPacket: boolean;
  setFollowPacket: (on: boolean) => void;
  setShowSystem: (on: boolean) => void;
}

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
