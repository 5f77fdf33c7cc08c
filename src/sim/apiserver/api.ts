// The API server's write path: create, apply (create or update), delete, scale, label.
// Each call either changes the cluster or returns an ApiError and changes nothing.
import type { ClusterState } from '../model/state';
import type {
  Deployment,
  EndpointSlice,
  EndpointsV1,
  Kind,
  KubeObject,
  ManifestInput,
  Pod,
  ReplicaSet,
} from '../model/types';
import { KINDS } from '../model/types';
import { clone, newUid, nextRV, objKey } from '../model/meta';
import { podRemoved } from '../model/pod-list';
import { alreadyExists, badRequest, invalidObject, namespaceNotFound, notFound, type ApiError } from './errors';
import type { FieldError } from './fielderrors';
import {
  defaultDeployment,
  defaultNamespace,
  defaultPod,
  defaultReplicaSet,
  defaultService,
  dropTypeDependentFields,
} from './defaults';
import { allocateService, checkServiceAllocation, patchAllocatedValues, releaseService } from './service-registry';
import { recordServiceChange } from './changes';
import { extensions } from '../model/extensions';
import { admitServiceAccount, keepTokenVolume } from './serviceaccount';

export type WriteOutcome = 'created' | 'configured' | 'unchanged';
export type WriteResult =
  { ok: true; outcome: WriteOutcome; object: KubeObject; warnings?: string[] } | { ok: false; error: ApiError };
export type DeleteResult = { ok: true; object: KubeObject } | { ok: false; error: ApiError };

/** The kinds a user may write. Nodes come from the cluster's shape; EndpointSlices from the controller. */
export const WRITABLE: Kind[] = [
  'Namespace',
  'Pod',
  'Service',
  'Deployment',
  'ReplicaSet',
  'EndpointSlice',
  'Endpoints',
];

type Collection<T> = Record<string, T>;

function coll(s: ClusterState, kind: Kind): Collection<KubeObject> {
  // (Endpoints came later: a state saved before has no collection for them yet)
  if (kind === 'Endpoints') return (s.objects.endpoints ?? {}) as Collection<KubeObject>;
  return s.objects[KINDS[kind].collection] as Collection<KubeObject>;
}

function store(s: ClusterState, kind: Kind, k: string, obj: KubeObject): void {
  if (kind === 'Endpoints') s.objects.endpoints ??= {};
  coll(s, kind)[k] = obj;
  if (kind === 'Pod') podRemoved(s, k); // (a new Pod, or one replaced under its key: the list is made again)
}

export function getObject(
  s: ClusterState,
  kind: Kind,
  namespace: string | undefined,
  name: string,
): KubeObject | undefined {
  const k = KINDS[kind].namespaced ? `${namespace ?? 'default'}/${name}` : name;
  return coll(s, kind)[k];
}

function comparable(o: KubeObject): string {
  const m = o.metadata;
  const spec =
    'spec' in o
      ? o.spec
      : o.kind === 'EndpointSlice'
        ? [o.addressType, o.endpoints, o.ports]
        : o.kind === 'Endpoints'
          ? o.subsets
          : undefined;
  return JSON.stringify([m.labels ?? {}, m.annotations ?? {}, spec]);
}

function newMeta(s: ClusterState, o: KubeObject): void {
  o.metadata.uid = newUid(s);
  o.metadata.creationTimestamp = s.now;
  o.metadata.resourceVersion = nextRV(s);
  delete o.metadata.deletionTimestamp;
  delete o.metadata.deletionGracePeriodSeconds;
  if (o.kind === 'Deployment' || o.kind === 'ReplicaSet') o.metadata.generation = 1;
}

function emptyStatus(o: KubeObject): void {
  switch (o.kind) {
    case 'Service':
      o.status = { loadBalancer: {} };
      break;
    case 'Pod':
      o.status = { phase: 'Pending', qosClass: 'BestEffort' };
      break;
    case 'Deployment':
      o.status = {};
      break;
    case 'ReplicaSet':
      o.status = { replicas: 0 };
      break;
    case 'Namespace':
      o.status = { phase: 'Active' };
      break;
    default:
      break;
  }
}

