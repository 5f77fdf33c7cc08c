// ClusterIP, NodePort and load-balancer IP allocation, as pkg/registry/core/service/{ipallocator,portallocator}
// do it: dynamic picks start at a random point of the upper band and scan forward; requested values may be anywhere.
import type { ClusterState } from '../model/state';
import { random } from '../time/rng';
import { canonicalIPv4, cidrContains, intToIp, ipToInt, isIPv4, parseCidr } from '../lib/ip';

export const NODE_PORT_RANGE = { base: 30000, size: 2768 } as const; // 30000-32767

/** Static band size for the ClusterIP range: min(max(16, size/16), 256); 0 when size <= 16. */
export function ipBandOffset(size: number): number {
  if (size <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(size / 16)), 256);
}

/** Static band size for NodePorts: min(max(16, size/32), 128): 86 for the default range. */
export function portBandOffset(size: number): number {
  return Math.min(Math.max(16, Math.floor(size / 32)), 128);
}

export type AllocError = { reason: string };

/** Check a requested ClusterIP without taking it. */
export function checkClusterIP(s: ClusterState, requested: string): AllocError | null {
  // the allocator parses the request with netutils.ParseIPSloppy: legacy forms name the same address
  const ip = canonicalIPv4(requested);
  if (!ip || !isIPv4(ip)) return { reason: 'the provided network does not match the current range' };
  if (!cidrContains(s.settings.serviceSubnet, ip))
    return { reason: 'the provided network does not match the current range' };
  const c = parseCidr(s.settings.serviceSubnet);
  const n = ipToInt(ip);
  if (n === c.base || n === c.base + c.size - 1)
    return {
      reason: `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${s.settings.serviceSubnet}`,
    };
  if (s.alloc.clusterIPs[ip]) return { reason: 'provided IP is already allocated' };
  return null;
}

/** A dynamic ClusterIP: random start in the upper band, scanning forward; lower band when the upper is full. */
export function pickClusterIP(s: ClusterState): string | null {
  const c = parseCidr(s.settings.serviceSubnet);
  const usable = c.size - 2; // IPv4 drops network and broadcast
  const offset = ipBandOffset(c.size);
  const upper = usable - offset;
  const first = c.base + 1;
  const scan = (from: number, count: number, start: number): string | null => {
    for (let i = 0; i < count; i++) {
      const ip = intToIp(first + from + ((start + i) % count));
      if (!s.alloc.clusterIPs[ip]) return ip;
    }
    return null;
  };
  if (upper > 0) {
    const got = scan(offset, upper, Math.floor(random(s) * upper));
    if (got) return got;
  }
  return offset > 0 ? scan(0, offset, Math.floor(random(s) * offset)) : null;
}

export function checkNodePort(s: ClusterState, port: number): AllocError | null {
  if (port < NODE_PORT_RANGE.base || port >= NODE_PORT_RANGE.base + NODE_PORT_RANGE.size) {
    return {
      reason: `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.base}-${NODE_PORT_RANGE.base + NODE_PORT_RANGE.size - 1}`,
    };
  }
  if (s.alloc.nodePorts[String(port)]) return { reason: 'provided port is already allocated' };
  return null;
}

export function pickNodePort(s: ClusterState, taken: Set<number> = new Set()): number | null {
  const { base, size } = NODE_PORT_RANGE;
  const offset = portBandOffset(size);
  const scan = (from: number, count: number, start: number): number | null => {
    for (let i = 0; i < count; i++) {
      const p = base + from + ((start + i) % count);
      if (!s.alloc.nodePorts[String(p)] && !taken.has(p)) return p;
    }
    return null;
  };
  return (
    scan(offset, size - offset, Math.floor(random(s) * (size - offset))) ??
    scan(0, offset, Math.floor(random(s) * offset))
  );
}

/** The cloud provider hands out ingress IPs from its pool in order (from .10, like many test clouds). */
export function pickLoadBalancerIP(s: ClusterState): string | null {
  const c = parseCidr(s.settings.loadBalancerPool);
  for (let i = 10; i < c.size - 1; i++) {
    const ip = intToIp(c.base + i);
    if (!s.alloc.lbIPs[ip]) return ip;
  }
  return null;
}
