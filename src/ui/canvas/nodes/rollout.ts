// What a card shows of a Deployment's rollout: which revision a Pod belongs to (its ReplicaSet's
// deployment.kubernetes.io/revision and pod-template-hash), whether that is the Deployment's current one,
// and, for a Service, how far a rollout of the Pods it selects has come (kubectl rollout status's numbers).
import type { Deployment, EndpointSlice, Pod, ReplicaSet, Service } from '../../../sim';
import { matchesLabels } from '../../../sim';

export interface PodRevision {
  revision: string;
  hash: string;
  /** the ReplicaSet is the Deployment's current template */
  current: boolean;
}

const controllerOf = (
  o: { metadata: { ownerReferences?: { kind: string; name: string; controller?: boolean }[] } },
  kind: string,
) => o.metadata.ownerReferences?.find((r) => r.controller && r.kind === kind);

/** The revision of the ReplicaSet that owns this Pod, when a Deployment owns that ReplicaSet. */
export function podRevision(
  pod: Pod | undefined,
  replicasets: Record<string, ReplicaSet>,
  deployments: Record<string, Deployment>,
): PodRevision | null {
  if (!pod) return null;
  const ns = pod.metadata.namespace;
  const rsRef = controllerOf(pod, 'ReplicaSet');
  const rs = rsRef && replicasets[`${ns}/${rsRef.name}`];
  if (!rs) return null;
  const dRef = controllerOf(rs, 'Deployment');
  const d = dRef && deployments[`${ns}/${dRef.name}`];
  const revision = rs.metadata.annotations?.['deployment.kubernetes.io/revision'];
  if (!d || !revision) return null;
  return {
    revision,
    hash: rs.metadata.labels?.['pod-template-hash'] ?? '',
    current: d.metadata.annotations?.['deployment.kubernetes.io/revision'] === revision,
  };
}

const revisions = new WeakMap<
  Pod,
  { replicasets: Record<string, ReplicaSet>; deployments: Record<string, Deployment>; rev: PodRevision | null }
>();

/**
 * podRevision for a card, asked on every store update: the same object while the Pod, the ReplicaSets
 * and the Deployments are the same (immer keeps unchanged ones identical), so the card's shallow
 * comparison is an identity check instead of comparing two fresh objects per Pod per update.
 */
export function podRevisionOf(
  pod: Pod | undefined,
  replicasets: Record<string, ReplicaSet>,
  deployments: Record<string, Deployment>,
): PodRevision | null {
  if (!pod || !Object.isFrozen(pod)) return podRevision(pod, replicasets, deployments);
  const hit = revisions.get(pod);
  if (hit && hit.replicasets === replicasets && hit.deployments === deployments) return hit.rev;
  const rev = podRevision(pod, replicasets, deployments);
  revisions.set(pod, { replicasets, deployments, rev });
  return rev;
}

/**
 * Each Service card asks on every store update; the answer only changes with the Service or the
 * Deployments, so it is remembered per (frozen) Deployments object and Service.
 */
const lines = new WeakMap<Record<string, Deployment>, WeakMap<Service, string | null>>();

/** "rev 2: 1/3 updated, 3 avail" while a Deployment behind the Service rolls out (the full text as a title). */
export function rolloutLine(svc: Service | undefined, deployments: Record<string, Deployment>): string | null {
  if (!svc?.spec.selector) return null;
  if (!Object.isFrozen(deployments) || !Object.isFrozen(svc)) return computeRolloutLine(svc, deployments);
  let bySvc = lines.get(deployments);
  if (!bySvc) lines.set(deployments, (bySvc = new WeakMap()));
  let line = bySvc.get(svc);
  if (line === undefined) bySvc.set(svc, (line = computeRolloutLine(svc, deployments)));
  return line;
}

function computeRolloutLine(svc: Service, deployments: Record<string, Deployment>): string | null {
  if (!svc.spec.selector) return null;
  for (const d of Object.values(deployments)) {
    if (d.metadata.namespace !== svc.metadata.namespace) continue;
    if (!matchesLabels(svc.spec.selector, d.spec.template.metadata?.labels)) continue;
    const want = d.spec.replicas ?? 1;
    const st = d.status;
    const updated = st.updatedReplicas ?? 0;
    const done = updated >= want && (st.replicas ?? 0) <= updated && (st.availableReplicas ?? 0) >= updated;
    if (done && !d.spec.paused) continue;
    const rev = d.metadata.annotations?.['deployment.kubernetes.io/revision'];
    return `${rev ? `rev ${rev}: ` : ''}${updated}/${want} updated${d.spec.paused ? ', paused' : `, ${st.availableReplicas ?? 0} avail`}`;
  }
  return null;
}

/**
 * A Service without a selector: the endpoints someone wrote by hand (an EndpointSlice labelled
 * kubernetes.io/service-name, or v1 Endpoints mirrored into one), as "IP:port" — often outside the Pod network.
 */
export function manualEndpoints(svc: Service | undefined, slices: Record<string, EndpointSlice>): string | null {
  if (!svc || svc.spec.selector || svc.spec.type === 'ExternalName') return null;
  const out: string[] = [];
  for (const sl of Object.values(slices)) {
    if (sl.metadata.namespace !== svc.metadata.namespace) continue;
    if (sl.metadata.labels?.['kubernetes.io/service-name'] !== svc.metadata.name) continue;
    const port = sl.ports?.[0]?.port;
    for (const e of sl.endpoints) for (const a of e.addresses) out.push(port ? `${a}:${port}` : a);
  }
  return out.length ? out.join(', ') : null;
}
