// Small builders for Services and EndpointSlices, for kube-proxy tests and benchmarks.
import type { Endpoint, EndpointPort, EndpointSlice, Node, Service, ServiceSpec } from '../model/types';

let uid = 0;
const meta = (namespace: string, name: string, labels?: Record<string, string>) => ({
  name,
  namespace,
  uid: `uid-${++uid}`,
  resourceVersion: '1',
  creationTimestamp: 0,
  labels,
});

/** A Node as kube-proxy reads it: a name and an InternalIP. */
export function makeNode(name: string, ip: string): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `n-${name}`, resourceVersion: '1', creationTimestamp: 0 },
    spec: {},
    status: {
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      conditions: [],
      nodeInfo: {
        kubeletVersion: 'v1.34.1',
        osImage: '',
        kernelVersion: '',
        containerRuntimeVersion: '',
        architecture: 'amd64',
        operatingSystem: 'linux',
      },
    },
  };
}

export function makeService(namespace: string, name: string, spec: ServiceSpec, ingress: string[] = []): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(namespace, name),
    spec: {
      type: 'ClusterIP',
      ...spec,
      clusterIPs: spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : undefined),
    },
    status: { loadBalancer: ingress.length ? { ingress: ingress.map((ip) => ({ ip, ipMode: 'VIP' as const })) } : {} },
  };
}

export function makeEndpoint(
  ip: string,
  nodeName?: string,
  conditions: Endpoint['conditions'] = { ready: true, serving: true, terminating: false },
): Endpoint {
  return { addresses: [ip], conditions, nodeName };
}

export function makeSlice(
  namespace: string,
  service: string,
  ports: { name?: string; port: number; protocol?: 'TCP' | 'UDP' | 'SCTP' }[],
  endpoints: Endpoint[],
  sliceName = `${service}-abcde`,
): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: meta(namespace, sliceName, { 'kubernetes.io/service-name': service }),
    addressType: 'IPv4',
    endpoints,
    ports: ports.map((p): EndpointPort => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' })),
  };
}

/**
 * A synthetic cluster: `n` ClusterIP Services × `eps` endpoints spread over `nodes`
 * (default/svc-<i>, cluster IP 10.96.x.y, endpoints 10.244.<node>.<k>, port 80 → 8080).
 */
export function syntheticCluster(
  n: number,
  eps: number,
  nodes: string[],
): { services: Service[]; slices: EndpointSlice[] } {
  const services: Service[] = [];
  const slices: EndpointSlice[] = [];
  let host = 0;
  for (let i = 0; i < n; i++) {
    const ip = `10.96.${Math.floor((i + 16) / 250)}.${((i + 16) % 250) + 1}`;
    services.push(
      makeService('default', `svc-${i}`, { clusterIP: ip, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] }),
    );
    const list: Endpoint[] = [];
    for (let k = 0; k < eps; k++) {
      const nodeIdx = host % nodes.length;
      const h = Math.floor(host / nodes.length);
      list.push(
        makeEndpoint(`10.244.${nodeIdx + Math.floor(h / 250) * nodes.length}.${(h % 250) + 2}`, nodes[nodeIdx]),
      );
      host++;
    }
    slices.push(makeSlice('default', `svc-${i}`, [{ port: 8080 }], list, `svc-${i}-x`));
  }
  return { services, slices };
}
