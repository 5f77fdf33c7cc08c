// The Service registry's allocation step (pkg/registry/core/service/storage): after defaulting and
// validation, take the ClusterIP, the NodePorts and the health-check port, or fail with the allocator's error.
import type { ClusterState } from '../model/state';
import type { Service } from '../model/types';
import type { FieldError } from './fielderrors';
import { invalid } from './fielderrors';
import { checkClusterIP, checkNodePort, pickClusterIP, pickNodePort } from './allocate';
import { internalError, type ApiError } from './errors';
import { canonicalIPv4 } from '../lib/ip';

const needsNodePorts = (svc: Service) =>
  svc.spec.type === 'NodePort' ||
  (svc.spec.type === 'LoadBalancer' && svc.spec.allocateLoadBalancerNodePorts !== false);
const needsHealthCheck = (svc: Service) =>
  svc.spec.type === 'LoadBalancer' && svc.spec.externalTrafficPolicy === 'Local';
/** The allocator holds addresses, not spellings: a legacy "010.096.000.010" is 10.96.0.10. */
const allocKey = (ip: string): string => canonicalIPv4(ip) ?? ip;
const hasClusterIP = (svc: Service) => svc.spec.type !== 'ExternalName' && svc.spec.clusterIP !== 'None';

/** Carry over what the registry keeps on update: the ClusterIP, and nodePorts for ports that still need them. */
export function patchAllocatedValues(next: Service, old: Service): void {
  if (hasClusterIP(next) && hasClusterIP(old) && !next.spec.clusterIP) {
    next.spec.clusterIP = old.spec.clusterIP;
    next.spec.clusterIPs = old.spec.clusterIPs;
  }
  if (needsNodePorts(next) && needsNodePorts(old)) {
    for (const p of next.spec.ports ?? []) {
      if (p.nodePort) continue;
      const prev = (old.spec.ports ?? []).find(
        (o) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'),
      );
      if (prev?.nodePort) p.nodePort = prev.nodePort;
    }
  }
  if (needsHealthCheck(next) && needsHealthCheck(old) && !next.spec.healthCheckNodePort)
    next.spec.healthCheckNodePort = old.spec.healthCheckNodePort;
}

/** The requested ClusterIP and nodePorts the allocator would refuse, without taking anything. */
function checkRequested(s: ClusterState, svc: Service, old: Service | undefined) {
  const causes: FieldError[] = [];
  const oldIP = old && hasClusterIP(old) ? old.spec.clusterIP : undefined;
  let ipToTake: string | undefined;
  const want = hasClusterIP(svc) ? svc.spec.clusterIP : undefined;
  if (want && want !== oldIP) {
    const err = checkClusterIP(s, want);
    if (err) causes.push(invalid('spec.clusterIPs', [want], `failed to allocate IP ${want}: ${err.reason}`));
    else ipToTake = want;
  }
  // NodePorts (entries with the same port number share one nodePort on create)
  const oldPorts = new Set<number>();
  if (old) for (const p of old.spec.ports ?? []) if (p.nodePort) oldPorts.add(p.nodePort);
  if (old?.spec.healthCheckNodePort) oldPorts.add(old.spec.healthCheckNodePort);
  const taking = new Set<number>();
  if (needsNodePorts(svc)) {
    (svc.spec.ports ?? []).forEach((p, i) => {
      if (!p.nodePort || oldPorts.has(p.nodePort) || taking.has(p.nodePort)) return;
      const err = checkNodePort(s, p.nodePort);
      if (err) causes.push(invalid(`spec.ports[${i}].nodePort`, p.nodePort, err.reason));
      else taking.add(p.nodePort);
    });
  }
  return { causes, ipToTake, taking, want, oldPorts };
}

/**
 * What the allocator refuses on create. The apiserver allocates in BeginCreate (pkg/registry/core/
 * service/storage/storage.go beginCreate -> allocateCreate), which the generic registry's Store.Create
 * runs before BeforeCreate's validation: these errors come back alone.
 */