function validate(kind: Kind, obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  switch (kind) {
    case 'EndpointSlice':
      return extensions.discovery?.validateSlice(obj as EndpointSlice, old as EndpointSlice | undefined) ?? [];
    case 'Endpoints':
      return extensions.discovery?.validateEndpoints(obj as EndpointsV1, old as EndpointsV1 | undefined) ?? [];
    default:
      // the core and apps kinds: installed with the shell and the kit (model/extensions.ts)
      return extensions.validation?.validate(obj, old) ?? [];
  }
}

function applyDefaults(obj: KubeObject): KubeObject {
  switch (obj.kind) {
    case 'Service':
      return defaultService(obj);
    case 'Pod':
      return defaultPod(obj);
    case 'Deployment':
      return defaultDeployment(obj);
    case 'ReplicaSet':
      return defaultReplicaSet(obj);
    case 'EndpointSlice':
      return extensions.discovery?.defaultSlice(obj) ?? obj;
    case 'Endpoints':
      return extensions.discovery?.defaultEndpoints(obj) ?? obj;
    case 'Namespace':
      return defaultNamespace(obj);
    default:
      return obj;
  }
}

/**
 * Write an object. `mode` create fails on an existing object; apply updates it (kubectl apply's
 * patch: fields it does not set keep their server values, like the ClusterIP and allocated nodePorts).
 */
export function writeObject(
  s: ClusterState,
  input: ManifestInput,
  mode: 'create' | 'apply' | 'replace',
  defaultNamespaceName = 'default',
): WriteResult {
  const kind = input.kind;
  if (!WRITABLE.includes(kind))
    return { ok: false, error: badRequest(`the simulator does not let users write ${kind} objects`) };
  // The server-owned metadata and the status are filled in below (from the old object, or newMeta and
  // emptyStatus) before the object is stored; validation checks the rest.
  let obj = clone(input) as KubeObject;
  obj.metadata = obj.metadata ?? ({} as KubeObject['metadata']);
  if (KINDS[kind].namespaced) obj.metadata.namespace = obj.metadata.namespace || defaultNamespaceName;
  else delete obj.metadata.namespace;
  const ns = obj.metadata.namespace;
  const name = obj.metadata.name ?? '';
  obj = applyDefaults(obj);
  if (ns && name && !s.objects.namespaces[ns]) {
    // The apiserver checks the namespace after validation; validation errors win.
    const early = validate(kind, obj, undefined);
    if (early.length) return { ok: false, error: invalidObject(kind, name, early) };
    return { ok: false, error: namespaceNotFound(ns) };
  }
  const old = name ? getObject(s, kind, ns, name) : undefined;
  if (old && old.metadata.deletionTimestamp !== undefined && kind !== 'Pod') {
    return {
      ok: false,
      error: {
        reason: 'Conflict',
        code: 409,
        message: `object is being deleted: ${KINDS[kind].resource} "${name}" already exists`,
        text: `Error from server (Conflict): object is being deleted: ${KINDS[kind].resource} "${name}" already exists`,
      },
    };
  }
  if (old && mode === 'create') {
    const early = validate(kind, obj, undefined);
    if (early.length) return { ok: false, error: invalidObject(kind, name, early) };
    return { ok: false, error: alreadyExists(kind, name) };
  }
  if (old && old.metadata.deletionTimestamp !== undefined) {
    return {
      ok: false,
      error: {
        reason: 'Conflict',
        code: 409,
        message: `object is being deleted: ${KINDS[kind].resource} "${name}" already exists`,
        text: `Error from server (Conflict): object is being deleted: ${KINDS[kind].resource} "${name}" already exists`,
      },
    };
  }
  if (old) {
    // Server-owned fields survive the update.
    obj.metadata.uid = old.metadata.uid;
    obj.metadata.creationTimestamp = old.metadata.creationTimestamp;
    obj.metadata.resourceVersion = old.metadata.resourceVersion;
    if (old.metadata.ownerReferences && !obj.metadata.ownerReferences)
      obj.metadata.ownerReferences = old.metadata.ownerReferences;
    if (old.metadata.generateName) obj.metadata.generateName = old.metadata.generateName;
    if (obj.kind === 'Service' && old.kind === 'Service') {
      patchAllocatedValues(obj, old);
      // strategy PrepareForUpdate: a field that only the old type needed and the user left as it was goes
      dropTypeDependentFields(obj, old);
    }
    if (obj.kind === 'Pod' && old.kind === 'Pod') {
      // Scheduling and the kubelet's fields are the server's, not the manifest's.
      if (!obj.spec.nodeName) obj.spec.nodeName = old.spec.nodeName;
      keepTokenVolume(obj, old);
    }
  }
  if (!old && obj.kind === 'Service') {
    // Store.Create runs BeginCreate (the allocator: its loose pre-validation, then the requested IP and
    // nodePorts) before BeforeCreate validates: an allocation error comes back alone
    const pre = extensions.validation?.preAllocate(obj) ?? [];
    const early = pre.length ? pre : checkServiceAllocation(s, obj);
    if (early.length) return { ok: false, error: invalidObject(kind, name, early) };
  }
  const causes = validate(kind, obj, old);
  if (causes.length) return { ok: false, error: invalidObject(kind, name, causes) };
  // BeforeCreate / BeforeUpdate: once validation passed, the strategy's warnings go back with the answer
  const found = extensions.validation?.warnings(obj) ?? [];
  const warnings = found.length ? { warnings: found } : {};
  const k = objKey(obj);
  if (old) {
    if (comparable(old) === comparable(obj)) return { ok: true, outcome: 'unchanged', object: old, ...warnings };
    if (obj.kind === 'Service' && old.kind === 'Service') {
      const r = allocateService(s, obj, old, k);
      if (!r.ok) return { ok: false, error: r.error ?? invalidObject(kind, name, r.causes ?? []) };
      obj.status = old.status;
      if (obj.spec.type !== 'LoadBalancer') {
        for (const ing of obj.status.loadBalancer.ingress ?? []) if (ing.ip) delete s.alloc.lbIPs[ing.ip];
        obj.status = { loadBalancer: {} };
      }
    } else {
      (obj as { status: unknown }).status = (old as { status: unknown }).status;
    }
    if (
      (obj.kind === 'Deployment' || obj.kind === 'ReplicaSet') &&
      JSON.stringify(obj.spec) !== JSON.stringify((old as Deployment | ReplicaSet).spec)
    ) {
      obj.metadata.generation = (old.metadata.generation ?? 1) + 1;
    } else if (old.metadata.generation) obj.metadata.generation = old.metadata.generation;
    obj.metadata.resourceVersion = nextRV(s);
    store(s, kind, k, obj);
    if (obj.kind === 'Service') recordServiceChange(s, k);
    if (obj.kind === 'EndpointSlice') sliceChanged(s, obj, old as EndpointSlice);
    return { ok: true, outcome: 'configured', object: obj, ...warnings };
  }
  emptyStatus(obj);
  if (obj.kind === 'Service') {
    const r = allocateService(s, obj, undefined, k);
    if (!r.ok) return { ok: false, error: r.error ?? invalidObject(kind, name, r.causes ?? []) };
  }
  newMeta(s, obj);
  if (obj.kind === 'Pod') admitServiceAccount(obj);
  store(s, kind, k, obj);
  if (obj.kind === 'Service') recordServiceChange(s, k);
  if (obj.kind === 'EndpointSlice') sliceChanged(s, obj);
  return { ok: true, outcome: 'created', object: obj, ...warnings };
}

