// Which fields the apiserver knows, as its strict decoder does: a field Kubernetes has never heard of
// is a `strict decoding error`; a real field the simulator does not model is accepted and reported as ignored.
import type { KINDS } from '../model/types';

type Leaf = true | 'map' | 'int' | 'intstr' | 'str' | 'bool' | 'strs';
type Shape = Leaf | { [k: string]: Shape } | [Shape];

const meta: Shape = {
  name: 'str',
  generateName: 'str',
  namespace: 'str',
  labels: 'map',
  annotations: 'map',
  uid: true,
  resourceVersion: true,
  generation: true,
  creationTimestamp: true,
  deletionTimestamp: true,
  deletionGracePeriodSeconds: true,
  ownerReferences: [
    { apiVersion: true, kind: true, name: true, uid: true, controller: true, blockOwnerDeletion: true },
  ],
  finalizers: true,
  managedFields: true,
  selfLink: true,
};
const selector: Shape = { matchLabels: 'map', matchExpressions: [{ key: true, operator: true, values: true }] };
const httpGet: Shape = {
  path: 'str',
  port: 'intstr',
  host: 'str',
  scheme: 'str',
  httpHeaders: [{ name: 'str', value: 'str' }],
};
const handler = { exec: { command: 'strs' }, httpGet, tcpSocket: { port: 'intstr', host: 'str' } } as const;
const probe: Shape = {
  ...handler,
  grpc: true,
  initialDelaySeconds: 'int',
  timeoutSeconds: 'int',
  periodSeconds: 'int',
  successThreshold: 'int',
  failureThreshold: 'int',
  terminationGracePeriodSeconds: 'int',
};
const lifecycleHandler: Shape = { ...handler, sleep: { seconds: 'int' } };
const container: Shape = {
  name: 'str',
  image: 'str',
  command: 'strs',
  args: 'strs',
  imagePullPolicy: 'str',
  ports: [{ name: 'str', containerPort: 'int', protocol: 'str', hostPort: 'int', hostIP: 'str' }],
  env: [{ name: true, value: true, valueFrom: true }],
  resources: true,
  terminationMessagePath: true,
  terminationMessagePolicy: true,
  readinessProbe: probe,
  livenessProbe: probe,
  startupProbe: probe,
  lifecycle: { preStop: lifecycleHandler, postStart: lifecycleHandler, stopSignal: true },
  volumeMounts: true,
};
const podSpec: Shape = {
  containers: [container],
  nodeName: true,
  hostNetwork: true,
  hostname: true,
  subdomain: true,
  restartPolicy: true,
  dnsPolicy: true,
  enableServiceLinks: true,
  terminationGracePeriodSeconds: true,
  schedulerName: true,
  serviceAccountName: true,
  serviceAccount: true,
  securityContext: true,
  tolerations: true,
  volumes: true,
  automountServiceAccountToken: true,
};
const template: Shape = { metadata: meta, spec: podSpec };

const SHAPES: Record<keyof typeof KINDS, Shape> = {
  Namespace: { apiVersion: true, kind: true, metadata: meta, spec: { finalizers: true }, status: true },
  Node: { apiVersion: true, kind: true, metadata: meta, spec: true, status: true },
  Pod: { apiVersion: true, kind: true, metadata: meta, spec: podSpec, status: true },
  Service: {
    apiVersion: true,
    kind: true,
    metadata: meta,
    status: true,
    spec: {
      type: 'str',
      selector: 'map',
      clusterIP: 'str',
      clusterIPs: 'strs',
      ipFamilies: true,
      ipFamilyPolicy: true,
      externalIPs: 'strs',
      externalName: 'str',
      sessionAffinity: 'str',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 'int' } },
      externalTrafficPolicy: 'str',
      internalTrafficPolicy: 'str',
      healthCheckNodePort: 'int',
      loadBalancerIP: 'str',
      loadBalancerSourceRanges: true,
      loadBalancerClass: true,
      allocateLoadBalancerNodePorts: true,
      publishNotReadyAddresses: true,
      trafficDistribution: true,
      ports: [{ name: 'str', protocol: 'str', appProtocol: 'str', port: 'int', targetPort: 'intstr', nodePort: 'int' }],
    },
  },
  Deployment: {
    apiVersion: true,
    kind: true,
    metadata: meta,
    status: true,
    spec: {
      replicas: 'int',
      selector,
      template,
      strategy: true,
      revisionHistoryLimit: true,
      progressDeadlineSeconds: true,
      minReadySeconds: true,
      paused: true,
    },
  },
  ReplicaSet: {
    apiVersion: true,
    kind: true,
    metadata: meta,
    status: true,
    spec: { replicas: 'int', selector, template, minReadySeconds: true },
  },
  EndpointSlice: { apiVersion: true, kind: true, metadata: meta, addressType: true, endpoints: true, ports: true },
  Endpoints: {
    apiVersion: true,
    kind: true,
    metadata: meta,
    subsets: [
      {
        addresses: [{ ip: 'str', hostname: 'str', nodeName: 'str', targetRef: true }],
        notReadyAddresses: [{ ip: 'str', hostname: 'str', nodeName: 'str', targetRef: true }],
        ports: [{ name: 'str', port: 'int', protocol: 'str', appProtocol: 'str' }],
      },
    ],
  },
};

