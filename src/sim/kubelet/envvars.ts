// The service environment variables kubelet writes when a container starts (pkg/kubelet/envvars):
// Services with a cluster IP in the Pod's namespace (when enableServiceLinks), plus default/kubernetes.
import type { ClusterState } from '../model/state';
import type { EnvVar, Pod, Service } from '../model/types';

const envName = (name: string) => name.toUpperCase().replace(/-/g, '_');

export function serviceEnv(svc: Service): EnvVar[] {
  const ip = svc.spec.clusterIP!;
  const host = ip.includes(':') ? `[${ip}]` : ip;
  const n = envName(svc.metadata.name);
  const ports = svc.spec.ports ?? [];
  const out: EnvVar[] = [{ name: `${n}_SERVICE_HOST`, value: ip }];
  if (!ports.length) return out;
  out.push({ name: `${n}_SERVICE_PORT`, value: String(ports[0].port) });
  for (const p of ports) if (p.name) out.push({ name: `${n}_SERVICE_PORT_${envName(p.name)}`, value: String(p.port) });
  const first = ports[0];
  out.push({ name: `${n}_PORT`, value: `${(first.protocol ?? 'TCP').toLowerCase()}://${host}:${first.port}` });
  for (const p of ports) {
    const proto = p.protocol ?? 'TCP';
    const pfx = `${n}_PORT_${p.port}_${proto.toUpperCase()}`;
    out.push({ name: pfx, value: `${proto.toLowerCase()}://${host}:${p.port}` });
    out.push({ name: `${pfx}_PROTO`, value: proto.toLowerCase() });
    out.push({ name: `${pfx}_PORT`, value: String(p.port) });
    out.push({ name: `${pfx}_ADDR`, value: ip });
  }
  return out;
}

/** The Services whose variables a container starting now gets, in a stable order. */
export function servicesForPod(s: ClusterState, pod: Pod): Service[] {
  const ns = pod.metadata.namespace;
  const hasIP = (svc: Service) => !!svc.spec.clusterIP && svc.spec.clusterIP !== 'None';
  const byName = new Map<string, Service>();
  const master = s.objects.services['default/kubernetes'];
  if (master && hasIP(master)) byName.set('kubernetes', master);
  if (pod.spec.enableServiceLinks !== false) {
    for (const svc of Object.values(s.objects.services)) {
      if (svc.metadata.namespace === ns && hasIP(svc)) byName.set(svc.metadata.name, svc);
    }
  }
  return [...byName.values()].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

/**
 * Every container started while the same Services exist gets the same variables: one shared, read-only
 * copy (by content: uid, resourceVersion and address of each Service), not one per Pod. With 125
 * Services and 1,500 Pods the copies were two thirds of the cluster's state (80 MB as JSON), which every
 * clone, freeze and hand-over to a Worker paid for.
 */
const ENV_CACHE = new Map<string, { env: EnvVar[]; services: string[] }>();
const ENV_CACHE_MAX = 64;

export function computeServiceEnv(s: ClusterState, pod: Pod): { env: EnvVar[]; services: string[] } {
  const svcs = servicesForPod(s, pod);
  const key = svcs.map((x) => `${x.metadata.uid}@${x.metadata.resourceVersion}@${x.spec.clusterIP}`).join(',');
  const hit = ENV_CACHE.get(key);
  if (hit) return hit;
  const r = { env: svcs.flatMap(serviceEnv), services: svcs.map((x) => `${x.metadata.namespace}/${x.metadata.name}`) };
  if (ENV_CACHE.size >= ENV_CACHE_MAX) ENV_CACHE.delete(ENV_CACHE.keys().next().value!);
  ENV_CACHE.set(key, r);
  return r;
}
