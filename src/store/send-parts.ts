// What sending a request needs beyond the first view, loaded as one chunk (store/tracer-loader.ts):
// the engine's packet tracer, and the Send form's target turned into IP:port, resolved at send time
// (so "the Service by ClusterIP" follows the Service while "a Pod IP" stays fixed; a DNS name goes
// through the cluster DNS, which comes with the tracer).
import { nodeIP, type ClusterState, type Source } from '../sim';
import { podResolv, resolve } from '../sim/tracer';
import type { TargetRef } from './types';

export { tracePacket, meetCluster, mayMeetChange } from '../sim/tracer';

type Resolved = { ok: true; ip: string; port: number; label: string; dns?: string } | { ok: false; error: string };

function svcOf(state: ClusterState, key: string | undefined) {
  return key ? state.objects.services[key] : undefined;
}

/** The target in IP:port (a DNS name through the cluster DNS). */
export function resolveTarget(state: ClusterState, src: Source, t: TargetRef): Resolved {
  const svc = svcOf(state, t.service);
  const svcName = t.service?.split('/')[1] ?? '';
  const needSvc = ['clusterIP', 'dns', 'nodePort', 'loadBalancer', 'externalIP'].includes(t.kind);
  if (needSvc && t.kind !== 'dns' && !svc)
    return { ok: false, error: `Service ${svcName || '(none chosen)'} does not exist` };
  const port = svc?.spec.ports?.find((p) => p.port === t.port) ?? svc?.spec.ports?.[0];
  switch (t.kind) {
    case 'clusterIP':
      if (!svc!.spec.clusterIP || svc!.spec.clusterIP === 'None')
        return { ok: false, error: `${svcName} has no ClusterIP` };
      return {
        ok: true,
        ip: svc!.spec.clusterIP,
        port: port?.port ?? 80,
        label: `${svcName} ClusterIP ${svc!.spec.clusterIP}:${port?.port}`,
      };
    case 'dns': {
      // "name" or "name:port", as a learner would type it after curl or wget
      const typed = (t.name ?? '').trim();
      const m = typed.match(/^([^:]*)(?::(.*))?$/)!;
      const name = m[1];
      if (!name) return { ok: false, error: 'no DNS name given' };
      if (m[2] !== undefined && !/^\d{1,5}$/.test(m[2]))
        return { ok: false, error: `"${typed}": give a port number after the colon` };
      const typedPort = m[2] !== undefined ? Number(m[2]) : undefined;
      if (typedPort !== undefined && (typedPort < 1 || typedPort > 65535))
        return { ok: false, error: `port ${typedPort} is out of range (1-65535)` };
      if (src.kind !== 'pod')
        return {
          ok: false,
          error: `only a Pod resolves Service names: the ${src.kind === 'client' ? 'external client' : 'node'} does not use the cluster DNS`,
        };
      const pod = state.objects.pods[`${src.namespace}/${src.name}`];
      if (!pod) return { ok: false, error: `Pod ${src.name} does not exist` };
      const r = resolve(state, name, podResolv(state, pod));
      if (!r.addresses.length) return { ok: false, error: `nslookup ${name}: NXDOMAIN (no such Service name)` };
      // no port typed: the port chosen for the Service, else the port of the Service the name resolved to
      const named = Object.values(state.objects.services).find(
        (v) => v.spec.clusterIP === r.addresses[0] && v.spec.clusterIP !== 'None',
      );
      const p =
        typedPort ??
        (svc && named === svc ? port?.port : undefined) ??
        named?.spec.ports?.[0]?.port ??
        t.port ??
        svc?.spec.ports?.[0]?.port ??
        80;
      const fq = r.steps[r.steps.length - 1]?.query ?? name;
      return {
        ok: true,
        ip: r.addresses[0],
        port: p,
        label: `${name}:${p}`,
        dns: `DNS: ${name} → ${fq.replace(/\.$/, '')} → ${r.addresses[0]}`,
      };
    }
    case 'nodePort': {
      const np = port?.nodePort;
      if (!np) return { ok: false, error: `${svcName} is type ${svc!.spec.type ?? 'ClusterIP'}: it has no NodePort` };
      const node = t.node ? state.objects.nodes[t.node] : undefined;
      if (!node) return { ok: false, error: `node ${t.node ?? '(none chosen)'} does not exist` };
      const ip = nodeIP(node);
      return { ok: true, ip, port: np, label: `${svcName} NodePort ${np} on ${t.node} (${ip}:${np})` };
    }
    case 'loadBalancer': {
      const ip = svc!.status.loadBalancer.ingress?.[0]?.ip;
      if (svc!.spec.type !== 'LoadBalancer')
        return { ok: false, error: `${svcName} is type ${svc!.spec.type ?? 'ClusterIP'}, not LoadBalancer` };
      if (!ip)
        return {
          ok: false,
          error: `${svcName}'s EXTERNAL-IP is <pending>: no cloud load balancer has been provisioned`,
        };
      return { ok: true, ip, port: port?.port ?? 80, label: `${svcName} load balancer ${ip}:${port?.port}` };
    }
    case 'externalIP': {
      const ip = t.ip && svc!.spec.externalIPs?.includes(t.ip) ? t.ip : svc!.spec.externalIPs?.[0];
      if (!ip) return { ok: false, error: `${svcName} has no externalIPs` };
      return { ok: true, ip, port: port?.port ?? 80, label: `${svcName} ExternalIP ${ip}:${port?.port}` };
    }
    case 'podIP':
    case 'address': {
      if (!t.ip || !t.port) return { ok: false, error: 'give an IP and a port' };
      const who = t.kind === 'podIP' && t.pod ? ` (Pod ${t.pod.split('/')[1]})` : '';
      return { ok: true, ip: t.ip, port: t.port, label: `${t.ip}:${t.port}${who}` };
    }
  }
}
