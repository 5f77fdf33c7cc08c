// The packet-flow table of trace.test.ts, run again with kube-proxy in nftables mode: every request
// type must be delivered, refused or dropped as in iptables mode (or as upstream's nftables tests say
// where the modes differ), with hops that name nft chains, rules and map elements.
import { setTestProxyMode } from '../testing';

setTestProxyMode('nftables');
await import('./trace.test');
