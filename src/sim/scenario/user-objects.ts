// The user's objects: what they applied, not what the cluster made of it. System objects (kubeadm's
// namespaces, kubernetes, kube-dns, CoreDNS), controller-owned objects (ReplicaSets and Pods of a
// Deployment), EndpointSlices and Nodes are derived, and so are the apiserver's defaults and the
// fields it allocates. Used by the share link and by the YAML export.
import type { ClusterState } from '../model/state';
import type { KubeObject, Pod } from '../model/types';
import { KINDS, isManifestInput } from '../model/types';
import { allObjects, clone } from '../model/meta';
import { admittedTokenVolume, withoutTokenVolume } from '../apiserver/serviceaccount';
import {
  defaultDeployment,
  defaultNamespace,
  defaultPod,
  defaultReplicaSet,
  defaultService,
} from '../apiserver/defaults';

export const SYSTEM_NAMESPACES = ['default', 'kube-flannel', 'kube-node-lease', 'kube-public', 'kube-system'];
const SYSTEM_OBJECTS = new Set([
  'Service:default/kubernetes',
  'Service:kube-system/kube-dns',
  'Deployment:kube-system/coredns',
]);
const USER_KINDS = new Set(['Namespace', 'Pod', 'Service', 'Deployment', 'ReplicaSet']);

/** A manifest as a user would write it: apiVersion, kind, metadata (name, namespace, labels, annotations), spec… */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

function isUserObject(o: KubeObject): boolean {
  if (!USER_KINDS.has(o.kind)) return false;
  const m = o.metadata;
  if (o.kind === 'Namespace' && SYSTEM_NAMESPACES.includes(m.name)) return false;
  if (SYSTEM_OBJECTS.has(`${o.kind}:${m.namespace}/${m.name}`)) return false;
  if ((m.ownerReferences ?? []).some((r) => r.controller)) return false;
  // On its way out (kubectl delete was run): not part of what the user has.
  if (m.deletionTimestamp !== undefined) return false;
  return true;
}

/**
 * Candidate creation orders of the user's objects, most likely first, so that applying them again to a
 * new cluster with the same seed draws the same random names and addresses. Objects created at the same
 * instant by one apply got consecutive resourceVersions; the scheduler and kubelet bump a Pod's later,
 * so each Pod goes back into a free slot of the window its batch occupied. When several windows fit,
 * each is a candidate (the caller replays them to find the one that reproduces the cluster).
 */
export function creationOrders(s: ClusterState, max = 8): KubeObject[][] {
  const all = allObjects(s);
  const used = new Set(all.map((o) => Number(o.metadata.resourceVersion)));
  const users = all.filter(isUserObject);
  const groups = new Map<number, KubeObject[]>();
  for (const o of users) {
    const g = groups.get(o.metadata.creationTimestamp) ?? [];
    g.push(o);
    groups.set(o.metadata.creationTimestamp, g);
  }
  const times = [...groups.keys()].sort((a, b) => a - b);
  // For each instant, the possible orders of its objects.
  const options = times.map((t) => groupOrders(groups.get(t)!, used));
  const build = (pick: number[]) => {
    const out = times.flatMap((_, i) => options[i][pick[i]]);
    // applyAll writes Namespaces first; so did the original load.
    return [...out.filter((o) => o.kind === 'Namespace'), ...out.filter((o) => o.kind !== 'Namespace')];
  };
  const first = times.map(() => 0);
  const orders = [build(first)];
  for (let i = 0; i < times.length && orders.length < max; i++) {
    for (let j = 1; j < options[i].length && orders.length < max; j++)
      orders.push(build(first.map((_, k) => (k === i ? j : 0))));
  }
  return orders;
}

