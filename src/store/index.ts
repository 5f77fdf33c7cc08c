// The one store: slices combined under a single immer middleware (zustand's slices pattern).
import { create } from 'zustand';
import { immer } from 'zustand/middleware/immer';
import { defaultCluster, type ClusterState } from '../sim';
import type { AppStore, Store } from './types';
import { createClusterSlice } from './cluster-slice';
import { createPlaybackSlice } from './playback-slice';
import { createRequestsSlice } from './requests-slice';
import { createUiSlice } from './ui-slice';
import { createPanelsStore } from './panels-store';
import { createScenarioStore } from './scenario-store';
import { installHistory } from './history-slice';

export function createAppStore(initial: () => ClusterState = defaultCluster): AppStore {
  const store = create<Store>()(
    immer((...a) => ({
      ...createClusterSlice(initial)(...a),
      ...createPlaybackSlice(...a),
      ...createRequestsSlice(...a),
      ...createUiSlice(...a),
      ...createPanelsStore(...a),
      // scenarios, lessons and sharing; its resetCluster returns to the current scenario's start
      ...createScenarioStore(...a),
    })),
  );
  // every action becomes an undoable command (ticks excepted)
  installHistory(store);
  return store;
}

export const useStore = createAppStore();
export * from './types';
