// kube-proxy's nftables mode is loaded only when a cluster uses it (the first view stays small): its
// sync registers here when src/sim/nftables.ts loads. Until then a node in nftables mode stays unsynced
// (proxyNeedsSync keeps saying so) and syncs once the module is in.
import type { ClusterState } from '../model/state';
import type { NftTable } from '../model/nftables';

export interface NftSyncEngine {
  syncNft(state: ClusterState, node: string): void;
  /** the `table ip6 kube-proxy` every node in nftables mode also has (see ip6KubeProxyTable) */
  ip6Table(): NftTable;
}

let engine: NftSyncEngine | null = null;

export function registerNftSync(e: NftSyncEngine): void {
  engine = e;
}
export const nftSyncEngine = (): NftSyncEngine | null => engine;
