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
 * kube-controller-manager's ReplicaSet controller (pkg/controller/replicaset/replica_set.go,
 * manageReplicas): one sync creates at most BurstReplicas (500) of the missing Pods, after
 * expectations.ExpectCreations(diff), through slowStartBatch(diff, SlowStartInitialBatchSize = 1, …):
 * batches of 1, 2, 4, 8, … (each at most what remains), each batch's creations running in parallel
 * and the next batch starting once they have returned. The next sync waits until the expectations
 * are met: every creation seen come back through the Pod informer.
 */
export const BURST_REPLICAS = 500;
/** slowStartBatch's first batch (pkg/controller/controller_utils.go, SlowStartInitialBatchSize). */
export const SLOW_START_INITIAL_BATCH = 1;
/** How long one batch's create calls take to return (the apiserver's round trip, in the sim). */
export const BATCH_MS = 10;
/** How long a sync's creations take to come back through the watch (expectations met) before the next sync. */
export const BURST_WINDOW_MS = 1000;

/**
 * Where a ReplicaSet is in its sync: the Pods of the sync in progress (created within half a window
 * of its newest Pod: a sync's batches span well under that, and syncs are a window apart) and when
 * the newest came. A sync is over when its newest Pod is a window old.
 */
function syncOf(s: ClusterState, owned: Pod[]): { made: number; latest: number } | null {
  let latest = -Infinity;
  for (const p of owned) latest = Math.max(latest, p.metadata.creationTimestamp);
  if (latest === -Infinity || latest <= s.now - BURST_WINDOW_MS) return null;
  let made = 0;
  for (const p of owned) if (p.metadata.creationTimestamp > latest - BURST_WINDOW_MS / 2) made++;
  return { made, latest };
}

/**
 * How many Pods a ReplicaSet short of `missing` may create now: a new sync's first batch; in a sync,
 * once the last batch has returned, the next (double the last: after 1+2+…+2^(k-1) = 2^k−1 made, 2^k),
 * within the burst; none while a batch is out or the burst's expectations are pending.
 */
function mayCreate(s: ClusterState, owned: Pod[], missing: number): number {
  const sync = syncOf(s, owned);
  if (!sync) return Math.min(missing, SLOW_START_INITIAL_BATCH, BURST_REPLICAS);
  if (sync.made >= BURST_REPLICAS || s.now < sync.latest + BATCH_MS) return 0;
  const batch = SLOW_START_INITIAL_BATCH * 2 ** Math.floor(Math.log2(sync.made / SLOW_START_INITIAL_BATCH + 1));
  return Math.max(0, Math.min(missing, batch, BURST_REPLICAS - sync.made));
}

/** The next instant a ReplicaSet that is short of Pods may create more: its next batch, or its next sync. */
export function replicaSetWake(s: ClusterState): number | null {
  let w: number | null = null;
  let byOwner: Map<string, Pod[]> | null = null;
  for (const rs of Object.values(s.objects.replicasets)) {
    const want = rs.spec.replicas ?? 1;
    if ((rs.status?.replicas ?? 0) >= want || rs.metadata.deletionTimestamp !== undefined) continue;
    if (!byOwner) {
      byOwner = new Map();
      for (const p of Object.values(s.objects.pods))
        for (const r of p.metadata.ownerReferences ?? [])
          if (r.controller) {
            const l = byOwner.get(r.uid);
            if (l) l.push(p);
            else byOwner.set(r.uid, [p]);
          }
    }
    const sync = syncOf(s, byOwner.get(rs.metadata.uid) ?? []);
    if (!sync) continue;
    const t = sync.made >= BURST_REPLICAS ? sync.latest + BURST_WINDOW_MS : sync.latest + BATCH_MS;
    if (t > s.now && (w === null || t < w)) w = t;
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
  /** the owner's Pods and the namespace's orphans that pass `keep`, in creation order */
  candidates(uid: string, ns: string | undefined, keep: (p: Pod) => boolean): Pod[] {
    return this.sorted([...new Set([...(this.byOwner.get(uid) ?? []), ...(this.orphans.get(ns) ?? [])])].filter(keep));
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
    // a Pod neither owned nor matching the selector is neither released nor adopted (600 bare Pods in
    // the namespace are skipped before sorting, not after)
    const uid = rs.metadata.uid;
    const concerned = (p: Pod) => ownedBy(p, uid) || matchesSelector(rs.spec.selector, p.metadata.labels);
    for (const p of index.candidates(uid, ns, concerned)) {
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
      // slowStartBatch within burstReplicas: 1, 2, 4, … Pods, a batch at a time, at most 500 per sync;
      // the next sync waits for the informer to see them, so a scale to 10,000 fills in over time
      const end = active.length + mayCreate(s, owned, want - active.length);
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
