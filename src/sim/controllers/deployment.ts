// deployment-controller (pkg/controller/deployment): each template gets a ReplicaSet named
// <deployment>-<pod-template-hash> with a revision; a changed template rolls out as the strategy says.
// RollingUpdate (rolling.go): scale the new ReplicaSet up within spec.replicas + maxSurge, scale old ones
// down while at least spec.replicas - maxUnavailable Pods stay available (unhealthy old Pods first).
// Recreate (recreate.go): old ReplicaSets to 0, wait until none of their Pods runs, then the new one up.
// A change of spec.replicas alone is a scaling event (sync.go scale: proportional across active sets);
// a paused Deployment only scales. Status and conditions as syncRolloutStatus / calculateStatus set them.
import { podList } from '../model/pod-list';
import type { ClusterState } from '../model/state';
import type { Deployment, ReplicaSet } from '../model/types';
import { emit, ref } from '../model/events';
import { clone, newUid, nextRV } from '../model/meta';
import { deleteObject } from '../apiserver/api';
import { podTemplateHash } from './hash';
import { ownedBy } from './replicaset';
import {
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  REVISION,
  REVISION_HISTORY,
  actualReplicas,
  availableReplicas,
  isPodAvailable,
  isRollingUpdate,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  proportion,
  readyReplicas,
  revisionOf,
  specReplicas,
} from './deployment-util';

type Condition = NonNullable<Deployment['status']['conditions']>[number];
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const SKIP_COPY = new Set([
  LAST_APPLIED,
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  'deprecated.deployment.rollback.to',
]);

/** One sync's bookkeeping: whether anything changed. */
interface Sync {
  s: ClusterState;
  d: Deployment;
  changed: boolean;
}

const replicasOf = (d: Deployment) => d.spec.replicas ?? 1;
const hasDeadline = (d: Deployment) =>
  d.spec.progressDeadlineSeconds !== undefined && d.spec.progressDeadlineSeconds !== 2147483647;
const isActive = (rs: ReplicaSet | undefined): rs is ReplicaSet => !!rs && (rs.spec.replicas ?? 0) > 0;
const byCreation = (a: ReplicaSet, b: ReplicaSet) =>
  a.metadata.creationTimestamp - b.metadata.creationTimestamp || a.metadata.name.localeCompare(b.metadata.name);

function getCondition(conds: Condition[] | undefined, type: string): Condition | undefined {
  return (conds ?? []).find((c) => c.type === type);
}

/** SetDeploymentCondition: unchanged when status and reason are; else replaced and moved to the end. */
function setCondition(status: Deployment['status'], c: Condition): void {
  const cur = getCondition(status.conditions, c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  if (cur && cur.status === c.status) c.lastTransitionTime = cur.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((x) => x.type !== c.type), c];
}

function condition(s: ClusterState, type: string, status: string, reason: string, message: string): Condition {
  return { type, status, reason, message, lastUpdateTime: s.now, lastTransitionTime: s.now };
}

/** scaleReplicaSetAndRecordEvent: the size and the replicas annotations, and the ScalingReplicaSet event. */
function scaleRS(x: Sync, rs: ReplicaSet, to: number): boolean {
  const { s, d } = x;
  const from = rs.spec.replicas ?? 0;
  const desired = String(replicasOf(d));
  const max = String(replicasOf(d) + maxSurge(d));
  const ann = rs.metadata.annotations ?? {};
  const annotationsNeedUpdate = ann[DESIRED_REPLICAS] !== desired || ann[MAX_REPLICAS] !== max;
  if (from === to && !annotationsNeedUpdate) return false;
  rs.metadata.annotations = { ...ann, [DESIRED_REPLICAS]: desired, [MAX_REPLICAS]: max };
  if (from !== to) {
    rs.spec.replicas = to;
    rs.metadata.generation = (rs.metadata.generation ?? 1) + 1;
  }
  rs.metadata.resourceVersion = nextRV(s);
  x.changed = true;
  if (from === to) return false;
  emit(s, {
    reason: 'ScalingReplicaSet',
    message: `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`,
    object: ref(d),
    source: 'deployment-controller',
  });
  return true;
}

