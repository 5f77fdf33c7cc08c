// Saved state is input like any other: a save from an older build, a hand-edited one or one cut short by a
// full disk must never crash the page. This checks a saved cluster before it is put back: what the
// whole cluster cannot do without (its clock, settings, generator) refuses the cluster; a single object
// that is wrong is left out and named. Small on purpose: it runs before the first paint, in the
// initial bundle (the full share-link validator lives in the lazily loaded kit).
import { MAX_CLOCK_MS, MAX_EPOCH_MS, type ClusterState } from '../sim';
const INT32 = 2_147_483_647;

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isInt = (x: unknown, min: number, max: number): boolean =>
  Number.isSafeInteger(x) && (x as number) >= min && (x as number) <= max;
const strMap = (x: unknown) => x === undefined || (isObj(x) && Object.values(x).every((v) => typeof v === 'string'));

/** The first number that is not finite (JSON's 1e400 reads as Infinity), as a path; null when all are. */
function badNumber(x: unknown, path: string, depth = 0): string | null {
  if (typeof x === 'number') return Number.isFinite(x) ? null : path;
  if (typeof x !== 'object' || x === null || depth > 40) return depth > 40 ? path : null;
  for (const [k, v] of Object.entries(x)) {
    const p = badNumber(v, `${path}.${k}`, depth + 1);
    if (p) return p;
  }
  return null;
}

type Check = (o: Record<string, unknown>) => string | null;
const meta: Check = (o) => {
  const m = o.metadata;
  if (!isObj(m) || typeof m.name !== 'string' || !m.name) return 'metadata.name must be a name';
  if (!strMap(m.labels)) return 'metadata.labels must be a map of text values';
  if (!strMap(m.annotations)) return 'metadata.annotations must be a map of text values';
  return null;
};
const containers = (spec: unknown, at: string) =>
  isObj(spec) &&
  Array.isArray(spec.containers) &&
  spec.containers.every((c) => isObj(c) && typeof c.name === 'string' && typeof c.image === 'string')
    ? null
    : `${at}.containers must be a list of containers, each with a name and an image`;
const replicas = (spec: Record<string, unknown>) =>
  spec.replicas === undefined || isInt(spec.replicas, 0, INT32)
    ? null
    : 'spec.replicas must be a whole number from 0 to 2147483647';
const workload: Check = (o) => {
  const spec = o.spec;
  if (!isObj(spec)) return 'spec must be an object';
  if (!isObj(spec.selector)) return 'spec.selector must be an object';
  if (!isObj(spec.template)) return 'spec.template must be an object';
  return replicas(spec) ?? containers(spec.template.spec, 'spec.template.spec');
};
const KIND_CHECKS: Record<string, Check> = {
  namespaces: () => null,
  nodes: (o) => (isObj(o.status) ? null : 'status must be an object'),
  pods: (o) => containers(o.spec, 'spec') ?? (isObj(o.status) ? null : 'status must be an object'),
  services: (o) => {
    const spec = o.spec;
    if (!isObj(spec)) return 'spec must be an object';
    if (!strMap(spec.selector)) return 'spec.selector must be a map of text values';
    const ports = spec.ports ?? [];
    if (
      !Array.isArray(ports) ||
      !ports.every(
        (p) =>
          isObj(p) &&
          isInt(p.port, 1, 65535) &&
          (p.nodePort === undefined || isInt(p.nodePort, 1, 65535)) &&
          (p.targetPort === undefined || typeof p.targetPort === 'string' || isInt(p.targetPort, 1, 65535)),
      )
    )
      return 'spec.ports must be a list of ports from 1 to 65535';
    return null;
  },
  deployments: workload,
  replicasets: workload,
  endpointslices: (o) =>
    Array.isArray(o.endpoints) && (o.ports === undefined || o.ports === null || Array.isArray(o.ports))
      ? null
      : 'endpoints must be a list',
};

const KIND_NAMES: Record<string, string> = {
  namespaces: 'Namespace',
  nodes: 'Node',
  pods: 'Pod',
  services: 'Service',
  deployments: 'Deployment',
  replicasets: 'ReplicaSet',
  endpointslices: 'EndpointSlice',
};

