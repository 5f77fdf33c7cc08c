// The one store: slices combined under a single immer middleware (zustand's slices pattern).
import { create } from 'zustand';
import { immer } from 'zustand/middleware/immer';
import { defaultCluster, type ClusterState } from '../sim';
import type { AppStore, Store } from './types';
import { createClusterSlice } from './cluster-slice';
import { createPlaybackSlice } from './playback-slice';
import { createRequestsSlice } from './requests-slice';
import { createUiSlice } from './ui-slice';
import { createPanelsSlice } from './panels-slice';
import { createConsoleSlice } from './console-slice';
import { createYamlSlice } from './yaml-slice';
import { createHistorySlice, installHistory } from './history-slice';
import { createScenarioSlice } from './scenario-slice';
import { createLessonSlice } from './lesson-slice';
import { createViewSlice } from './view-slice';
import { nft } from './nft-loader';
import { proxyNeedsSync, syncProxy } from '../sim/kubeproxy/sync';
import { createChallengeSlice } from './challenge-slice';
import { nextTask } from './next-task';

export function createAppStore(initial: () => ClusterState = defaultCluster): AppStore {
  const store = create<Store>()(
    immer((...a) => ({
      ...createClusterSlice(initial)(...a),
      ...createPlaybackSlice(...a),
      ...createRequestsSlice(...a),
      ...createUiSlice(...a),
      // the look-inside panels: the bottom panel and hop inspector, the console, the YAML editor
      ...createPanelsSlice(...a),
      ...createConsoleSlice(...a),
      ...createYamlSlice(...a),
      // scenarios, lessons and sharing; the scenario's resetCluster (after the cluster's) returns to its start
      ...createHistorySlice(...a),
      ...createScenarioSlice(...a),
      ...createLessonSlice(...a),
      ...createViewSlice(...a),
      // troubleshooting challenges (their code loads on first use)
      ...createChallengeSlice(...a),
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

// The page's start is three tasks, not one: evaluating its code, building the default cluster (60-100 ms
// on a cold page, where none of the engine's code has run yet), then the rest of the code and the start
// of rendering. One task of all three passed 200 ms on a loaded machine.
await nextTask();
export const useStore = createAppStore();
await nextTask();
export * from './types';