/** SetNewReplicaSetAnnotations for an existing new ReplicaSet (a rollback moves its old revision into the history). */
function syncNewRSAnnotations(x: Sync, rs: ReplicaSet, newRevision: number): void {
  const ann = { ...(rs.metadata.annotations ?? {}) };
  let changed = false;
  for (const [k, v] of Object.entries(x.d.metadata.annotations ?? {}))
    if (!SKIP_COPY.has(k) && ann[k] !== v) {
      ann[k] = v;
      changed = true;
    }
  const old = ann[REVISION];
  const oldN = old === undefined ? 0 : Number(old);
  if (oldN < newRevision) {
    ann[REVISION] = String(newRevision);
    if (old !== undefined) ann[REVISION_HISTORY] = ann[REVISION_HISTORY] ? `${ann[REVISION_HISTORY]},${old}` : old;
    changed = true;
  }
  if ((rs.spec.minReadySeconds ?? 0) !== (x.d.spec.minReadySeconds ?? 0)) {
    if (x.d.spec.minReadySeconds) rs.spec.minReadySeconds = x.d.spec.minReadySeconds;
    else delete rs.spec.minReadySeconds;
    changed = true;
  }
  if (changed) {
    rs.metadata.annotations = ann;
    rs.metadata.resourceVersion = nextRV(x.s);
    x.changed = true;
  }
}

function setDeploymentRevision(x: Sync, revision: string | undefined): void {
  if (revision === undefined || x.d.metadata.annotations?.[REVISION] === revision) return;
  x.d.metadata.annotations = { ...(x.d.metadata.annotations ?? {}), [REVISION]: revision };
  x.changed = true;
}

function createNewRS(x: Sync, oldRSs: ReplicaSet[], hash: string, revision: number): ReplicaSet {
  const { s, d } = x;
  const ns = d.metadata.namespace ?? 'default';
  const name = `${d.metadata.name}-${hash}`;
  const tpl = clone(d.spec.template);
  tpl.metadata = { ...(tpl.metadata ?? {}), labels: { ...(tpl.metadata?.labels ?? {}), 'pod-template-hash': hash } };
  const copied = Object.fromEntries(Object.entries(d.metadata.annotations ?? {}).filter(([k]) => !SKIP_COPY.has(k)));
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: ns,
      uid: newUid(s),
      resourceVersion: nextRV(s),
      generation: 1,
      creationTimestamp: s.now,
      labels: { ...(d.spec.template.metadata?.labels ?? {}), 'pod-template-hash': hash },
      annotations: {
        ...copied,
        [DESIRED_REPLICAS]: String(replicasOf(d)),
        [MAX_REPLICAS]: String(replicasOf(d) + maxSurge(d)),
        [REVISION]: String(revision),
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: d.metadata.name,
          uid: d.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas: 0,
      ...(d.spec.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}),
      selector: {
        matchLabels: { ...(d.spec.selector.matchLabels ?? {}), 'pod-template-hash': hash },
        ...(d.spec.selector.matchExpressions ? { matchExpressions: d.spec.selector.matchExpressions } : {}),
      },
      template: tpl,
    },
    status: { replicas: 0 },
  };
  // getNewReplicaSet: created at its first size (NewRSNewReplicas)
  const size = newRSNewReplicas(d, oldRSs, rs);
  rs.spec.replicas = size;
  s.objects.replicasets[`${ns}/${name}`] = rs;
  x.changed = true;
  if (size > 0)
    emit(s, {
      reason: 'ScalingReplicaSet',
      message: `Scaled up replica set ${name} from 0 to ${size}`,
      object: ref(d),
      source: 'deployment-controller',
    });
  if (hasDeadline(d))
    setCondition(
      d.status,
      condition(s, 'Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${name}"`),
    );
  return rs;
}

/** getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created when asked) and the old ones. */
function getAll(x: Sync, rsList: ReplicaSet[], create: boolean): { newRS?: ReplicaSet; oldRSs: ReplicaSet[] } {
  const { s, d } = x;
  const hash = podTemplateHash(d.spec.template);
  let newRS = rsList.find((r) => r.metadata.labels?.['pod-template-hash'] === hash);
  const oldRSs = rsList.filter((r) => r !== newRS);
  const newRevision = oldRSs.reduce((m, r) => Math.max(m, revisionOf(r)), 0) + 1;
  if (newRS) {
    syncNewRSAnnotations(x, newRS, newRevision);
    if (hasDeadline(d) && !getCondition(d.status.conditions, 'Progressing')) {
      setCondition(
        d.status,
        condition(s, 'Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${newRS.metadata.name}"`),
      );
      x.changed = true;
    }
  } else if (create) newRS = createNewRS(x, oldRSs, hash, newRevision);
  setDeploymentRevision(x, newRS?.metadata.annotations?.[REVISION]);
  return { newRS, oldRSs };
}

/** calculateStatus, with the Available condition. */
function calculateStatus(s: ClusterState, d: Deployment, all: ReplicaSet[], newRS?: ReplicaSet): Deployment['status'] {
  const available = availableReplicas(all);
  const unavailable = Math.max(0, specReplicas(all) - available);
  const status: Deployment['status'] = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: actualReplicas(all),
    updatedReplicas: newRS ? actualReplicas([newRS]) : 0,
    readyReplicas: readyReplicas(all),
    availableReplicas: available,
    ...(unavailable > 0 ? { unavailableReplicas: unavailable } : {}),
    conditions: (d.status.conditions ?? []).map((c) => ({ ...c })),
  };
  if (available >= replicasOf(d) - maxUnavailable(d))
    setCondition(
      status,
      condition(s, 'Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'),
    );
  else
    setCondition(
      status,
      condition(
        s,
        'Available',
        'False',
        'MinimumReplicasUnavailable',
        'Deployment does not have minimum availability.',
      ),
    );
  return status;
}

