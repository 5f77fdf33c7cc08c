// A large cluster: its heavy work (the controllers' ticks, the autosave's text) is done in the engine
// Worker (offload.ts), since on the page it held the main thread for hundreds of ms (issue 12).
import type { ClusterState } from '../sim';
import { lazyModule } from './lazy';

/** The engine Worker's page side (loaded with the later parts, ui/preload.ts). */
export const offload = lazyModule(() => import('./offload'));

/** From this many Pods (of every namespace, there or about to be) a cluster counts as large. */
export const LARGE_FROM_PODS = 300;

/**
 * Whether the cluster has, or its ReplicaSets are about to make, more than LARGE_FROM_PODS Pods: a
 * scale to 10,000 is large from its first tick (which creates a batch of up to 500 Pods).
 */
export function isLarge(c: ClusterState): boolean {
  let n = 0;
  for (const _ in c.objects.pods) if (++n > LARGE_FROM_PODS) return true;
  // (a Deployment's Pods are its ReplicaSets' ones: whichever says more)
  let sets = 0;
  let deployments = 0;
  for (const rs of Object.values(c.objects.replicasets)) sets += rs.spec.replicas ?? 0;
  for (const d of Object.values(c.objects.deployments)) deployments += d.spec.replicas ?? 0;
  return Math.max(sets, deployments) > LARGE_FROM_PODS;
}
