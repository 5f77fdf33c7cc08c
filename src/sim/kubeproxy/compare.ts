// One Service's rules on one node in both kube-proxy modes, whichever mode the cluster runs: what
// iptables mode writes for it (its KUBE-SERVICES/KUBE-NODEPORTS rules and its own chains, as
// iptables-save prints them) and what nftables mode writes (its map elements and chains, as
// `nft list` prints them). For the side-by-side view.
import type { ClusterState } from '../model/state';
import { compileCached, fragmentRules } from './compile';
import { compileNft } from './nft-compile';
import { chainText, elementText } from './nft-print';
import { ruleToSaveLine } from './iptables-save';
import { nodeInternalIPs } from './sync';

export interface ModeRules {
  iptables: { table: 'nat' | 'filter'; chain: string; line: string }[];
  nftables: { elements: { set: string; text: string }[]; chains: string[] };
}

export function serviceRulesBothModes(s: ClusterState, node: string, svcKey: string): ModeRules {
  const svc = s.objects.services[svcKey];
  const services = svc ? [svc] : [];
  const slices = Object.values(s.objects.endpointslices);
  const nodeIPs = nodeInternalIPs(s, node);
  const ipt = compileCached({
    node,
    nodeIPs,
    settings: { podSubnet: s.settings.podSubnet, masqueradeAll: s.settings.kubeProxy.masqueradeAll },
    services,
    slices,
  });
  const nft = compileNft({
    node,
    nodeIPs,
    settings: {
      podSubnet: s.settings.podSubnet,
      serviceSubnet: s.settings.serviceSubnet,
      masqueradeAll: s.settings.kubeProxy.masqueradeAll,
    },
    services,
    slices,
  });
  const iptables = ipt.cache.sorted.flatMap((f) =>
    fragmentRules(f).map((r) => ({ table: r.table, chain: r.chain, line: ruleToSaveLine(r.chain, r.rule) })),
  );
  const seen = new Set<string>();
  const elements: { set: string; text: string }[] = [];
  for (const f of nft.cache.sorted)
    for (const [set, e] of f.elements) {
      const text = elementText(e);
      if (seen.has(set + text)) continue;
      seen.add(set + text);
      elements.push({ set, text });
    }
  const chains = nft.cache.sorted.flatMap((f) => f.chains.map((c) => chainText(c).replace(/^\t/gm, '')));
  return { iptables, nftables: { elements, chains } };
}
