// The Pod's /etc/resolv.conf as kubelet (pkg/kubelet/network/dns) and containerd write it.
import type { ClusterState } from '../model/state';
import type { Pod } from '../model/types';
import { hostInCidr } from '../lib/ip';

export const CLUSTER_DNS_IP = (s: ClusterState): string =>
  s.objects.services['kube-system/kube-dns']?.spec.clusterIP ?? '10.96.0.10';

export interface ResolvConf {
  search: string[];
  nameservers: string[];
  options: string[];
}

/** The node's own resolv.conf (what hostNetwork and dnsPolicy Default Pods get). */
export function nodeResolv(s: ClusterState): ResolvConf {
  // the machines' LAN resolver (the router at .1 of the node network)
  return { search: [], nameservers: [hostInCidr(s.settings.nodeSubnet, 1)], options: [] };
}

export function podResolv(s: ClusterState, pod: Pod): ResolvConf {
  const policy = pod.spec.dnsPolicy ?? 'ClusterFirst';
  if (policy === 'Default' || (pod.spec.hostNetwork && policy === 'ClusterFirst')) return nodeResolv(s);
  const d = s.settings.clusterDomain;
  const ns = pod.metadata.namespace ?? 'default';
  return { search: [`${ns}.svc.${d}`, `svc.${d}`, d], nameservers: [CLUSTER_DNS_IP(s)], options: ['ndots:5'] };
}

export function renderResolv(r: ResolvConf): string {
  const lines: string[] = [];
  if (r.search.length) lines.push(`search ${r.search.join(' ')}`);
  for (const n of r.nameservers) lines.push(`nameserver ${n}`);
  if (r.options.length) lines.push(`options ${r.options.join(' ')}`);
  return lines.join('\n') + '\n';
}
