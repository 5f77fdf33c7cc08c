// Checks a decoded share payload field by field before anything touches the cluster: a link is data
// from a stranger. Messages name the field, in words a user can act on.
import { KINDS } from '../model/types';
import { checkFields } from './schema';
import type { SharePayload, ShareSettings, ShareTrace } from './share-types';
import type { Manifest } from './user-objects';

type T = 'str' | 'int' | 'num' | 'bool' | 'strmap' | 'any' | 'intOrStr' | [T] | { [k: string]: T };

const meta: T = { name: 'str', namespace: 'str', labels: 'strmap', annotations: 'strmap', generateName: 'str' };
const selector: T = { matchLabels: 'strmap', matchExpressions: [{ key: 'str', operator: 'str', values: ['str'] }] };
const container: T = {
  name: 'str',
  image: 'str',
  command: ['str'],
  args: ['str'],
  imagePullPolicy: 'str',
  ports: [{ name: 'str', containerPort: 'int', protocol: 'str', hostPort: 'int', hostIP: 'str' }],
  env: [{ name: 'str', value: 'str', valueFrom: 'any' }],
  resources: 'any',
  terminationMessagePath: 'str',
  terminationMessagePolicy: 'str',
};
const podSpec: T = {
  containers: [container],
  nodeName: 'str',
  hostNetwork: 'bool',
  hostname: 'str',
  subdomain: 'str',
  restartPolicy: 'str',
  dnsPolicy: 'str',
  enableServiceLinks: 'bool',
  terminationGracePeriodSeconds: 'int',
  schedulerName: 'str',
  serviceAccountName: 'str',
  serviceAccount: 'str',
  securityContext: 'any',
  tolerations: [{ key: 'str', operator: 'str', effect: 'str', value: 'str', tolerationSeconds: 'int' }],
};
const template: T = { metadata: meta, spec: podSpec };
const SPECS: Record<string, T> = {
  Namespace: { finalizers: ['str'] },
  Pod: podSpec,
  Service: {
    type: 'str',
    selector: 'strmap',
    clusterIP: 'str',
    clusterIPs: ['str'],
    ipFamilies: ['str'],
    ipFamilyPolicy: 'str',
    externalIPs: ['str'],
    externalName: 'str',
    sessionAffinity: 'str',
    sessionAffinityConfig: { clientIP: { timeoutSeconds: 'int' } },
    externalTrafficPolicy: 'str',
    internalTrafficPolicy: 'str',
    healthCheckNodePort: 'int',
    loadBalancerIP: 'str',
    loadBalancerSourceRanges: ['str'],
    loadBalancerClass: 'str',
    allocateLoadBalancerNodePorts: 'bool',
    publishNotReadyAddresses: 'bool',
    trafficDistribution: 'str',
    ports: [{ name: 'str', protocol: 'str', appProtocol: 'str', port: 'int', targetPort: 'intOrStr', nodePort: 'int' }],
  },
  Deployment: {
    replicas: 'int',
    selector,
    template,
    strategy: 'any',
    revisionHistoryLimit: 'int',
    progressDeadlineSeconds: 'int',
    minReadySeconds: 'int',
    paused: 'bool',
  },
  ReplicaSet: { replicas: 'int', selector, template, minReadySeconds: 'int' },
};

const WORDS: Record<string, string> = {
  str: 'text',
  int: 'a whole number',
  num: 'a number',
  bool: 'true or false',
  strmap: 'a map of text values',
  intOrStr: 'a number or a name',
};

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class Invalid extends Error {}
const fail = (path: string, what: string): never => {
  throw new Invalid(`${path} must be ${what}`);
};

/** Type-check `v` against `t`; keys the schema does not know are left for `unknown` to judge. */
function check(v: unknown, t: T, path: string, unknown: (path: string, key: string) => void): void {
  if (t === 'any') return;
  if (typeof t === 'string') {
    const ok =
      t === 'str'
        ? typeof v === 'string'
        : t === 'int'
          ? Number.isSafeInteger(v)
          : t === 'num'
            ? typeof v === 'number' && Number.isFinite(v)
            : t === 'bool'
              ? typeof v === 'boolean'
              : t === 'intOrStr'
                ? Number.isSafeInteger(v) || typeof v === 'string'
                : isObj(v) && Object.values(v).every((x) => typeof x === 'string');
    if (!ok) fail(path, WORDS[t]);
    return;
  }
  if (Array.isArray(t)) {
    if (!Array.isArray(v)) fail(path, 'a list');
    (v as unknown[]).forEach((x, i) => check(x, t[0], `${path}[${i}]`, unknown));
    return;
  }
  if (!isObj(v)) fail(path, 'an object');
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (Object.prototype.hasOwnProperty.call(t, k)) check(x, t[k], `${path}.${k}`, unknown);
    else unknown(path, k);
  }
}

