// Helpers over ObjectMeta and label selectors shared by the apiserver and controllers.
import type { ClusterState } from './state';
import type { KubeObject, LabelSelector, Labels } from './types';
import { random } from '../time/rng';

export function objKey(o: { metadata: { namespace?: string; name: string } }): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name;
}

/** A UUID (v4 layout) drawn from the seeded generator. */
export function newUid(s: ClusterState): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random(s) * 16).toString(16)).join('');
  s.counters.uid++;
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(random(s) * 4)]}${hex(3)}-${hex(12)}`;
}

export function nextRV(s: ClusterState): string {
  s.counters.rv++;
  return String(s.counters.rv);
}

export function matchesLabels(selector: Labels | undefined, labels: Labels | undefined): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  return Object.entries(selector).every(([k, v]) => l[k] === v);
}

export function matchesSelector(sel: LabelSelector | undefined, labels: Labels | undefined): boolean {
  if (!sel) return false;
  const l = labels ?? {};
  if (sel.matchLabels && !Object.entries(sel.matchLabels).every(([k, v]) => l[k] === v)) return false;
  for (const r of sel.matchExpressions ?? []) {
    const v = Object.prototype.hasOwnProperty.call(l, r.key) ? l[r.key] : undefined;
    const has = v !== undefined;
    const vals = r.values ?? [];
    if (r.operator === 'In' && !(has && vals.includes(v))) return false;
    if (r.operator === 'NotIn' && has && vals.includes(v)) return false;
    if (r.operator === 'Exists' && !has) return false;
    if (r.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

export function allObjects(s: ClusterState): KubeObject[] {
  const o = s.objects;
  return [
    ...Object.values(o.namespaces),
    ...Object.values(o.nodes),
    ...Object.values(o.pods),
    ...Object.values(o.services),
    ...Object.values(o.deployments),
    ...Object.values(o.replicasets),
    ...Object.values(o.endpointslices),
  ];
}

export function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}
