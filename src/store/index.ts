// The one store: slices combined under a single immer middleware (zustand's slices pattern).
import { create } from 'zustand';
import { immer } from 'zustand/middleware/immer';
import { defaultCluster, type ClusterState } from '../sim';
import type { Store } from './types';
import { createClusterSlice } from './cluster-slice';
import { createPlaybackSlice } from './playback-slice';
import { createRequestsSlice } from './requests-slice';
import { createUiSlice } from './ui-slice';
import { createPanelsStore } from './panels-store';
import { createScenarioStore } from './scenario-store';
import { installHistory } from './history-slice';
import { nft } from './nft-loader';
import { proxyNeedsSync, syncProxy } from '../sim/kubeproxy/sync';

export function createAppStore(initial: () => ClusterState = defaultCluster) {
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
  // a cluster in nftables mode (a scenario, a share link, undo) loads that mode, then its nodes sync
  const ensureNft = (s: Store) => {
    if (s.cluster.settings.kubeProxy.mode !== 'nftables' || nft.loaded()) return;
    void nft.load().then(
      () =>
        store.setState((st) => {
          for (const name of Object.keys(st.cluster.proxies))
            if (proxyNeedsSync(st.cluster, name)) syncProxy(st.cluster, name);
        }),
      () => undefined,
    );
  };
  store.subscribe(ensureNft);
  ensureNft(store.getState());
  return store;
}

export const useStore = createAppStore();
export type AppStore = typeof useStore;
export * from './types';
