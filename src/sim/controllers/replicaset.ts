// replicaset-controller: keep spec.replicas active Pods. A Pod with a deletionTimestamp no longer counts,
// so its replacement (new name, new IP) is created at once while the old one is still Terminating.
import type { ClusterState } from '../model/state';
import type { Pod, ReplicaSet } from '../model/types';
import { emit, ref } from '../model/events';
import { clone, matchesSelector, newUid, nextRV } from '../model/meta';
import { admitServiceAccount } from '../apiserver/serviceaccount';
import { randomSuffix } from '../time/rng';
import { deleteObject } from '../apiserver/api';
import { defaultPod } from '../apiserver/defaults';
import { isPodReady } from '../model/facts';
import { isPodAvailable } from './deployment-util';

export function ownedBy(
  o: { metadata: { ownerReferences?: { uid: string; controller?: boolean }[] } },
  uid: string,
): boolean {
  return (o.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.controller);
}

export function isActive(p: Pod): boolean {
  return p.metadata.deletionTimestamp === undefined && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed';
}

function newPodName(s: ClusterState, prefix: string): string {
  const base = prefix.length > 58 ? prefix.slice(0, 58) : prefix;
  for (;;) {
    const name = base + randomSuffix(s);
    if (!s.objects.pods[`${name}`]) return name;
  }
}

/** A share link's name for this ReplicaSet's next Pod (see ClusterState.hints), if it lists one still free. */
function hintedName(s: ClusterState, ns: string, rs: ReplicaSet): string | undefined {
  const prefix = `${ns}/${rs.metadata.name}-`;
  const h = s.hints?.pods.find(
    (p) => p.key.startsWith(prefix) && p.key.length === prefix.length + 5 && !s.objects.pods[p.key],
  );
  return h?.key.slice(ns.length + 1);
}