export function checkServiceAllocation(s: ClusterState, svc: Service): FieldError[] {
  return checkRequested(s, svc, undefined).causes;
}

/**
 * Allocate (mutating `svc` and `s.alloc`) everything the Service needs, releasing what `old` held and no
 * longer needs. Checks every requested value before taking any, so a failure leaves `s` unchanged.
 */
export function allocateService(
  s: ClusterState,
  svc: Service,
  old: Service | undefined,
  key: string,
): { ok: true } | { ok: false; causes?: FieldError[]; error?: ApiError } {
  const { causes, ipToTake: checkedIP, taking, want, oldPorts } = checkRequested(s, svc, old);
  let ipToTake = checkedIP;
  const oldIP = old && hasClusterIP(old) ? old.spec.clusterIP : undefined;
  if (svc.spec.type === 'ExternalName') {
    delete svc.spec.clusterIP;
    delete svc.spec.clusterIPs;
  }
  if (!needsNodePorts(svc)) for (const p of svc.spec.ports ?? []) delete p.nodePort;
  if (causes.length) return { ok: false, causes };
  // Only now draw dynamic values, so a rejected object leaves even the random generator untouched.
  if (hasClusterIP(svc) && !want) {
    const picked = pickClusterIP(s);
    if (!picked) return { ok: false, error: internalError('failed to allocate a serviceIP: range is full') };
    ipToTake = picked;
  }
  if (needsNodePorts(svc)) {
    const byPort = new Map<number, number>();
    for (const p of svc.spec.ports ?? []) {
      if (p.nodePort) {
        byPort.set(p.port, p.nodePort);
        continue;
      }
      const shared = byPort.get(p.port);
      const n = shared ?? pickNodePort(s, taking);
      if (n === null) return { ok: false, error: internalError('failed to allocate a nodePort: range is full') };
      p.nodePort = n;
      taking.add(n);
      byPort.set(p.port, n);
    }
  }
  if (needsHealthCheck(svc)) {
    if (!svc.spec.healthCheckNodePort) {
      const n = pickNodePort(s, taking);
      if (n === null) return { ok: false, error: internalError('failed to allocate a nodePort: range is full') };
      svc.spec.healthCheckNodePort = n;
    }
    taking.add(svc.spec.healthCheckNodePort);
  } else delete svc.spec.healthCheckNodePort;

  // Commit: release what the old object held and no longer uses, take the new values.
  if (oldIP && oldIP !== (hasClusterIP(svc) ? svc.spec.clusterIP : undefined) && ipToTake !== undefined)
    delete s.alloc.clusterIPs[allocKey(oldIP)];
  if (oldIP && !hasClusterIP(svc)) delete s.alloc.clusterIPs[allocKey(oldIP)];
  if (ipToTake) {
    s.alloc.clusterIPs[allocKey(ipToTake)] = key;
    svc.spec.clusterIP = ipToTake;
    svc.spec.clusterIPs = [ipToTake];
  }
  const keep = new Set<number>();
  for (const p of svc.spec.ports ?? []) if (p.nodePort) keep.add(p.nodePort);
  if (svc.spec.healthCheckNodePort) keep.add(svc.spec.healthCheckNodePort);
  for (const n of oldPorts) if (!keep.has(n)) delete s.alloc.nodePorts[String(n)];
  for (const n of keep) s.alloc.nodePorts[String(n)] = key;
  return { ok: true };
}

/** Release everything a deleted Service held. */
export function releaseService(s: ClusterState, svc: Service): void {
  if (svc.spec.clusterIP && svc.spec.clusterIP !== 'None') delete s.alloc.clusterIPs[allocKey(svc.spec.clusterIP)];
  for (const p of svc.spec.ports ?? []) if (p.nodePort) delete s.alloc.nodePorts[String(p.nodePort)];
  if (svc.spec.healthCheckNodePort) delete s.alloc.nodePorts[String(svc.spec.healthCheckNodePort)];
  for (const ing of svc.status.loadBalancer.ingress ?? []) if (ing.ip) delete s.alloc.lbIPs[ing.ip];
}
