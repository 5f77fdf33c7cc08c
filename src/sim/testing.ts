// Test helpers: build clusters from YAML the way a scenario would. Used by *.test.ts only.
import type { ClusterState } from './model/state';
import type { Pod, Service } from './model/types';
import { defaultCluster, applyAll } from './scenario/apply';
import { DEFAULT_SETTINGS } from './cluster';
import { parseManifests } from './scenario/manifest';
import { settle } from './step';
import './nftables';
import './apiserver/validation-install';
import type { ClusterSettings, ProxyMode } from './model/state';

let proxyMode: ProxyMode = 'iptables';
/** A flow table run in both kube-proxy modes sets the mode every withDefault() cluster starts in. */
export function setTestProxyMode(mode: ProxyMode): void {
  proxyMode = mode;
}
export const testProxyMode = (): ProxyMode => proxyMode;

export function withDefault(overrides: Partial<ClusterSettings> = {}): ClusterState {
  if (proxyMode === 'iptables') return defaultCluster(overrides);
  return defaultCluster({
    ...overrides,
    kubeProxy: { ...DEFAULT_SETTINGS.kubeProxy, ...overrides.kubeProxy, mode: proxyMode },
  });
}

/** Apply YAML (must be valid) and settle. */
export function apply(s: ClusterState, yaml: string, doSettle = true): void {
  const p = parseManifests(yaml);
  if (p.errors.length) throw new Error(p.errors.map((e) => e.message).join('\n'));
  const r = applyAll(s, p.objects);
  if (r.errors.length) throw new Error(r.errors.join('\n'));
  if (doSettle) settle(s);
}

export function svc(s: ClusterState, name: string, ns = 'default'): Service {
  const x = s.objects.services[`${ns}/${name}`];
  if (!x) throw new Error(`no service ${ns}/${name}`);
  return x;
}

export function podsWith(s: ClusterState, label: string, value: string, ns = 'default'): Pod[] {
  return Object.values(s.objects.pods)
    .filter((p) => p.metadata.namespace === ns && p.metadata.labels?.[label] === value)
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

export function nodeIPOf(s: ClusterState, node: string): string {
  return s.objects.nodes[node].status.addresses.find((a) => a.type === 'InternalIP')!.address;
}
