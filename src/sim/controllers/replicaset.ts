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
import { podAdded, podList, podListCheck, podMemo, podMemoKeep } from '../model/pod-list';

export function ownedBy(
  o: { metadata: { ownerReferences?: { uid: string; controller?: boolean }[] } },
  uid: string,
): boolean {
  const refs = o.metadata.ownerReferences;
  if (refs) for (const r of refs) if (r.uid === uid && r.controller) return true;
  return false;
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
  podAdded(s, pod);
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
function syncOf(s: ClusterState, owned: readonly Pod[]): { made: number; latest: number } | null {
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
function mayCreate(s: ClusterState, owned: readonly Pod[], missing: number): number {
  const sync = syncOf(s, owned);
  if (!sync) return Math.min(missing, SLOW_START_INITIAL_BATCH, BURST_REPLICAS);
  if (sync.made >= BURST_REPLICAS || s.now < sync.latest + BATCH_MS) return 0;
  const batch = SLOW_START_INITIAL_BATCH * 2 ** Math.floor(Math.log2(sync.made / SLOW_START_INITIAL_BATCH + 1));
  return Math.max(0, Math.min(missing, batch, BURST_REPLICAS - sync.made));
}

/** The next instant a ReplicaSet that is short of Pods may create more: its next batch, or its next sync. */
export function replicaSetWake(s: ClusterState): number | null {
  let w: number | null = null;
  // (the Pods by their controller: the controller's own index, kept within a pass)
  let index: PodIndex | null = null;
  for (const rs of Object.values(s.objects.replicasets)) {
    const want = rs.spec.replicas ?? 1;
    if ((rs.status?.replicas ?? 0) >= want || rs.metadata.deletionTimestamp !== undefined) continue;
    index ??= indexOf(s);
    const sync = syncOf(s, index.owned(rs.metadata.uid));
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
 * (and the resourceVersions it draws) is what the scan did. Each list is kept in that order as it is
 * built (Pods are added in it), so that a ReplicaSet with 100,000 Pods is not sorted again on every
 * look; a Pod whose controller changes is moved to its place.
 */
/** Pods in creation order, each with its place in it (its index in PodIndex.seen). */
interface Listed {
  pods: Pod[];
  at: number[];
}

class PodIndex {
  private seen: Pod[] = [];
  private byOwner = new Map<string, Listed>();
  private orphans = new Map<string | undefined, Listed>();
  constructor(pods: readonly Pod[]) {
    for (const p of pods) this.add(p);
  }
  add(p: Pod, at = -1) {
    const known = at >= 0;
    if (!known) at = this.seen.push(p) - 1;
    // (a Pod is in no list here: new, or taken out of its lists by update; each uid once)
    const refs = p.metadata.ownerReferences;
    let owners = 0;
    if (refs)
      for (let i = 0; i < refs.length; i++) {
        const r = refs[i];
        if (!r.controller) continue;
        owners++;
        let again = false;
        for (let j = 0; j < i; j++) if (refs[j].controller && refs[j].uid === r.uid) again = true;
        if (!again) this.put(this.byOwner, r.uid, p, at, known);
      }
    if (!owners) this.put(this.orphans, p.metadata.namespace, p, at, known);
  }
  /** after p's owner references changed */
  update(p: Pod, was: string[]) {
    for (const uid of was) this.drop(this.byOwner, uid, p);
    this.drop(this.orphans, p.metadata.namespace, p);
    this.add(p, this.seen.indexOf(p));
  }
  /** the same lists as another index's (the Pods in each, in order) */
  same(o: PodIndex): boolean {
    const eq = <K>(a: Map<K, Listed>, b: Map<K, Listed>) => {
      const keys = new Set([...a.keys(), ...b.keys()]);
      for (const k of keys) {
        const x = a.get(k)?.pods ?? [];
        const y = b.get(k)?.pods ?? [];
        if (x.length !== y.length || x.some((p, i) => p !== y[i])) return false;
      }
      return true;
    };
    return eq(this.byOwner, o.byOwner) && eq(this.orphans, o.orphans);
  }
  /** the Pods with this controller, in creation order (do not change the array) */
  owned(uid: string): readonly Pod[] {
    return this.byOwner.get(uid)?.pods ?? [];
  }
  /** the owner's Pods and the namespace's orphans, in creation order */
  candidates(uid: string, ns: string | undefined): readonly Pod[] {
    const a = this.byOwner.get(uid);
    const b = this.orphans.get(ns);
    if (!b?.pods.length) return a?.pods ?? [];
    if (!a?.pods.length) return b.pods;
    const out: Pod[] = [];
    // (one list holds the Pods with a controller, the other those without: none is in both)
    for (let i = 0, j = 0; i < a.pods.length || j < b.pods.length;)
      out.push(j >= b.pods.length || (i < a.pods.length && a.at[i] < b.at[j]) ? a.pods[i++] : b.pods[j++]);
    return out;
  }
  /** p into list k at its place in the order (at the end, unless it was indexed before) */
  private put<K>(m: Map<K, Listed>, k: K, p: Pod, at: number, known: boolean) {
    let list = m.get(k);
    if (!list) m.set(k, (list = { pods: [], at: [] }));
    if (!known) {
      list.pods.push(p);
      list.at.push(at);
      return;
    }
    let lo = 0;
    let hi = list.at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list.at[mid] < at) lo = mid + 1;
      else hi = mid;
    }
    // (into a copy: a list handed out stays as it was)
    const pods = list.pods.slice();
    const places = list.at.slice();
    pods.splice(lo, 0, p);
    places.splice(lo, 0, at);
    m.set(k, { pods, at: places });
  }
  /** p out of list k (into a copy: a list handed out stays as it was) */
  private drop<K>(m: Map<K, Listed>, k: K, p: Pod) {
    const list = m.get(k);
    const i = list ? list.pods.indexOf(p) : -1;
    if (i < 0) return;
    m.set(k, { pods: list!.pods.filter((_, j) => j !== i), at: list!.at.filter((_, j) => j !== i) });
  }
}

/** matchesSelector(rs.spec.selector, labels), its selector read once for the ReplicaSet's many Pods */
function selectorOf(rs: ReplicaSet): (labels: Record<string, string> | undefined) => boolean {
  const sel = rs.spec.selector;
  if (!sel || sel.matchExpressions?.length) return (labels) => matchesSelector(sel, labels);
  const want = Object.entries(sel.matchLabels ?? {});
  return (labels) => {
    const l = labels ?? {};
    for (const [k, v] of want) if (l[k] !== v) return false;
    return true;
  };
}

const controllerUids = (p: Pod) => (p.metadata.ownerReferences ?? []).filter((r) => r.controller).map((r) => r.uid);

/**
 * The index, kept within a pass of the engine while no Pod is added or removed but by this
 * controller, which keeps it up to date: within a pass no one else changes a Pod's owner references.
 * (Tests check it against a fresh one: podListCheck.)
 */
function indexOf(s: ClusterState): PodIndex {
  const index = podMemo(s, 'replicaset-pods', (pods) => new PodIndex(pods));
  if (podListCheck.on && !index.same(new PodIndex(podList(s))))
    throw new Error('replicaset: the kept index of Pods differs from a fresh one');
  return index;
}

export function reconcileReplicaSets(s: ClusterState): boolean {
  let changed = false;
  const index = indexOf(s);
  /** Pods this pass removed (a Pod deleted with no node, or no grace period, is gone at once) */
  const gone = new Set<Pod>();
  /** still in the cluster (not removed by a delete this pass) */
  const present = (p: Pod) => !gone.has(p);
  for (const rs of Object.values(s.objects.replicasets)) {
    const ns = rs.metadata.namespace;
    // ControllerRefManager: release owned Pods whose labels no longer match, adopt matching orphans.
    // a Pod neither owned nor matching the selector is neither released nor adopted (600 bare Pods in
    // the namespace are skipped before sorting, not after)
    const uid = rs.metadata.uid;
    const selects = selectorOf(rs);
    // the Pods it owns after this (every one is a candidate) and the active ones among them, found on
    // the way rather than in another walk over them (their order does not matter: counts, and a sort)
    const owned: Pod[] = [];
    const active: Pod[] = [];
    for (const p of index.candidates(uid, ns)) {
      const mine = ownedBy(p, uid);
      const fits = selects(p.metadata.labels);
      if (!mine && !fits) continue;
      if (!present(p) || p.metadata.namespace !== ns) continue;
      if (p.metadata.deletionTimestamp !== undefined) {
        if (mine) owned.push(p);
        continue;
      }
      const was = mine !== fits ? controllerUids(p) : [];
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
      if (ownedBy(p, uid)) {
        owned.push(p);
        if (isActive(p)) active.push(p);
      }
    }
    const want = rs.spec.replicas ?? 1;
    // (the Pods counted in the status: the active ones, unless some were made or deleted just now)
    let nowOwned = active;
    if (active.length < want) {
      // slowStartBatch within burstReplicas: 1, 2, 4, … Pods, a batch at a time, at most 500 per sync;
      // the next sync waits for the informer to see them, so a scale to 10,000 fills in over time
      const end = active.length + mayCreate(s, owned, want - active.length);
      if (end > active.length) nowOwned = [...active];
      for (let i = active.length; i < end; i++) {
        const pod = createPod(s, rs);
        index.add(pod);
        nowOwned.push(pod);
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
        if (s.objects.pods[`${ns}/${p.metadata.name}`] !== p) gone.add(p);
        emit(s, {
          reason: 'SuccessfulDelete',
          message: `Deleted pod: ${p.metadata.name}`,
          object: ref(rs),
          source: 'replicaset-controller',
        });
      }
      changed = true;
      nowOwned = active.filter((p) => present(p) && isActive(p));
    }
    let ready = 0;
    let available = 0;
    for (const p of nowOwned) {
      if (isPodReady(p)) ready++;
      if (isPodAvailable(p, rs.spec.minReadySeconds ?? 0, s.now)) available++;
    }
    const status = {
      replicas: nowOwned.length,
      fullyLabeledReplicas: nowOwned.length,
      readyReplicas: ready,
      availableReplicas: available,
      observedGeneration: rs.metadata.generation ?? 1,
    };
    if (JSON.stringify(status) !== JSON.stringify(rs.status)) {
      rs.status = status;
      changed = true;
    }
  }
  // (a Pod removed leaves the index: it is made again next time)
  if (!gone.size) podMemoKeep(s, 'replicaset-pods', index);
  return changed;
}
