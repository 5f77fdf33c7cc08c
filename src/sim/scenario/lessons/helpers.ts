// Small queries the lessons' checks and show-me actions share. Checks must not change the state they
// are given, so every probe request runs on a copy.
import type { ClusterState } from '../../model/state';
import type { Pod, Service, ServiceSpec } from '../../model/types';
import type { Trace } from '../../net/trace-types';
import type { LessonContext } from './types';
import { clone } from '../../model/meta';
import { tracePacket, type Source, type Target } from '../../net/trace';
import { podResolv } from '../../kubelet/resolv';
import { resolve } from '../../net/dns';
import { writeObject } from '../../apiserver/api';
import type { ManifestInput } from '../../model/types';
import { nodeIP } from '../../model/facts';
import { isPodReady } from '../../model/facts';

export const BUSYBOX: Source = { kind: 'pod', namespace: 'default', name: 'busybox' };
export const CLIENT: Source = { kind: 'client' };

export function svcOf(s: ClusterState, name: string, ns = 'default'): Service | undefined {
  return s.objects.services[`${ns}/${name}`];
}

export function clusterIPOf(s: ClusterState, name: string, ns = 'default'): string | undefined {
  const ip = svcOf(s, name, ns)?.spec.clusterIP;
  return ip && ip !== 'None' ? ip : undefined;
}

/** Running, ready Pods carrying all of `labels`, sorted by name. */
export function readyPods(s: ClusterState, labels: Record<string, string>, ns = 'default'): Pod[] {
  return Object.values(s.objects.pods)
    .filter(
      (p) =>
        p.metadata.namespace === ns && p.metadata.deletionTimestamp === undefined && isPodReady(p) && p.status.podIP,
    )
    .filter((p) => Object.entries(labels).every(([k, v]) => p.metadata.labels?.[k] === v))
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

export function podAt(s: ClusterState, ref: string | undefined): Pod | undefined {
  return ref ? s.objects.pods[ref] : undefined;
}

export function hasLabel(s: ClusterState, podRef: string | undefined, k: string, v: string): boolean {
  return podAt(s, podRef)?.metadata.labels?.[k] === v;
}

export function nodeAddr(s: ClusterState, node: string): string {
  const n = s.objects.nodes[node];
  return n ? nodeIP(n) : '';
}

export const workers = (s: ClusterState): string[] =>
  s.settings.nodes.filter((n) => n.role === 'worker' && s.objects.nodes[n.name]).map((n) => n.name);
export const allNodes = (s: ClusterState): string[] => Object.keys(s.objects.nodes).sort();

/** A request sent on a copy of the cluster: what would happen now, without disturbing the real one. */
export function probe(s: ClusterState, from: Source, to: Target): Trace | null {
  try {
    return tracePacket(clone(s), from, to);
  } catch {
    return null; // e.g. the source Pod is not running
  }
}

/** A real request (as the UI's "send" does): it advances the generator and conntrack; it is recorded in ctx. */
export function send(s: ClusterState, ctx: LessonContext | undefined, from: Source, to: Target): Trace | null {
  let t: Trace;
  try {
    t = tracePacket(s, from, to);
  } catch {
    return null;
  }
  // A plain copy, so no immer draft leaks out of the recipe.
  const plain = clone(t);
  ctx?.traces.push(plain);
  return plain;
}

export const dest = (t: Trace): { ip: string; port: number } => {
  const i = t.destination.lastIndexOf(':');
  return { ip: t.destination.slice(0, i), port: Number(t.destination.slice(i + 1)) };
};

export const fromPod = (t: Trace): boolean => t.from.startsWith('pod/');
export const fromClient = (t: Trace): boolean => t.from === 'client';

/** A request that went straight to a Pod IP (no Service translated it). */
export const direct = (t: Trace): boolean => t.verdict === 'delivered' && t.endpoint === t.destination;

export function tracesTo(ctx: LessonContext, ip: string | undefined, port?: number): Trace[] {
  if (!ip) return [];
  return ctx.traces.filter((t) => {
    const d = dest(t);
    return d.ip === ip && (port === undefined || d.port === port);
  });
}

/** The addresses a Pod's resolver gets for `name` (following a CNAME inside the cluster, as nslookup does). */
export function lookup(s: ClusterState, podKey: string, name: string): string[] {
  const pod = s.objects.pods[podKey];
  if (!pod) return [];
  const conf = podResolv(s, pod);
  const r = resolve(s, name, conf);
  if (r.addresses.length || !r.canonical) return r.addresses;
  return resolve(s, r.canonical, conf).addresses;
}

export function canonicalName(s: ClusterState, podKey: string, name: string): string | undefined {
  const pod = s.objects.pods[podKey];
  return pod ? resolve(s, name, podResolv(s, pod)).canonical : undefined;
}

/** Apply a manifest as `kubectl apply` would; a failure here is a bug in the lesson, so say so loudly. */
export function applyObject(s: ClusterState, o: ManifestInput): void {
  const r = writeObject(s, o, 'apply');
  if (!r.ok) throw new Error(`show me: ${r.error.text}`);
}

/** The Service as stored, edited and applied back (kubectl edit / patch). */
export function patchService(s: ClusterState, name: string, edit: (svc: Service) => void, ns = 'default'): void {
  const cur = svcOf(s, name, ns);
  if (!cur) throw new Error(`show me: no Service ${ns}/${name}`);
  const next = clone(cur);
  edit(next);
  applyObject(s, next);
}

export function frontendService(name = 'frontend-svc', spec: ServiceSpec = {}): ManifestInput<Service> {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: { selector: { app: 'frontend' }, ports: [{ protocol: 'TCP', port: 80, targetPort: 5000 }], ...spec },
  };
}

/** nat rules on `node` whose comment mentions the Service (ns/name). */
export function natRulesFor(s: ClusterState, node: string, svcKey: string): number {
  const rules = s.proxies[node]?.tables.nat.rules ?? {};
  let n = 0;
  for (const list of Object.values(rules))
    for (const r of list) {
      const c = r.match.comment ?? '';
      if (c === svcKey || c.startsWith(svcKey + ' ') || c.startsWith(svcKey + ':')) n++;
    }
  return n;
}

/** The KUBE-SVC chain KUBE-SERVICES sends the Service's ClusterIP to on `node`, or undefined before the sync. */
export function svcChain(s: ClusterState, node: string, svcKey: string): string | undefined {
  const r = (s.proxies[node]?.tables.nat.rules['KUBE-SERVICES'] ?? []).find(
    (x) => x.match.comment === `${svcKey} cluster IP` && x.target.kind === 'jump',
  );
  return r && r.target.kind === 'jump' ? r.target.chain : undefined;
}

export function sepJumps(s: ClusterState, node: string, chain: string): number {
  return (s.proxies[node]?.tables.nat.rules[chain] ?? []).filter(
    (r) => r.target.kind === 'jump' && r.target.chain.startsWith('KUBE-SEP-') && !r.match.recent,
  ).length;
}

/** The first NodePort of a Service. */
export function nodePortOf(s: ClusterState, name: string, ns = 'default'): number | undefined {
  return svcOf(s, name, ns)?.spec.ports?.find((p) => p.nodePort)?.nodePort;
}
