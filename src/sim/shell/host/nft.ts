// nft on a node: `nft list ruleset|tables|table|chain|set|map …` print the tables its kube-proxy wrote
// in nftables mode, byte for byte as nft 1.0.6 (a kind node's) prints them, and nft's own errors (the
// offending word underlined with carets). kube-proxy's nftables mode runs both IP families on Linux
// (cmd/kube-proxy/app/server_linux.go), so there are two: `table ip kube-proxy` with the Services and
// `table ip6 kube-proxy` with the IPv6 proxier's fixed chains (the cluster is IPv4-only).
// Scope: only kube-proxy's tables. On a real kind node whose iptables uses the nft backend, `nft list
// ruleset` also prints the tables iptables-nft keeps for kubelet (KUBE-FIREWALL, the canaries),
// Docker's embedded DNS and the CNI, in nft's translation of xtables rules; the playground does not
// print those (their exact text depends on the iptables, Docker and kindnetd versions): `iptables-save`
// shows kubelet's part of them.
import type { Command, Ctx } from '../types';
import { fail, ok } from '../output';
import type { NftTable } from '../../model/nftables';
import { listChain, listRuleset, listSet, listTable } from '../../kubeproxy/nft-print';
import { nftSyncEngine } from '../../kubeproxy/nft-engine';

const VERSION = 'nftables v1.0.6 (Lester Gooch #5)';
const FAMILIES = new Set(['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev']);

function nodeOf(ctx: Ctx): string | undefined {
  const w = ctx.where;
  return w.kind === 'node' ? w.name : w.kind === 'pod' && w.pod.spec.hostNetwork ? w.pod.spec.nodeName : undefined;
}

/** nft's "Error: …" with the command echoed and the word at `tok` underlined. */
function nftError(words: string[], tok: number, msg = 'No such file or directory'): ReturnType<typeof fail> {
  const line = words.join(' ');
  const at = words.slice(0, tok).join(' ').length + (tok > 0 ? 1 : 0);
  return fail(`Error: ${msg}\n${line}\n${' '.repeat(at)}${'^'.repeat(Math.max(1, words[tok]?.length ?? 1))}\n`, 1);
}

function syntaxError(words: string[], expecting: string): ReturnType<typeof fail> {
  const line = words.join(' ');
  return fail(`Error: syntax error, unexpected newline${expecting}\n${line}\n${' '.repeat(line.length)}^\n`, 1);
}

export const nftCmd: Command = (ctx, args) => {
  const words = args.slice(1);
  if (words[0] === '-v' || words[0] === '--version') return ok(`${VERSION}\n`);
  if (words.length === 0) return ok('');
  // -n / -s / -a and friends change nothing here (no counters, no handles kept)
  while (words[0]?.startsWith('-')) words.shift();
  const node = nodeOf(ctx);
  const ip4: NftTable | undefined = node ? ctx.state.proxies[node]?.nft : undefined;
  const ip6 = ip4 && nftSyncEngine()?.ip6Table();
  const tables = ip4 ? (ip6 ? [ip4, ip6] : [ip4]) : [];
  if (words[0] !== 'list')
    return fail(
      words[0] === undefined
        ? ''
        : `nft: this playground shows the rules kube-proxy writes; it does not let you change them by hand.\n`,
      1,
    );
  const what = words[1];
  if (what === undefined) return syntaxError(words, '');
  if (what === 'ruleset') return ok(listRuleset(tables));
  if (what === 'tables') return ok(tables.map((t) => `table ${t.family} ${t.name}\n`).join(''));
  const rest = words.slice(2);
  let i = 2;
  let family = 'ip';
  if (rest.length && FAMILIES.has(rest[0])) {
    family = rest[0];
    i++;
  }
  const tname = words[i];
  if (tname === undefined) return syntaxError(words, ', expecting string');
  const table = tables.find((t) => t.family === family && t.name === tname);
  if (!table) return nftError(words, i);
  if (what === 'table') return ok(listTable(table));
  if (what === 'chain' || what === 'set' || what === 'map') {
    const name = words[i + 1];
    if (name === undefined) return syntaxError(words, ', expecting string');
    const out = what === 'chain' ? listChain(table, name) : listSet(table, name, what === 'map');
    return out === null ? nftError(words, i + 1) : ok(out);
  }
  return fail(`Error: syntax error, unexpected string\n${words.join(' ')}\n     ${'^'.repeat(what.length)}\n`, 1);
};
