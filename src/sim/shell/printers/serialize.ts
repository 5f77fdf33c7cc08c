// Objects as kubectl -o json / -o yaml shows them: the apiserver's JSON (RFC 3339 timestamps, Go's
// omitempty rules, structs that always serialize such as `status.loadBalancer: {}` and
// `resources: {}`), read back as unstructured data, so every map's keys come out sorted.
import type { KubeObject } from '../../model/types';
import { rfc3339 } from '../../time/clock';
import type { Endpoints } from './endpoints';
import type { JsonValue } from './goyaml';
import { marshalYaml } from './goyaml';
import { byteCompare } from './format';

export type { JsonValue } from './goyaml';
export type Serializable = KubeObject | Endpoints;
type JsonObject = { [k: string]: JsonValue };

const TIME_KEYS = new Set([
  'creationTimestamp',
  'deletionTimestamp',
  'lastTransitionTime',
  'lastHeartbeatTime',
  'lastProbeTime',
  'startTime',
  'startedAt',
  'finishedAt',
  'lastUpdateTime',
  'lastScheduleTime',
  'acquireTime',
  'renewTime',
  'firstTimestamp',
  'lastTimestamp',
  'eventTime',
]);
/** map[string]string fields tagged omitempty */
const OMITEMPTY_MAPS = new Set(['labels', 'annotations', 'matchLabels', 'nodeSelector', 'capacity', 'allocatable']);
/** booleans tagged omitempty (not pointers) */
const OMITEMPTY_BOOLS = new Set(['unschedulable', 'hostNetwork', 'publishNotReadyAddresses']);
/** integers tagged omitempty (not pointers) */
const OMITEMPTY_INTS = new Set([
  'nodePort',
  'healthCheckNodePort',
  'hostPort',
  'generation',
  'observedGeneration',
  'fullyLabeledReplicas',
]);
const DEPLOYMENT_STATUS_INTS = new Set([
  'replicas',
  'updatedReplicas',
  'readyReplicas',
  'availableReplicas',
  'unavailableReplicas',
]);
const RS_STATUS_INTS = new Set(['readyReplicas', 'availableReplicas']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether Go's encoder would leave this field out. `path` is the keys from the object root. */
function omitted(kind: string, path: string[], key: string, v: unknown): boolean {
  if (v === undefined) return true;
  const parent = path[path.length - 1];
  if (key === 'creationTimestamp' && v === null) return true; // omitzero since 1.34
  if (v === '') {
    if (kind === 'EndpointSlice' && path[0] === 'ports' && key === 'name') return false; // *string
    if (parent === 'containerStatuses' || path.includes('containerStatuses'))
      return key !== 'imageID' && key !== 'image';
    return true;
  }
  if (v === false && OMITEMPTY_BOOLS.has(key)) return true;
  if (v === 0) {
    if (OMITEMPTY_INTS.has(key)) return true;
    if (kind === 'Deployment' && path.length === 1 && path[0] === 'status' && DEPLOYMENT_STATUS_INTS.has(key))
      return true;
    if (kind === 'ReplicaSet' && path.length === 1 && path[0] === 'status' && RS_STATUS_INTS.has(key)) return true;
  }
  if (Array.isArray(v) && v.length === 0)
    return !(kind === 'EndpointSlice' && path.length === 0 && (key === 'endpoints' || key === 'ports'));
  if (isObject(v) && Object.keys(v).length === 0) {
    if (OMITEMPTY_MAPS.has(key)) return true;
    if (kind === 'Service' && path.length === 1 && path[0] === 'spec' && key === 'selector') return true;
  }
  return false;
}

function convert(kind: string, v: unknown, path: string[], key: string, epoch: number): JsonValue {
  if (TIME_KEYS.has(key) && typeof v === 'number') return rfc3339(epoch, v);
  if (Array.isArray(v)) return v.map((x) => convert(kind, x, [...path, key], '', epoch));
  if (isObject(v)) {
    const here = key === '' ? path : [...path, key];
    const out: JsonObject = {};
    for (const k of Object.keys(v).sort(byteCompare)) {
      if (omitted(kind, here, k, v[k])) continue;
      out[k] = convert(kind, v[k], here, k, epoch);
    }
    return out;
  }
  if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
  return null;
}

type Obj = Record<string, unknown>;
/** The objects of a JSON list (none when it is absent). */
const objectsIn = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObject) : []);

/** Fill in the struct-typed fields Go always serializes, even when the model leaves them out. */
function withStructs(o: Serializable): Obj {
  // a deep copy: plain JSON shapes, edited where present
  const x: Obj = JSON.parse(JSON.stringify(o));
  const containers = (spec: unknown) => {
    for (const c of objectsIn(isObject(spec) ? spec.containers : undefined)) if (!c.resources) c.resources = {};
  };
  switch (o.kind) {
    case 'Service': {
      const status: Obj = isObject(x.status) ? x.status : (x.status = {});
      status.loadBalancer = status.loadBalancer ?? {};
      break;
    }
    case 'Pod':
      containers(x.spec);
      for (const cs of objectsIn(isObject(x.status) ? x.status.containerStatuses : undefined)) {
        cs.state = cs.state ?? {};
        cs.lastState = cs.lastState ?? {};
      }
      break;
    case 'Deployment':
    case 'ReplicaSet':
      if (isObject(x.spec) && isObject(x.spec.template)) {
        const template = x.spec.template;
        template.metadata = template.metadata ?? {};
        containers(template.spec);
      }
      x.status = x.status ?? {};
      break;
    case 'EndpointSlice':
      // empty lists come back from storage as nil, and these two fields are not omitempty
      if (!Array.isArray(x.endpoints) || x.endpoints.length === 0) x.endpoints = null;
      if (!Array.isArray(x.ports) || x.ports.length === 0) x.ports = null;
      break;
  }
  return x;
}

/** The object as the apiserver returns it, keys sorted as kubectl prints unstructured objects. */
export function toApiJson(obj: Serializable, epoch: number): JsonObject {
  return convert(obj.kind, withStructs(obj), [], '', epoch) as JsonObject;
}

/** The List kubectl wraps several objects (or any list request) in. */
export function listOf(items: JsonValue[]): JsonObject {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

/** kubectl -o json: 4-space indent, Go's HTML-safe escapes, a trailing newline. */
export function toJson(value: JsonValue): string {
  const text = JSON.stringify(value, null, 4)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return text + '\n';
}

/** kubectl -o yaml (go-yaml v2 layout), ending with a newline. */
export function toYaml(value: JsonValue): string {
  return marshalYaml(value);
}

/** One object as itself, several (or a list request: pass an array) as a List. */
export function printObjects(objs: Serializable | Serializable[], format: 'json' | 'yaml', epoch: number): string {
  const value = Array.isArray(objs) ? listOf(objs.map((o) => toApiJson(o, epoch))) : toApiJson(objs, epoch);
  return format === 'json' ? toJson(value) : toYaml(value);
}