/** Real Kubernetes fields the simulator accepts but does not model (probes, volumes, scheduling hints…). */
const REAL_BUT_UNMODELED: Record<string, string[]> = {
  container: [
    'volumeMounts',
    'volumeDevices',
    'envFrom',
    'workingDir',
    'securityContext',
    'stdin',
    'stdinOnce',
    'tty',
    'resizePolicy',
    'restartPolicy',
  ],
  podSpec: [
    'volumes',
    'initContainers',
    'ephemeralContainers',
    'affinity',
    'nodeSelector',
    'priorityClassName',
    'priority',
    'imagePullSecrets',
    'automountServiceAccountToken',
    'dnsConfig',
    'hostAliases',
    'hostPID',
    'hostIPC',
    'shareProcessNamespace',
    'topologySpreadConstraints',
    'activeDeadlineSeconds',
    'preemptionPolicy',
    'overhead',
    'runtimeClassName',
    'readinessGates',
    'setHostnameAsFQDN',
    'os',
    'hostUsers',
    'schedulingGates',
    'resourceClaims',
    'resources',
  ],
  serviceSpec: [],
};

export interface FieldCheck {
  strict: string[];
  strictPath: (string | number)[][];
  ignored: string[];
  typeError?: { path: (string | number)[]; message: string };
}

const jsonType = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v;
const GO_TYPE: Record<string, string> = {
  int: 'int32',
  str: 'string',
  bool: 'bool',
  strs: '[]string',
  map: 'map[string]string',
  intstr: 'intstr.IntOrString',
};

/** A value of the wrong JSON type for its field, as Go's decoder reports it (null is always allowed). */
function typeMismatch(v: unknown, shape: Shape): string | null {
  if (v === null || shape === true) return null;
  const t = jsonType(v);
  if (Array.isArray(shape)) return t === 'array' ? null : `[]object`;
  if (typeof shape === 'object') return t === 'object' ? null : 'object';
  switch (shape) {
    case 'int':
      return t === 'number' && Number.isInteger(v) && Math.abs(v as number) <= 2_147_483_647 ? null : GO_TYPE.int;
    case 'str':
      return t === 'string' ? null : GO_TYPE.str;
    case 'bool':
      return t === 'boolean' ? null : GO_TYPE.bool;
    case 'strs':
      return t === 'array' && (v as unknown[]).every((x) => typeof x === 'string') ? null : GO_TYPE.strs;
    case 'map':
      return t === 'object' && Object.values(v as object).every((x) => typeof x === 'string') ? null : GO_TYPE.map;
    case 'intstr':
      return t === 'string' || (t === 'number' && Number.isInteger(v)) ? null : GO_TYPE.intstr;
  }
  return null;
}

export function checkFields(kind: keyof typeof KINDS, obj: Record<string, unknown>, importing: boolean): FieldCheck {
  const res: FieldCheck = { strict: [], strictPath: [], ignored: [] };
  const walk = (v: unknown, shape: Shape, path: (string | number)[], ctx: string) => {
    if (res.typeError) return;
    const want = typeMismatch(v, shape);
    if (want) {
      const field = path.filter((p) => typeof p === 'string').join('.');
      // Go names a number it could not store by its literal ("number 1e+308", "number 2147483648"); JS
      // prints numbers as Go's encoder does (exponent from 1e21 up), the JSON kubectl sends
      const got = jsonType(v) === 'boolean' ? 'bool' : jsonType(v) === 'number' ? `number ${String(v)}` : jsonType(v);
      res.typeError = {
        path,
        message: `json: cannot unmarshal ${got} into Go struct field ${kind}.${field} of type ${want}`,
      };
      return;
    }
    if (typeof shape === 'string' || shape === true || v === null || typeof v !== 'object') return;
    if (Array.isArray(shape)) {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, shape[0], [...path, i], ctx));
      return;
    }
    if (Array.isArray(v)) return;
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
      const sub = shape[k];
      const dotted = [...path.filter((p) => typeof p === 'string'), k].join('.');
      if (sub === undefined) {
        const unmodeled =
          (ctx === 'container' && REAL_BUT_UNMODELED.container.includes(k)) ||
          (ctx === 'podSpec' && REAL_BUT_UNMODELED.podSpec.includes(k));
        if (unmodeled || (importing && (k === 'status' || path.length === 0)))
          res.ignored.push(`${dotted} (not modelled)`);
        else {
          res.strict.push(dotted);
          res.strictPath.push([...path, k]);
        }
        continue;
      }
      const nextCtx =
        sub === podSpec
          ? 'podSpec'
          : sub === container || (Array.isArray(sub) && sub[0] === container)
            ? 'container'
            : '';
      walk(child, sub, [...path, k], nextCtx);
    }
  };
  walk(obj, SHAPES[kind], [], '');
  return res;
}
