// kube-proxy's nftables mode, loaded on demand: importing this module registers the nftables sync and
// the tracer's nftables evaluator with the engine, and gives the UI the compiler and nft's printers.
import { registerNftSync } from './kubeproxy/nft-engine';
import { registerNftTracer } from './net/nft-hooks';
import { syncNft } from './kubeproxy/nft-sync';
import { ip6KubeProxyTable } from './kubeproxy/nft-fixed';
import type { NftTable } from './model/nftables';
import { nftFilter, nftPost, nftPre } from './net/nft-eval';

let ip6: NftTable | undefined;
registerNftSync({ syncNft, ip6Table: () => (ip6 ??= ip6KubeProxyTable()) });
registerNftTracer({ nftPre, nftFilter, nftPost });

export { compileNft, compileNftTable, servicePortChains, endpointChainName } from './kubeproxy/nft-compile';
export { listTable, listChain, listSet, chainText, setText, ruleText, elementText } from './kubeproxy/nft-print';
export { nftHook } from './net/nft-eval';
export { serviceRulesBothModes, type ModeRules } from './kubeproxy/compare';
export { measureScale, SCALE_SIZES, type ScaleRow } from './scale';
export const NFT_LOADED = true;
