// The kube-proxy mode as a cluster setting: kind's networking.kubeProxyMode in a scenario file, the
// Playground document an export writes, share links (old links without it open in iptables mode).
import { describe, expect, it } from 'vitest';
import { loadScenario } from './load';
import { parseManifests } from './manifest';
import { shareFromState, rebuildFromShare } from './share-state';
import { decodeShare, encodeShare } from './share';
import { stateToScenarioYaml } from './export-yaml';
import { defaultCluster } from './apply';
import { setProxyMode } from '../actions';
import '../nftables';

const KIND = (mode: string) => `kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
networking:
  kubeProxyMode: ${mode}
nodes:
- role: control-plane
- role: worker
`;

describe('kube-proxy mode setting', () => {
  it('kind networking.kubeProxyMode: nftables gives a cluster whose nodes run nftables', () => {
    const r = loadScenario(KIND('nftables'));
    expect(r.errors).toEqual([]);
    expect(r.state!.settings.kubeProxy.mode).toBe('nftables');
    for (const p of Object.values(r.state!.proxies)) {
      expect(p.mode).toBe('nftables');
      expect(p.nft?.name).toBe('kube-proxy');
    }
  });
  it('an unsupported mode is refused with kind-like words', () => {
    const r = parseManifests(KIND('ipvs'));
    expect(r.errors[0].message).toBe(
      'ERROR: failed to create cluster: invalid kubeProxyMode: ipvs (this playground runs kube-proxy in iptables or nftables mode)',
    );
  });
  it('share links carry the mode; a link without it opens in iptables mode', async () => {
    const s = defaultCluster();
    setProxyMode(s, 'nftables');
    const { payload } = shareFromState(s);
    expect(payload.settings.kubeProxy).toEqual({ mode: 'nftables' });
    const back = await decodeShare(await encodeShare(payload));
    expect(back.ok).toBe(true);
    const rebuilt = rebuildFromShare(back.ok ? back.payload : payload).state;
    expect(rebuilt.settings.kubeProxy.mode).toBe('nftables');
    expect(Object.values(rebuilt.proxies).every((p) => !!p.nft)).toBe(true);
    const old = shareFromState(defaultCluster()).payload;
    expect(old.settings.kubeProxy).toBeUndefined();
    expect(rebuildFromShare(old).state.settings.kubeProxy.mode).toBe('iptables');
  });
  it('an export with settings records the mode in the Playground document', () => {
    const s = defaultCluster();
    setProxyMode(s, 'nftables');
    const yaml = stateToScenarioYaml(s, { settings: true });
    expect(yaml).toContain('kubeProxyMode: nftables');
    expect(loadScenario(yaml).state!.settings.kubeProxy.mode).toBe('nftables');
  });
});