/** The orders one instant's objects may have been created in (see creationOrders). */
function groupOrders(group: KubeObject[], used: Set<number>): KubeObject[][] {
  const pods = group.filter((o) => o.kind === 'Pod'); // collection order = creation order
  const sorted = group.filter((o) => o.kind !== 'Pod').sort((a, b) => rv(a) - rv(b));
  const n = group.length;
  // An object updated after its batch was created (a Service whose type changed) has moved out of the
  // batch's window: like a Pod, it goes back into a free slot, at any place among the Pods.
  const known = sorted.filter((o) => rv(o) <= rv(sorted[0]) + n - 1);
  const late = sorted.filter((o) => !known.includes(o));
  if (!known.length || (!pods.length && !late.length)) return [[...sorted, ...pods]];
  const out: KubeObject[][] = [];
  for (const floating of arrangements(pods, late, 24)) out.push(...windows(group, known, floating, used));
  // No window fits: keep the known order and put the Pods last.
  return out.length ? out : [[...sorted, ...pods]];
}

/** `fixed` in its order with each of `extra` inserted anywhere, the extras-last arrangement first. */
function arrangements(fixed: KubeObject[], extra: KubeObject[], max: number): KubeObject[][] {
  let acc: KubeObject[][] = [fixed];
  for (const x of extra) {
    const next: KubeObject[][] = [];
    for (const a of acc)
      for (let i = a.length; i >= 0 && next.length < max; i--) next.push([...a.slice(0, i), x, ...a.slice(i)]);
    acc = next;
  }
  return acc;
}

/** Orders in which `known` keep their resourceVersions and `floating` fill the free slots, in order. */
function windows(group: KubeObject[], known: KubeObject[], floating: KubeObject[], used: Set<number>): KubeObject[][] {
  const n = group.length;
  const knownRVs = new Set(known.map(rv));
  const out: KubeObject[][] = [];
  for (let a = rv(known[0]); a >= rv(known[known.length - 1]) - n + 1; a--) {
    const slots: number[] = [];
    let ok = true;
    for (let r = a; r < a + n && ok; r++) {
      if (knownRVs.has(r)) continue;
      if (used.has(r)) ok = false;
      else slots.push(r);
    }
    if (!ok || slots.length !== floating.length) continue;
    const at = new Map<KubeObject, number>([
      ...known.map((o) => [o, rv(o)] as const),
      ...floating.map((p, i) => [p, slots[i]] as const),
    ]);
    out.push([...group].sort((x, y) => at.get(x)! - at.get(y)!));
  }
  return out;
}

const rv = (o: KubeObject): number => Number(o.metadata.resourceVersion);

/** The user's objects, in their most likely creation order. */
export function userObjects(s: ClusterState): KubeObject[] {
  return creationOrders(s, 1)[0];
}

/** The scheduler bound this Pod (so spec.nodeName is the cluster's, not the user's). */
function scheduledByCluster(p: Pod): boolean {
  return (p.status?.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.status === 'True');
}

const DROP_ANNOTATIONS = (k: string) =>
  k === 'kubectl.kubernetes.io/last-applied-configuration' || k.startsWith('deployment.kubernetes.io/');

/** Sorted-key JSON: two objects with the same content give the same text. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** What the apiserver would store for this manifest (defaults filled in), without status. */
function defaulted(o: Record<string, unknown>): string {
  // The default* functions work on their own deep copy; a pruned manifest that lacks a part they need
  // makes them throw (below).
  if (!isManifestInput(o)) return '\u0000unusable';
  const x = o as KubeObject;
  let d: KubeObject;
  try {
    switch (x.kind) {
      case 'Service':
        d = defaultService(x);
        break;
      case 'Pod':
        d = defaultPod(x);
        break;
      case 'Deployment':
        d = defaultDeployment(x);
        break;
      case 'ReplicaSet':
        d = defaultReplicaSet(x);
        break;
      case 'Namespace':
        d = defaultNamespace(x);
        break;
      default:
        d = x;
    }
  } catch {
    return '\u0000unusable'; // a required part is missing: never equal to the original
  }
  const { status: _status, ...out } = d as KubeObject & { status?: unknown };
  return canonical(out);
}

type Json = Record<string, unknown> | unknown[];
const isContainer = (v: unknown): v is Json => typeof v === 'object' && v !== null;

/**
 * Remove every field whose absence the apiserver's defaulting fills back in with the same value:
 * top-down, a whole subtree first, then its parts. `keep` protects paths ("spec.ports.0.protocol").
 */