const USER_KINDS = ['Namespace', 'Pod', 'Service', 'Deployment', 'ReplicaSet'] as const;

/** One object of the link, checked field by field: returned as the manifest it has proved to be. */
function checkObject(o: unknown, path: string): Manifest {
  if (!isObj(o)) return fail(path, 'an object');
  const obj = o;
  if (typeof obj.kind !== 'string' || !(USER_KINDS as readonly string[]).includes(obj.kind)) {
    throw new Invalid(`${path}.kind must be one of ${USER_KINDS.join(', ')} (not ${JSON.stringify(obj.kind)})`);
  }
  const kind = obj.kind as (typeof USER_KINDS)[number];
  if (obj.apiVersion !== undefined && obj.apiVersion !== KINDS[kind].apiVersion)
    throw new Invalid(`${path}.apiVersion must be ${KINDS[kind].apiVersion}`);
  if (!isObj(obj.metadata) || typeof obj.metadata.name !== 'string' || !obj.metadata.name)
    fail(`${path}.metadata.name`, 'a name');
  // Fields Kubernetes has never heard of are refused, as the apiserver's strict decoding would.
  const strict = new Set(checkFields(kind, { ...obj, apiVersion: KINDS[kind].apiVersion }, false).strict);
  const unknown = (p: string, k: string) => {
    const dotted = `${p.slice(path.length + 1).replace(/\[\d+\]/g, '')}.${k}`.replace(/^\./, '');
    if (strict.has(dotted)) throw new Invalid(`${p}.${k} is not a field of a ${kind}`);
  };
  check(obj.metadata, meta, `${path}.metadata`, unknown);
  if (obj.spec !== undefined) check(obj.spec, SPECS[kind], `${path}.spec`, unknown);
  for (const k of Object.keys(obj)) if (!['apiVersion', 'kind', 'metadata', 'spec'].includes(k)) unknown(path, k);
  // a hand-made link may leave apiVersion out: the kind has one
  return { apiVersion: KINDS[kind].apiVersion, ...obj } as Manifest;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** An IPv4 CIDR whose prefix length is within [min, max] (the cluster needs room in each range). */
const isCidr = (v: unknown, min: number, max: number) =>
  typeof v === 'string' &&
  /^[\d.]+\/\d{1,2}$/.test(v) &&
  IPV4.test(v.split('/')[0]) &&
  Number(v.split('/')[1]) >= min &&
  Number(v.split('/')[1]) <= max;
const isName = (v: unknown) => typeof v === 'string' && /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(v);

function checkSettings(g: unknown): ShareSettings {
  if (!isObj(g)) return fail('settings', 'an object');
  const rules: Record<string, (v: unknown) => string | null> = {
    name: (v) => (typeof v === 'string' ? null : 'text'),
    epoch: (v) => (Number.isSafeInteger(v) ? null : 'a whole number'),
    kubernetesVersion: (v) => (typeof v === 'string' ? null : 'text'),
    nodes: (v) =>
      Array.isArray(v) &&
      v.length >= 1 &&
      v.length <= 50 &&
      v.every((n) => isObj(n) && isName(n.name) && (n.role === 'worker' || n.role === 'control-plane')) &&
      new Set(v.map((n) => (n as { name: string }).name)).size === v.length
        ? null
        : 'a list of 1 to 50 machines, each with a unique name and a role (worker or control-plane)',
    // Each node takes a /24 of the Pod network; node i is .(10+i) of the node network; the Service
    // range needs .1 (kubernetes) and .10 (kube-dns).
    podSubnet: (v) => (isCidr(v, 8, 16) ? null : 'an IPv4 CIDR from /8 to /16, like 10.244.0.0/16'),
    serviceSubnet: (v) => (isCidr(v, 8, 24) ? null : 'an IPv4 CIDR from /8 to /24, like 10.96.0.0/12'),
    nodeSubnet: (v) => (isCidr(v, 8, 24) ? null : 'an IPv4 CIDR from /8 to /24, like 10.40.41.0/24'),
    loadBalancerPool: (v) => (isCidr(v, 8, 30) ? null : 'an IPv4 CIDR from /8 to /30, like 203.0.113.0/24'),
    clusterDomain: (v) => (typeof v === 'string' && /^[a-z0-9.-]+$/.test(v) ? null : 'a domain name'),
    cloudLoadBalancer: (v) => (typeof v === 'boolean' ? null : 'true or false'),
    client: (v) =>
      isObj(v) && typeof v.name === 'string' && IPV4.test(String(v.ip)) ? null : 'a name and an IPv4 address',
    externalRoutes: (v) =>
      Array.isArray(v) && v.length <= 100 && v.every((r) => isObj(r) && IPV4.test(String(r.ip)) && isName(r.node))
        ? null
        : 'a list of routes, each an IPv4 address and a node name',
    kubeProxy: (v) => {
      if (!isObj(v)) return 'an object';
      for (const [k, x] of Object.entries(v)) {
        if (k === 'minSyncPeriodMs' || k === 'watchDelayMs') {
          if (!(Number.isSafeInteger(x) && (x as number) >= 0 && (x as number) <= 3_600_000))
            return `${k} between 0 and 3600000`;
        } else if (k === 'masqueradeAll') {
          if (typeof x !== 'boolean') return 'masqueradeAll true or false';
        } else return `without the unknown field "${k}"`;
      }
      return null;
    },
    seed: (v) => (Number.isSafeInteger(v) ? null : 'a whole number'),
  };
  for (const [k, v] of Object.entries(g)) {
    const rule = rules[k];
    if (!rule) throw new Invalid(`settings.${k} is not a setting this playground knows`);
    const want = rule(v);
    if (want) fail(`settings.${k}`, want);
  }
  return g as ShareSettings;
}

function checkSource(v: unknown): ShareTrace['source'] {
  if (!isObj(v)) return fail('trace.source', 'an object');
  const s = v;
  if (s.kind === 'client') return { kind: 'client' };
  if (s.kind === 'node' && typeof s.name === 'string') return { kind: 'node', name: s.name };
  if (s.kind === 'pod' && typeof s.name === 'string' && typeof s.namespace === 'string')
    return { kind: 'pod', name: s.name, namespace: s.namespace };
  return fail('trace.source', 'the client, a node or a Pod');
}

/** The payload, checked; throws Invalid with a readable message. */
export function validatePayload(raw: unknown): SharePayload {
  if (!isObj(raw)) return fail("the link's content", 'an object');
  const p = raw;
  for (const k of Object.keys(p))
    if (!['objects', 'settings', 'lesson', 'trace', 'pods'].includes(k))
      throw new Invalid(`"${k}" is not part of a playground link`);
  if (!Array.isArray(p.objects)) return fail('objects', 'a list');
  if (p.objects.length > 2000) throw new Invalid('the link holds more than 2000 objects');
  const payload: SharePayload = {
    objects: p.objects.map((o, i) => checkObject(o, `objects[${i}]`)),
    settings: checkSettings(p.settings ?? {}),
  };
  if (p.settings === undefined) delete (payload as Partial<SharePayload>).settings;
  if (p.lesson !== undefined) {
    const l = p.lesson;
    if (!isObj(l) || typeof l.id !== 'string' || !Number.isSafeInteger(l.step) || (l.step as number) < 0)
      return fail('lesson', 'a lesson id and a step number');
    payload.lesson = { ...l, id: l.id, step: l.step as number };
  }
  if (p.trace !== undefined) {
    const t = p.trace;
    if (!isObj(t)) return fail('trace', 'an object');
    const source = checkSource(t.source);
    const tg = t.target;
    if (
      !isObj(tg) ||
      !IPV4.test(String(tg.ip)) ||
      !Number.isSafeInteger(tg.port) ||
      (tg.port as number) < 1 ||
      (tg.port as number) > 65535
    )
      return fail('trace.target', 'an IPv4 address and a port between 1 and 65535');
    if (tg.proto !== undefined && tg.proto !== 'tcp' && tg.proto !== 'udp' && tg.proto !== 'sctp')
      return fail('trace.target.proto', 'tcp, udp or sctp');
    if (
      t.rng !== undefined &&
      !(Number.isSafeInteger(t.rng) && (t.rng as number) >= 0 && (t.rng as number) <= 0xffffffff)
    )
      return fail('trace.rng', 'a 32-bit whole number');
    for (const k of Object.keys(t))
      if (!['source', 'target', 'rng'].includes(k)) throw new Invalid(`trace.${k} is not part of a playground link`);
    const target: ShareTrace['target'] = { ...tg, ip: String(tg.ip), port: tg.port as number, proto: tg.proto };
    if (tg.proto === undefined) delete target.proto;
    payload.trace = { source, target, ...(t.rng !== undefined ? { rng: t.rng as number } : {}) };
  }
  if (p.pods !== undefined) {
    if (!Array.isArray(p.pods) || p.pods.length > 5000) return fail('pods', 'a list of at most 5000 Pods');
    payload.pods = p.pods.map((x: unknown, i): [string, string, string] => {
      const [k, node, ip] = Array.isArray(x) && x.length === 3 ? (x as unknown[]) : [];
      const [ns, name, extra] = typeof k === 'string' ? k.split('/') : [];
      if (
        !isName(ns) ||
        typeof name !== 'string' ||
        !/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(name) ||
        extra !== undefined ||
        typeof node !== 'string' ||
        !isName(node) ||
        !IPV4.test(String(ip))
      ) {
        return fail(`pods[${i}]`, 'a Pod as ["namespace/name", "node", "IPv4 address"]');
      }
      return [k as string, node, String(ip)];
    });
  }
  return payload;
}