function createPod(s: ClusterState, rs: ReplicaSet): Pod {
  const ns = rs.metadata.namespace ?? 'default';
  let name = hintedName(s, ns, rs) ?? newPodName(s, `${rs.metadata.name}-`);
  while (s.objects.pods[`${ns}/${name}`]) name = newPodName(s, `${rs.metadata.name}-`);
  const tpl = clone(rs.spec.template);
  const pod: Pod = defaultPod({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${rs.metadata.name}-`,
      namespace: ns,
      uid: newUid(s),
      resourceVersion: nextRV(s),
      creationTimestamp: s.now,
      labels: { ...(tpl.metadata?.labels ?? {}) },
      ...(tpl.metadata?.annotations ? { annotations: { ...tpl.metadata.annotations } } : {}),
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: rs.metadata.name,
          uid: rs.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: tpl.spec,
    status: { phase: 'Pending', qosClass: 'BestEffort' },
  });
  admitServiceAccount(pod);
  s.objects.pods[`${ns}/${name}`] = pod;
  return pod;
}

/**
 * kube-controller-manager's ReplicaSet controller creates at most BurstReplicas (500) Pods in one sync
 * (pkg/controller/replicaset, manageReplicas; the creations run in slowStartBatch batches of 1, 2, 4, …
 * within that sync), then waits for its expectations: the creations observed through the watch.
 */
export const BURST_REPLICAS = 500;
/** How long the sim takes a burst's creations to come back through the watch before the next sync. */
export const BURST_WINDOW_MS = 1000;

/** The next instant a ReplicaSet that is short of Pods may create more (its last burst leaves the window). */
export function replicaSetWake(s: ClusterState): number | null {
  let w: number | null = null;
  for (const rs of Object.values(s.objects.replicasets)) {
    const want = rs.spec.replicas ?? 1;
    if ((rs.status?.replicas ?? 0) >= want || want <= BURST_REPLICAS) continue;
    let oldest = Infinity;
    for (const p of Object.values(s.objects.pods))
      if (p.metadata.creationTimestamp > s.now - BURST_WINDOW_MS && ownedBy(p, rs.metadata.uid))
        oldest = Math.min(oldest, p.metadata.creationTimestamp);
    const t = oldest === Infinity ? null : oldest + BURST_WINDOW_MS;
    if (t !== null && (w === null || t < w)) w = t;
  }
  return w;
}

/**
 * Which Pods each ReplicaSet may have to look at, kept current while the controller runs: the Pods a
 * controller owns (by its uid) and the Pods without a controller (by namespace). Every other Pod has
 * another controller, which no ReplicaSet releases or adopts. Without it each ReplicaSet scanned every
 * Pod several times per reconcile: 125 ReplicaSets × 1,500 Pods made settling a large cluster take
 * tens of seconds. Pods are handed back in the order of s.objects.pods, so what the controller does
 * (and the resourceVersions it draws) is what the scan did.
 */
class PodIndex {
  private order = new Map<Pod, number>();
  private byOwner = new Map<string, Set<Pod>>();
  private orphans = new Map<string | undefined, Set<Pod>>();
  constructor(pods: Pod[]) {
    for (const p of pods) this.add(p);
  }
  add(p: Pod) {
    if (!this.order.has(p)) this.order.set(p, this.order.size);
    const refs = (p.metadata.ownerReferences ?? []).filter((r) => r.controller);
    for (const r of refs) this.set(this.byOwner, r.uid).add(p);
    if (!refs.length) this.set(this.orphans, p.metadata.namespace).add(p);
  }
  /** after p's owner references changed */
  update(p: Pod, was: string[]) {
    for (const uid of was) this.byOwner.get(uid)?.delete(p);
    this.orphans.get(p.metadata.namespace)?.delete(p);
    this.add(p);
  }
  owned(uid: string): Pod[] {
    return this.sorted(this.byOwner.get(uid));
  }
  candidates(uid: string, ns: string | undefined): Pod[] {
    return this.sorted(new Set([...(this.byOwner.get(uid) ?? []), ...(this.orphans.get(ns) ?? [])]));
  }
  private sorted(xs: Iterable<Pod> | undefined): Pod[] {
    return [...(xs ?? [])].sort((a, b) => this.order.get(a)! - this.order.get(b)!);
  }
  private set<K>(m: Map<K, Set<Pod>>, k: K): Set<Pod> {
    let v = m.get(k);
    if (!v) m.set(k, (v = new Set()));
    return v;
  }
}

const controllerUids = (p: Pod) => (p.metadata.ownerReferences ?? []).filter((r) => r.controller).map((r) => r.uid);

export function reconcileReplicaSets(s: ClusterState): boolean {
  let changed = false;
  const index = new PodIndex(Object.values(s.objects.pods));
  /** still in the cluster (not removed by a delete this pass) */
  const present = (p: Pod) => s.objects.pods[`${p.metadata.namespace}/${p.metadata.name}`] === p;
  for (const rs of Object.values(s.objects.replicasets)) {
    const ns = rs.metadata.namespace;
    // ControllerRefManager: release owned Pods whose labels no longer match, adopt matching orphans.
    for (const p of index.candidates(rs.metadata.uid, ns)) {
      if (!present(p)) continue;
      const was = controllerUids(p);
      if (p.metadata.namespace !== ns || p.metadata.deletionTimestamp !== undefined) continue;
      const mine = ownedBy(p, rs.metadata.uid);
      const fits = matchesSelector(rs.spec.selector, p.metadata.labels);
      if (mine && !fits) {
        p.metadata.ownerReferences = p.metadata.ownerReferences!.filter((r) => r.uid !== rs.metadata.uid);
        if (!p.metadata.ownerReferences.length) delete p.metadata.ownerReferences;
        p.metadata.resourceVersion = nextRV(s);
        index.update(p, was);
        changed = true;
      } else if (
        !mine &&
        fits &&
        !(p.metadata.ownerReferences ?? []).some((r) => r.controller) &&
        rs.metadata.deletionTimestamp === undefined
      ) {
        p.metadata.ownerReferences = [
          ...(p.metadata.ownerReferences ?? []),
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: rs.metadata.name,
            uid: rs.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ];
        p.metadata.resourceVersion = nextRV(s);
        index.update(p, was);
        changed = true;
      }
    }
    const owned = index
      .owned(rs.metadata.uid)
      .filter((p) => present(p) && p.metadata.namespace === ns && ownedBy(p, rs.metadata.uid));
    const active = owned.filter(isActive);
    const want = rs.spec.replicas ?? 1;
    if (active.length < want) {
      // burstReplicas: at most 500 creations per sync; the next sync waits until the informer has seen
      // them (here: BURST_WINDOW_MS of virtual time), so a scale to 10,000 fills in over time
      const room = BURST_REPLICAS - owned.filter((p) => p.metadata.creationTimestamp > s.now - BURST_WINDOW_MS).length;
      const end = active.length + Math.min(want - active.length, Math.max(0, room));
      for (let i = active.length; i < end; i++) {
        const pod = createPod(s, rs);
        index.add(pod);
        emit(s, {
          reason: 'SuccessfulCreate',
          message: `Created pod: ${pod.metadata.name}`,
          object: ref(rs),
          source: 'replicaset-controller',
        });
      }
      if (end > active.length) changed = true;
    } else if (active.length > want) {
      // Like getPodsToDelete: unscheduled before scheduled, not-ready before ready, then the newest first.
      const rank = (p: Pod) => (p.spec.nodeName ? 2 : 0) + (isPodReady(p) ? 1 : 0);
      const victims = [...active]
        .sort(
          (a, b) =>
            rank(a) - rank(b) ||
            b.metadata.creationTimestamp - a.metadata.creationTimestamp ||
            b.metadata.name.localeCompare(a.metadata.name),
        )
        .slice(0, active.length - want);
      for (const p of victims) {
        deleteObject(s, 'Pod', ns, p.metadata.name);
        emit(s, {
          reason: 'SuccessfulDelete',
          message: `Deleted pod: ${p.metadata.name}`,
          object: ref(rs),
          source: 'replicaset-controller',
        });
      }
      changed = true;
    }
    const nowOwned = index
      .owned(rs.metadata.uid)
      .filter((p) => present(p) && p.metadata.namespace === ns && ownedBy(p, rs.metadata.uid) && isActive(p));
    const status = {
      replicas: nowOwned.length,
      fullyLabeledReplicas: nowOwned.length,
      readyReplicas: nowOwned.filter(isPodReady).length,
      availableReplicas: nowOwned.filter((p) => isPodAvailable(p, rs.spec.minReadySeconds ?? 0, s.now)).length,
      observedGeneration: rs.metadata.generation ?? 1,
    };
    if (JSON.stringify(status) !== JSON.stringify(rs.status)) {
      rs.status = status;
      changed = true;
    }
  }
  return changed;
}
