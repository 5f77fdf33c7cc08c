// kube-proxy's nftables mode (compiler, sync, tracer, printers) loads when a cluster first uses it.
import { lazyModule } from './lazy';

export const nft = lazyModule(() => import('../sim/nftables'));
