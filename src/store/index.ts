// The one store: slices combined under a single immer middleware (zustand's slices pattern).
import { create } from 'zustand';
import { immer } from 'zustand/middleware/immer';
import { defaultCluster, type ClusterState } from '../sim';
import type { Store } from './types';
import { createClusterSlice } from './cluster-slice';
import { createPlaybackSlice } from './playback-slice';
import { createRequestsSlice } from './requests-slice';
import { createUiSlice } from './ui-slice';

export function createAppStore(initial: () => ClusterState = defaultCluster) {
  return create<Store>()(
    immer((...a) => ({
      ...createClusterSlice(initial)(...a),
      ...createPlaybackSlice(...a),
      ...createRequestsSlice(...a),
      ...createUiSlice(...a),
    })),
  );
}

export const useStore = createAppStore();
export type AppStore = typeof useStore;
export * from './types';
