// The deployment controller's arithmetic (pkg/controller/deployment/util/deployment_util.go and
// apimachinery's intstr.GetScaledValueFromIntOrPercent): how many Pods a rolling update may add above
// spec.replicas (maxSurge, rounded up) and how many may be missing (maxUnavailable, rounded down).
import type { Deployment, Pod, ReplicaSet } from '../model/types';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';

/** intstr.GetScaledValueFromIntOrPercent: an int as is, "N%" of total rounded up or down. */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = v.match(/^(\d+)%$/);
  if (!m) return /^\d+$/.test(v) ? Number(v) : 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/**
 * ResolveFenceposts: maxSurge rounds up, maxUnavailable down; when both come to zero, maxUnavailable
 * is 1 ("surge might not work due to quota").
 */
export function resolveFenceposts(
  maxSurge: number | string | undefined,
  maxUnavailable: number | string | undefined,
  desired: number,
): [number, number] {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

const replicasOf = (d: Deployment) => d.spec.replicas ?? 1;

/** MaxUnavailable: 0 unless RollingUpdate; never more than spec.replicas. */
export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0;
  const ru = d.spec.strategy?.rollingUpdate;
  const [, u] = resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d));
  return Math.min(u, replicasOf(d));
}

/** MaxSurge: 0 unless RollingUpdate. */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec.strategy?.rollingUpdate;
  const [s] = resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d));
  return s;
}

export const specReplicas = (rss: ReplicaSet[]): number => rss.reduce((a, r) => a + (r.spec.replicas ?? 0), 0);
export const actualReplicas = (rss: ReplicaSet[]): number => rss.reduce((a, r) => a + (r.status.replicas ?? 0), 0);
export const availableReplicas = (rss: ReplicaSet[]): number =>
  rss.reduce((a, r) => a + (r.status.availableReplicas ?? 0), 0);
export const readyReplicas = (rss: ReplicaSet[]): number => rss.reduce((a, r) => a + (r.status.readyReplicas ?? 0), 0);

/** NewRSNewReplicas: the new ReplicaSet's next size (RollingUpdate: up to spec.replicas + maxSurge in all). */
export function newRSNewReplicas(d: Deployment, all: ReplicaSet[], newRS: ReplicaSet): number {
  const cur = newRS.spec.replicas ?? 0;
  if (!isRollingUpdate(d)) return replicasOf(d);
  const surge = scaledValue(d.spec.strategy?.rollingUpdate?.maxSurge ?? 0, replicasOf(d), true);
  const current = specReplicas(all);
  const maxTotal = replicasOf(d) + surge;
  if (current >= maxTotal) return cur;
  return cur + Math.min(maxTotal - current, replicasOf(d) - cur);
}

export function revisionOf(rs: ReplicaSet): number {
  const v = Number(rs.metadata.annotations?.[REVISION] ?? 0);
  return Number.isFinite(v) ? v : 0;
}

/** podutil.IsPodAvailable: Ready, and Ready for at least minReadySeconds. */
export function isPodAvailable(p: Pod, minReadySeconds: number, now: number): boolean {
  const c = (p.status.conditions ?? []).find((x) => x.type === 'Ready');
  if (!c || c.status !== 'True') return false;
  return minReadySeconds === 0 || (c.lastTransitionTime ?? 0) + minReadySeconds * 1000 <= now;
}

/** getReplicaSetFraction: the share of a proportional scale a ReplicaSet gets (deployment_util.go). */
function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (replicasOf(d) === 0) return -(rs.spec.replicas ?? 0);
  const max = replicasOf(d) + maxSurge(d);
  let before = Number(rs.metadata.annotations?.[MAX_REPLICAS] ?? 0);
  if (!before) {
    before = d.status.replicas ?? 0;
    if (!before) return 0;
  }
  const size = ((rs.spec.replicas ?? 0) * max) / before;
  // integer.RoundToInt32: half away from zero
  return Math.sign(size) * Math.round(Math.abs(size)) - (rs.spec.replicas ?? 0);
}

/** GetProportion: never more than what is left to add (or remove). */
export function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if ((rs.spec.replicas ?? 0) === 0 || toAdd === 0 || toAdd === added) return 0;
  const f = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(f, allowed) : Math.max(f, allowed);
}