/** Delete an object. Pods end gracefully (Terminating for up to the grace period); owners' dependents follow via the garbage collector. */
export function deleteObject(
  s: ClusterState,
  kind: Kind,
  namespace: string | undefined,
  name: string,
  opts: { gracePeriodSeconds?: number } = {},
): DeleteResult {
  if (KINDS[kind].namespaced && namespace && !s.objects.namespaces[namespace] && kind !== 'Pod') {
    return { ok: false, error: notFound(kind, name) };
  }
  const obj = getObject(s, kind, namespace, name);
  if (!obj) return { ok: false, error: notFound(kind, name) };
  const k = objKey(obj);
  switch (obj.kind) {
    case 'Pod': {
      const grace = opts.gracePeriodSeconds ?? obj.spec.terminationGracePeriodSeconds ?? 30;
      if (grace === 0) {
        removePod(s, obj);
      } else if (obj.metadata.deletionTimestamp === undefined) {
        obj.metadata.deletionTimestamp = s.now + grace * 1000;
        obj.metadata.deletionGracePeriodSeconds = grace;
        obj.metadata.resourceVersion = nextRV(s);
      }
      return { ok: true, object: obj };
    }
    case 'Service':
      releaseService(s, obj);
      delete s.objects.services[k];
      recordServiceChange(s, k);
      return { ok: true, object: obj };
    case 'Namespace':
      if (['default', 'kube-system', 'kube-public', 'kube-node-lease'].includes(name)) {
        return {
          ok: false,
          error: {
            reason: 'Forbidden',
            code: 403,
            message: `namespaces "${name}" is forbidden: this namespace may not be deleted`,
            text: `Error from server (Forbidden): namespaces "${name}" is forbidden: this namespace may not be deleted`,
          },
        };
      }
      obj.status = { phase: 'Terminating' };
      obj.metadata.deletionTimestamp = s.now;
      return { ok: true, object: obj };
    case 'Node':
      delete s.objects.nodes[k];
      return { ok: true, object: obj };
    default:
      delete coll(s, kind)[k];
      if (obj.kind === 'EndpointSlice') sliceChanged(s, obj);
      return { ok: true, object: obj };
  }
}

