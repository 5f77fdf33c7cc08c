// The scale measurements: iptables' first packet walks KUBE-SERVICES (grows with N), nftables' does
// one verdict-map lookup (flat); one endpoint change rewrites every KUBE-SERVICES rule in iptables
// mode and only a few chains and elements in nftables mode.
import { describe, expect, it } from 'vitest';
import { measureScale } from './scale';

describe('measureScale', () => {
  const small = measureScale(10);
  const big = measureScale(1000);
  it('iptables: the first packet is checked against more rules as Services grow; nftables: the same few', () => {
    expect(big.iptables.firstPacket).toBeGreaterThan(small.iptables.firstPacket * 20);
    expect(big.nftables.firstPacket).toBe(small.nftables.firstPacket);
    expect(big.nftables.firstPacket).toBeLessThan(20);
  });
  it('one endpoint change: iptables rewrites at least every KUBE-SERVICES rule, nftables a handful', () => {
    expect(big.iptables.rewritten).toBeGreaterThan(1000);
    expect(big.nftables.rewritten).toBe(small.nftables.rewritten);
    expect(big.nftables.rewritten).toBeLessThan(40);
  });
});