function pruneDefaults(o: Record<string, unknown>, keep: (path: string) => boolean): Record<string, unknown> {
  const target = defaulted(o);
  const cur = clone(o);
  const visit = (node: Json, path: string[]) => {
    const keys = Array.isArray(node) ? node.map((_, i) => i).reverse() : Object.keys(node);
    for (const k of keys) {
      const p = [...path, String(k)];
      const dotted = p.join('.');
      if (path.length === 0 && (k === 'apiVersion' || k === 'kind')) continue;
      if (path.length === 0 && k === 'metadata') {
        visit((node as Record<string, Json>)[k], p);
        continue;
      }
      if (dotted === 'metadata.name' || dotted === 'metadata.namespace' || keep(dotted)) continue;
      const value = (node as Record<string | number, unknown>)[k];
      if (Array.isArray(node)) node.splice(k as number, 1);
      else delete (node as Record<string, unknown>)[k as string];
      if (defaulted(cur) === target) continue;
      // Needed: put it back (arrays at the same index) and look inside.
      if (Array.isArray(node)) node.splice(k as number, 0, value);
      else (node as Record<string, unknown>)[k as string] = value;
      if (isContainer(value)) visit(value, p);
    }
  };
  visit(cur, []);
  return inOrderOf(cur, o) as Record<string, unknown>;
}

/**
 * pruneDefaults of a Pod manifest, kept by its content apart from the metadata: the Pod's defaulting
 * (defaultPod) never reads the metadata and fills none of it in, so every metadata field stays and the
 * rest prunes the same way whatever the metadata is. The 600 Pods of one template prune once, not 600
 * times (about half a millisecond each).
 */
const PRUNED_PODS = new Map<string, Record<string, unknown>>();
function prunePod(x: Record<string, unknown>): Record<string, unknown> {
  const key = JSON.stringify({ ...x, metadata: null });
  let pruned = PRUNED_PODS.get(key);
  if (!pruned) {
    if (PRUNED_PODS.size >= 2000) PRUNED_PODS.clear();
    PRUNED_PODS.set(key, (pruned = pruneDefaults({ ...x, metadata: { name: 'pod' } }, () => false)));
  }
  return { ...structuredClone(pruned), metadata: x.metadata };
}

/** `v` with its keys in the order `like` has them (pruning re-inserts kept keys at the end). */
function inOrderOf(v: unknown, like: unknown): unknown {
  if (Array.isArray(v)) return v.map((x, i) => inOrderOf(x, Array.isArray(like) ? like[i] : undefined));
  if (!isContainer(v)) return v;
  const ref = isContainer(like) && !Array.isArray(like) ? Object.keys(like) : [];
  const keys = [...ref.filter((k) => k in v), ...Object.keys(v).filter((k) => !ref.includes(k))];
  return Object.fromEntries(
    keys.map((k) => [
      k,
      inOrderOf(
        (v as Record<string, unknown>)[k],
        isContainer(like) ? (like as Record<string, unknown>)[k] : undefined,
      ),
    ]),
  );
}

export interface ManifestOptions {
  /** Keep spec.clusterIP (the link pins an address a replay would not reproduce). */
  clusterIP?: boolean;
  /** Keep these nodePorts (by port index); others were drawn at random and are dropped. */
  nodePorts?: number[];
  /** Keep fields a reader expects even when they are defaults (Service port protocol and targetPort). */
  readable?: boolean;
}

/**
 * Manifests of frozen objects (the app's store freezes its cluster, so an object that has not changed
 * is the very same object): finding the defaults costs a few ms an object, and the autosave asks again
 * for every object after every change. Keyed by object and options; each caller gets its own copy.
 */
const MANIFESTS = new WeakMap<KubeObject, Map<string, Manifest>>();

