// conntrack -L on a node: the connections whose addresses this node translated (DNAT to an
// endpoint, masquerade), as libnetfilter_conntrack prints them.
import type { Command } from '../types';
import { Out, fail } from '../output';
import { conntrackList } from '../../net/conntrack';

export const conntrack: Command = (ctx, args) => {
  let mode: 'L' | 'C' | null = null;
  let proto: string | undefined;
  let src: string | undefined;
  let dst: string | undefined;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === '-L' || a === '--dump') mode = 'L';
    else if (a === '-C' || a === '--count') mode = 'C';
    else if (a === '-p' || a === '--proto') proto = args[++i]?.toLowerCase();
    else if (a === '-s' || a === '--src' || a === '--orig-src') src = args[++i];
    else if (a === '-d' || a === '--dst' || a === '--orig-dst') dst = args[++i];
    else if (a === '-n' || a === '-o' || a === '-f') {
      if (a !== '-n') i++;
    } else if (a === '-E' || a === '--event')
      return fail(
        'conntrack v1.4.8 (conntrack-tools): this playground lists entries (-L) but does not stream events',
        1,
      );
    else if (a === '-D' || a === '-F' || a === '--delete' || a === '--flush')
      return fail(
        'conntrack v1.4.8 (conntrack-tools): this playground does not let you change the connection table',
        1,
      );
    else
      return fail(
        `conntrack v1.4.8 (conntrack-tools): Bad parameter \`${a}'\nTry \`conntrack -h' or 'conntrack --help' for more information.`,
        2,
      );
  }
  if (!mode)
    return fail(
      "conntrack v1.4.8 (conntrack-tools): no command specified\nTry `conntrack -h' or 'conntrack --help' for more information.",
      2,
    );
  const w = ctx.where;
  const node =
    w.kind === 'node' ? w.name : w.kind === 'pod' && w.pod.spec.hostNetwork ? w.pod.spec.nodeName : undefined;
  const lines = (node ? conntrackList(ctx.state, node).lines : []).filter((l) => {
    const orig = l.match(/src=(\S+) dst=(\S+)/);
    if (proto && !l.startsWith(proto)) return false;
    if (src && orig?.[1] !== src) return false;
    if (dst && orig?.[2] !== dst) return false;
    return true;
  });
  if (mode === 'C') return new Out().out(`${lines.length}\n`).done(0);
  const o = new Out();
  for (const l of lines) o.out(l + '\n');
  o.err(`conntrack v1.4.8 (conntrack-tools): ${lines.length} flow entries have been shown.\n`);
  return o.done(0);
};