/** A name as a message shows it: a very long one is cut in the middle (a crafted name can be megabytes). */
export function shorten(name: string, max = 80): string {
  return name.length <= max ? name : `${name.slice(0, max - 21)}…(${name.length} characters)`;
}

/** The shape checks above passed: what is left is the engine's own data. */
const isClusterShape = (c: Record<string, unknown>): c is Record<string, unknown> & ClusterState =>
  isObj(c.objects) && isObj(c.settings);

export type SavedCheck = { ok: true; cluster: ClusterState; dropped: string[] } | { ok: false; error: string };

/**
 * Check a saved cluster. The result's cluster is a repaired copy when objects had to be left out
 * (`dropped` says which and why); the input is never changed.
 */
export function checkSavedCluster(c: unknown): SavedCheck {
  const no = (error: string): SavedCheck => ({ ok: false, error });
  if (!isObj(c)) return no('the saved cluster is not an object');
  if (!(typeof c.now === 'number' && c.now >= 0 && c.now <= MAX_CLOCK_MS))
    return no(`the saved clock (now) must be from 0 to ${MAX_CLOCK_MS} ms`);
  if (!Number.isSafeInteger(c.rng)) return no('the saved random generator state (rng) must be a whole number');
  const g = c.settings;
  if (!isObj(g)) return no('settings must be an object');
  if (!isInt(g.epoch, 0, MAX_EPOCH_MS))
    return no(`settings.epoch must be a time from 1970 to the year 9899 in ms (not ${String(g.epoch).slice(0, 40)})`);
  if (!isInt(g.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER))
    return no('settings.seed must be a whole number');
  if (!Array.isArray(g.nodes) || !g.nodes.length || !g.nodes.every((n) => isObj(n) && typeof n.name === 'string'))
    return no('settings.nodes must be a list of machines');
  for (const k of ['podSubnet', 'serviceSubnet', 'nodeSubnet', 'clusterDomain', 'loadBalancerPool'])
    if (typeof g[k] !== 'string') return no(`settings.${k} must be text`);
  if (!isObj(g.client) || typeof g.client.ip !== 'string') return no('settings.client must have an IP address');
  if (!isObj(g.kubeProxy)) return no('settings.kubeProxy must be an object');
  const o = c.objects;
  if (!isObj(o)) return no('objects must be an object');
  for (const k of Object.keys(KIND_CHECKS)) if (!isObj(o[k])) return no(`objects.${k} must be an object`);
  for (const k of ['proxies', 'runtime', 'alloc', 'counters'])
    if (c[k] !== undefined && !isObj(c[k])) return no(`${k} must be an object`);
  if (!Array.isArray(c.events)) return no('events must be a list');
  const events = c.events.filter((e) => isObj(e) && isObj(e.object) && typeof e.message === 'string');
  const bad = badNumber(
    { settings: g, now: c.now, events: c.events, proxies: c.proxies, runtime: c.runtime },
    'cluster',
  );
  if (bad) return no(`${bad} must be a finite number`);

  const dropped: string[] = [];
  let objects: Record<string, Record<string, unknown>> | null = null;
  for (const [kind, check] of Object.entries(KIND_CHECKS)) {
    const map = o[kind] as Record<string, unknown>;
    for (const [key, obj] of Object.entries(map)) {
      const why = isObj(obj)
        ? (meta(obj) ?? check(obj) ?? (badNumber(obj, '') ? 'a number in it is not finite' : null))
        : 'it is not an object';
      if (!why) continue;
      objects ??= { ...(o as Record<string, Record<string, unknown>>) };
      if (objects[kind] === map) objects[kind] = { ...map };
      delete objects[kind][key];
      dropped.push(`${KIND_NAMES[kind]} ${shorten(key)}: ${why}`);
    }
  }
  if (events.length < c.events.length) dropped.push(`${c.events.length - events.length} events that could not be read`);
  const changed = objects || events.length < c.events.length;
  const cluster = changed ? { ...c, objects: objects ?? o, events } : c;
  return isClusterShape(cluster) ? { ok: true, cluster, dropped } : no('the saved cluster is not a cluster');
}