/** The manifest a user would have applied to get `o`: no status, no server-set metadata, no defaults. */
export function toManifest(o: KubeObject, opts: ManifestOptions = {}): Manifest {
  if (!Object.isFrozen(o)) return makeManifest(o, opts);
  const key = JSON.stringify([opts.clusterIP, opts.nodePorts, opts.readable]);
  let byOpts = MANIFESTS.get(o);
  if (!byOpts) MANIFESTS.set(o, (byOpts = new Map()));
  let m = byOpts.get(key);
  if (!m) byOpts.set(key, (m = o.kind === 'Pod' ? podManifest(o, opts, key) : makeManifest(o, opts)));
  return structuredClone(m);
}

/**
 * A Pod's status changes many times as it starts (a new object each time) while its spec stays the
 * very same frozen object: its manifest reads only the spec, the metadata a user sets, and whether
 * the scheduler placed it (makeManifest below), so it is kept by the spec and those.
 */
const POD_MANIFESTS = new WeakMap<Pod['spec'], Map<string, Manifest>>();
function podManifest(o: Pod, opts: ManifestOptions, optsKey: string): Manifest {
  if (!Object.isFrozen(o.spec)) return makeManifest(o, opts);
  const { metadata: m, spec: _spec, status: _status, ...rest } = o;
  const key = JSON.stringify([optsKey, rest, m.name, m.namespace, m.labels, m.annotations, scheduledByCluster(o)]);
  let byKey = POD_MANIFESTS.get(o.spec);
  if (!byKey) POD_MANIFESTS.set(o.spec, (byKey = new Map()));
  let man = byKey.get(key);
  if (!man) byKey.set(key, (man = makeManifest(o, opts)));
  return man;
}

function makeManifest(o: KubeObject, opts: ManifestOptions): Manifest {
  const x: Record<string, unknown> & { metadata: Record<string, unknown>; spec?: Record<string, unknown> } = JSON.parse(
    JSON.stringify(o),
  );
  delete x.status;
  const m = o.metadata;
  const meta: Manifest['metadata'] = { name: m.name };
  if (KINDS[o.kind].namespaced && m.namespace && m.namespace !== 'default') meta.namespace = m.namespace;
  if (m.labels && Object.keys(m.labels).length) meta.labels = { ...m.labels };
  const ann = Object.entries(m.annotations ?? {}).filter(([k]) => !DROP_ANNOTATIONS(k));
  if (ann.length) meta.annotations = Object.fromEntries(ann);
  x.metadata = meta;
  x.apiVersion = KINDS[o.kind].apiVersion;
  if (o.kind === 'Pod' && scheduledByCluster(o)) delete (x.spec as Record<string, unknown>).nodeName;
  // added by the ServiceAccount admission plugin: a new cluster adds its own
  const tokenVolume = o.kind === 'Pod' ? admittedTokenVolume(o) : undefined;
  if (o.kind === 'Pod' && tokenVolume && x.spec) {
    const spec = clone(o.spec);
    withoutTokenVolume(spec, tokenVolume);
    if (spec.volumes) x.spec.volumes = spec.volumes;
    else delete x.spec.volumes;
    x.spec.containers = spec.containers;
  }
  if (o.kind === 'Service' && x.spec) {
    const spec = x.spec;
    // Allocated by the apiserver: a new cluster allocates its own (unless the link pins them).
    if (opts.clusterIP && typeof spec.clusterIP === 'string' && spec.clusterIP !== 'None')
      spec.clusterIPs = [spec.clusterIP];
    else if (spec.clusterIP !== 'None') {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    delete spec.healthCheckNodePort;
    const keepPorts = new Set(opts.nodePorts ?? []);
    (spec.ports as Record<string, unknown>[] | undefined)?.forEach((p, i) => {
      if (!keepPorts.has(i)) delete p.nodePort;
    });
  }
  const keep = (path: string): boolean =>
    !!opts.readable && o.kind === 'Service' && /^spec\.ports\.\d+\.(protocol|targetPort)$/.test(path);
  const pruned = o.kind === 'Pod' ? prunePod(x) : pruneDefaults(x, keep);
  // Key order as people write it.
  const { apiVersion, kind, metadata, ...rest } = pruned;
  return { apiVersion, kind, metadata, ...rest } as Manifest;
}