function storeStatus(x: Sync, status: Deployment['status']): void {
  if (JSON.stringify(status) === JSON.stringify(x.d.status)) return;
  x.d.status = status;
  x.changed = true;
}

/** DeploymentComplete */
function complete(d: Deployment, st: Deployment['status']): boolean {
  const n = replicasOf(d);
  return (
    st.updatedReplicas === n &&
    st.replicas === n &&
    st.availableReplicas === n &&
    (st.observedGeneration ?? 0) >= (d.metadata.generation ?? 1)
  );
}

/** syncRolloutStatus: the Progressing condition (complete, progressing, or timed out). */
function syncRolloutStatus(x: Sync, all: ReplicaSet[], newRS?: ReplicaSet): void {
  const { s, d } = x;
  const st = calculateStatus(s, d, all, newRS);
  if (!hasDeadline(d)) st.conditions = (st.conditions ?? []).filter((c) => c.type !== 'Progressing');
  const cur = getCondition(d.status.conditions, 'Progressing');
  const isComplete = st.replicas === st.updatedReplicas && cur?.reason === 'NewReplicaSetAvailable';
  if (hasDeadline(d) && !isComplete) {
    const old = d.status;
    const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
    const newOld = (st.replicas ?? 0) - (st.updatedReplicas ?? 0);
    const name = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
    if (complete(d, st)) {
      setCondition(
        st,
        condition(s, 'Progressing', 'True', 'NewReplicaSetAvailable', `${name} has successfully progressed.`),
      );
    } else if (
      (st.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
      newOld < oldOld ||
      (st.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
      (st.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
    ) {
      // DeploymentProgressing: lastUpdateTime moves with every bit of progress
      const c = condition(s, 'Progressing', 'True', 'ReplicaSetUpdated', `${name} is progressing.`);
      const now = getCondition(st.conditions, 'Progressing');
      if (now && now.status === 'True') c.lastTransitionTime = now.lastTransitionTime;
      st.conditions = [...(st.conditions ?? []).filter((y) => y.type !== 'Progressing'), c];
    } else if (timedOut(s, d, st)) {
      setCondition(
        st,
        condition(s, 'Progressing', 'False', 'ProgressDeadlineExceeded', `${name} has timed out progressing.`),
      );
    }
  }
  storeStatus(x, st);
}

/** DeploymentTimedOut */
function timedOut(s: ClusterState, d: Deployment, st: Deployment['status']): boolean {
  const c = getCondition(st.conditions, 'Progressing');
  if (!c || c.reason === 'NewReplicaSetAvailable') return false;
  if (c.reason === 'ProgressDeadlineExceeded') return true;
  return (c.lastUpdateTime ?? 0) + (d.spec.progressDeadlineSeconds ?? 600) * 1000 < s.now;
}

/** cleanupDeployment: old ReplicaSets beyond revisionHistoryLimit, oldest revision first, once they are empty. */
function cleanup(x: Sync, oldRSs: ReplicaSet[]): void {
  const limit = x.d.spec.revisionHistoryLimit;
  if (limit === undefined) return;
  const alive = oldRSs.filter((r) => r.metadata.deletionTimestamp === undefined);
  const diff = alive.length - limit;
  if (diff <= 0) return;
  const sorted = [...alive].sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
  for (const rs of sorted.slice(0, diff)) {
    if (rs.status.replicas !== 0 || (rs.spec.replicas ?? 0) !== 0) continue;
    if ((rs.metadata.generation ?? 1) > (rs.status.observedGeneration ?? 0)) continue;
    deleteObject(x.s, 'ReplicaSet', rs.metadata.namespace, rs.metadata.name);
    x.changed = true;
  }
}

/** sync.go scale: one active ReplicaSet takes spec.replicas; otherwise proportional scaling. */
function scale(x: Sync, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
  const { d } = x;
  const olds = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = [...olds, ...(newRS ? [newRS] : [])].filter(isActive);
  const one = active.length === 1 ? active[0] : active.length === 0 ? (newRS ?? olds[0]) : undefined;
  if (one) {
    if ((one.spec.replicas ?? 0) !== replicasOf(d)) scaleRS(x, one, replicasOf(d));
    return;
  }
  if (!active.length) return;
  // IsSaturated: the new ReplicaSet has them all, available
  if (
    newRS &&
    newRS.spec.replicas === replicasOf(d) &&
    newRS.metadata.annotations?.[DESIRED_REPLICAS] === String(replicasOf(d)) &&
    newRS.status.availableReplicas === replicasOf(d)
  ) {
    for (const o of oldRSs.filter(isActive)) scaleRS(x, o, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowed - specReplicas(active);
  // larger first; ties: newer first when scaling up, older first when scaling down
  const sorted = [...active].sort(
    (a, b) => (b.spec.replicas ?? 0) - (a.spec.replicas ?? 0) || (toAdd > 0 ? byCreation(b, a) : byCreation(a, b)),
  );
  let added = 0;
  const size = new Map<ReplicaSet, number>();
  for (const rs of sorted) {
    const p = toAdd !== 0 ? proportion(rs, d, toAdd, added) : 0;
    size.set(rs, (rs.spec.replicas ?? 0) + p);
    added += p;
  }
  sorted.forEach((rs, i) => {
    let n = size.get(rs)!;
    if (i === 0 && toAdd !== 0) n = Math.max(0, n + toAdd - added);
    scaleRS(x, rs, n);
  });
}

/** checkPausedConditions */
function checkPaused(x: Sync): void {
  const { s, d } = x;
  if (!hasDeadline(d)) return;
  const cur = getCondition(d.status.conditions, 'Progressing');
  if (cur?.reason === 'ProgressDeadlineExceeded') return;
  const pausedCond = cur?.reason === 'DeploymentPaused';
  if (d.spec.paused && !pausedCond) {
    setCondition(d.status, condition(s, 'Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused'));
    x.changed = true;
  } else if (!d.spec.paused && pausedCond) {
    setCondition(d.status, condition(s, 'Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed'));
    x.changed = true;
  }
}

function rolloutRolling(x: Sync, rsList: ReplicaSet[]): void {
  const { d } = x;
  const { newRS, oldRSs } = getAll(x, rsList, true);
  const all = [...oldRSs, ...(newRS ? [newRS] : [])];
  if (newRS) {
    // reconcileNewReplicaSet
    const want = replicasOf(d);
    const cur = newRS.spec.replicas ?? 0;
    const next = cur > want ? want : cur === want ? cur : newRSNewReplicas(d, all, newRS);
    if (next !== cur && scaleRS(x, newRS, next)) return syncRolloutStatus(x, all, newRS);
    // reconcileOldReplicaSets
    if (reconcileOld(x, all, oldRSs.filter(isActive), newRS)) return syncRolloutStatus(x, all, newRS);
  }
  if (complete(d, d.status)) cleanup(x, oldRSs);
  syncRolloutStatus(x, all, newRS);
}

function reconcileOld(x: Sync, all: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet): boolean {
  const { d } = x;
  if (specReplicas(oldRSs) === 0) return false;
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = (newRS.spec.replicas ?? 0) - (newRS.status.availableReplicas ?? 0);
  const maxScaledDown = specReplicas(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  // cleanupUnhealthyReplicas: old Pods that are not available go first; they cost no availability
  let cleaned = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (cleaned >= maxScaledDown) break;
    const n = rs.spec.replicas ?? 0;
    const avail = rs.status.availableReplicas ?? 0;
    if (n === 0 || n === avail) continue;
    const down = Math.min(maxScaledDown - cleaned, n - avail);
    scaleRS(x, rs, n - down);
    cleaned += down;
  }
  // scaleDownOldReplicaSetsForRollingUpdate: keep minAvailable Pods available
  let scaled = 0;
  const availableNow = availableReplicas([...oldRSs, newRS]);
  if (availableNow > minAvailable) {
    const total = availableNow - minAvailable;
    for (const rs of [...oldRSs].sort(byCreation)) {
      if (scaled >= total) break;
      const n = rs.spec.replicas ?? 0;
      if (n === 0) continue;
      const down = Math.min(n, total - scaled);
      scaleRS(x, rs, n - down);
      scaled += down;
    }
  }
  return cleaned + scaled > 0;
}

function rolloutRecreate(x: Sync, rsList: ReplicaSet[]): void {
  const { s, d } = x;
  let { newRS, oldRSs } = getAll(x, rsList, false);
  const all = () => [...oldRSs, ...(newRS ? [newRS] : [])];
  let scaledDown = false;
  for (const rs of oldRSs.filter(isActive)) if (scaleRS(x, rs, 0)) scaledDown = true;
  if (scaledDown) return syncRolloutStatus(x, all(), newRS);
  // oldPodsRunning: any old Pod not Succeeded or Failed, Terminating ones included
  const oldUids = new Set(oldRSs.map((r) => r.metadata.uid));
  const running =
    actualReplicas(oldRSs) > 0 ||
    podList(s).some(
      (p) =>
        p.metadata.namespace === d.metadata.namespace &&
        (p.metadata.ownerReferences ?? []).some((o) => o.controller && oldUids.has(o.uid)) &&
        p.status.phase !== 'Succeeded' &&
        p.status.phase !== 'Failed',
    );
  if (running) return syncRolloutStatus(x, all(), newRS);
  if (!newRS) ({ newRS, oldRSs } = getAll(x, rsList, true));
  if (newRS) scaleRS(x, newRS, replicasOf(d));
  if (complete(d, d.status)) cleanup(x, oldRSs);
  syncRolloutStatus(x, all(), newRS);
}

function syncOnly(x: Sync, rsList: ReplicaSet[]): void {
  const { newRS, oldRSs } = getAll(x, rsList, false);
  scale(x, newRS, oldRSs);
  if (x.d.spec.paused) cleanup(x, oldRSs);
  const all = [...oldRSs, ...(newRS ? [newRS] : [])];
  storeStatus(x, calculateStatus(x.s, x.d, all, newRS));
}

/** isScalingEvent: an active ReplicaSet's desired-replicas annotation differs from spec.replicas. */
function isScalingEvent(d: Deployment, rsList: ReplicaSet[]): boolean {
  return rsList
    .filter((r) => (r.spec.replicas ?? 0) > 0)
    .some((r) => {
      const v = r.metadata.annotations?.[DESIRED_REPLICAS];
      return v !== undefined && Number(v) !== replicasOf(d);
    });
}

export function reconcileDeployments(s: ClusterState): boolean {
  let changed = false;
  for (const d of Object.values(s.objects.deployments)) {
    if (d.metadata.deletionTimestamp !== undefined) continue;
    const ns = d.metadata.namespace ?? 'default';
    const rsList = Object.values(s.objects.replicasets)
      .filter((r) => r.metadata.namespace === ns && ownedBy(r, d.metadata.uid))
      .sort(byCreation);
    const x: Sync = { s, d, changed: false };
    checkPaused(x);
    if (d.spec.paused || isScalingEvent(d, rsList)) syncOnly(x, rsList);
    else if (isRollingUpdate(d)) rolloutRolling(x, rsList);
    else rolloutRecreate(x, rsList);
    // (the Deployment's own resourceVersion stays: the share codec reads the order of the user's applies from it)
    if (x.changed) changed = true;
  }
  return changed;
}

/**
 * When a deployment needs another look with nothing else happening: a Pod reaching minReadySeconds
 * (it becomes available), or (not while settling) a rollout reaching its progress deadline.
 */
export function deploymentWake(s: ClusterState, settling = false): number | null {
  let w: number | null = null;
  const at = (t: number) => {
    if (t > s.now && (w === null || t < w)) w = t;
  };
  for (const rs of Object.values(s.objects.replicasets)) {
    const min = rs.spec.minReadySeconds ?? 0;
    if (!min) continue;
    for (const p of podList(s)) {
      if (!ownedBy(p, rs.metadata.uid) || isPodAvailable(p, min, s.now)) continue;
      const c = (p.status.conditions ?? []).find((x) => x.type === 'Ready');
      if (c?.status === 'True') at((c.lastTransitionTime ?? 0) + min * 1000);
    }
  }
  if (!settling)
    for (const d of Object.values(s.objects.deployments)) {
      const c = getCondition(d.status.conditions, 'Progressing');
      if (!hasDeadline(d) || d.spec.paused || !c || c.status !== 'True' || c.reason === 'NewReplicaSetAvailable')
        continue;
      at((c.lastUpdateTime ?? 0) + (d.spec.progressDeadlineSeconds ?? 600) * 1000 + 1);
    }
  return w;
}
