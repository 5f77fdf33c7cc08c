// Facts about a Node or a Pod that every layer reads: a node's address, whether a node or a Pod is
// Ready (its Ready condition is True, as the scheduler, the ReplicaSet and EndpointSlice controllers read it).
import type { Node, Pod } from './types';

export function nodeIP(n: Node): string {
  return n.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '';
}

export function isNodeReady(n: Node): boolean {
  return n.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

export function isPodReady(p: Pod): boolean {
  return (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}
