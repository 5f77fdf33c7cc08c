// The tracer's way into the nftables evaluator (net/nft-eval.ts), which loads with kube-proxy's
// nftables mode (src/sim/nftables.ts registers it).
import type { NftTable } from '../model/nftables';
import type { EvalContext } from './eval';
import type { Run } from './trace-run';

export interface NftEnd {
  verdict: 'refused' | 'dropped';
  reason: string;
}

export interface NftTracer {
  nftPre(r: Run, node: string, t: NftTable, entry: 'PREROUTING' | 'OUTPUT', ctx: EvalContext): NftEnd | null;
  nftFilter(r: Run, node: string, t: NftTable, chain: 'INPUT' | 'FORWARD' | 'OUTPUT', ctx: EvalContext): NftEnd | null;
  nftPost(r: Run, node: string, t: NftTable, egress: string, ctx: EvalContext): void;
}

let tracer: NftTracer | null = null;
export function registerNftTracer(t: NftTracer): void {
  tracer = t;
}
export const nftTracer = (): NftTracer | null => tracer;