/** A slice written or deleted by a user: the Service it names (kubernetes.io/service-name) changed for kube-proxy. */
function sliceChanged(s: ClusterState, ...slices: (EndpointSlice | undefined)[]): void {
  for (const e of slices) {
    const svc = e?.metadata.labels?.['kubernetes.io/service-name'];
    if (e && svc) recordServiceChange(s, `${e.metadata.namespace}/${svc}`);
  }
}

/** The pod object is gone (grace period over, or force-deleted): release its IP. */
export function removePod(s: ClusterState, pod: Pod): void {
  const k = objKey(pod);
  const node = pod.spec.nodeName;
  if (node && pod.status.podIP && !pod.spec.hostNetwork) delete s.alloc.podIPs[node]?.used[pod.status.podIP];
  delete s.runtime[pod.metadata.uid];
  delete s.objects.pods[k];
  podRemoved(s, k);
}

/** The largest value of a Kubernetes int32 field (replicas, ports, …). */
export const INT32_MAX = 2_147_483_647;

export function scaleDeployment(s: ClusterState, namespace: string, name: string, replicas: number): DeleteResult {
  const d = s.objects.deployments[`${namespace}/${name}`];
  if (!d) return { ok: false, error: notFound('Deployment', name) };
  if (Number.isInteger(replicas) && replicas > INT32_MAX)
    // the scale subresource's spec.replicas is an int32: Go's JSON decoder refuses the patched object
    // (encoding/json UnmarshalTypeError: "number <literal>"; the literal as JSON would print it)
    return {
      ok: false,
      error: badRequest(
        `json: cannot unmarshal number ${String(replicas)} into Go struct field ScaleSpec.spec.replicas of type int32`,
      ),
    };
  if (!Number.isInteger(replicas) || replicas < 0) {
    return {
      ok: false,
      error: invalidObject('Deployment', name, [
        {
          type: 'Invalid value',
          field: 'spec.replicas',
          value: replicas,
          detail: 'must be greater than or equal to 0',
        },
      ]),
    };
  }
  if (d.spec.replicas !== replicas) {
    d.spec.replicas = replicas;
    d.metadata.generation = (d.metadata.generation ?? 1) + 1;
    d.metadata.resourceVersion = nextRV(s);
  }
  return { ok: true, object: d };
}

/** kubectl label: set (value) or remove (null) labels. Returns the object or an error. */
export function setLabels(
  s: ClusterState,
  kind: Kind,
  namespace: string | undefined,
  name: string,
  changes: Record<string, string | null>,
  overwrite: boolean,
): WriteResult {
  const obj = getObject(s, kind, namespace, name);
  if (!obj) return { ok: false, error: notFound(kind, name) };
  const labels = { ...(obj.metadata.labels ?? {}) };
  for (const [k, v] of Object.entries(changes)) {
    if (v !== null && labels[k] !== undefined && labels[k] !== v && !overwrite) {
      return {
        ok: false,
        error: {
          reason: 'BadRequest',
          code: 400,
          message: '',
          text: `error: '${k}' already has a value (${labels[k]}), and --overwrite is false`,
        },
      };
    }
    if (v === null) delete labels[k];
    else labels[k] = v;
  }
  const next = clone(obj);
  next.metadata.labels = labels;
  if (Object.keys(labels).length === 0) delete next.metadata.labels;
  if (obj.kind === 'Node' || obj.kind === 'EndpointSlice') {
    Object.assign(obj.metadata, { labels: next.metadata.labels });
    return { ok: true, outcome: 'configured', object: obj };
  }
  const r = writeObject(s, next, 'replace', namespace);
  return r;
}
