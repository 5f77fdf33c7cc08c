// nslookup (busybox 1.28's format in busybox:1.28, the newer busybox format, BIND's on the machines
// and in agnhost) and dig. Names go through the sender's resolv.conf, so a Service name resolves in
// a Pod (search path, ndots:5) and not on a node, whose resolver knows nothing of the cluster.
import type { Command, Ctx } from '../types';
import type { ResolvConf } from '../../kubelet/resolv';
import type { DnsAnswer } from '../../net/dns';
import { Out, fail } from '../output';
import { query, resolve } from '../../net/dns';
import { dnsReachable, lookup, resolvConfOf, sourceOf } from './connect';
import { toolset, type NslookupFlavor } from '../pod/images';
import { isIPv4 } from '../../lib/ip';
import { advance } from '../../step';
import { virtualDate } from '../builtins';

function flavor(ctx: Ctx): NslookupFlavor {
  return ctx.where.kind === 'pod' ? (toolset(ctx.where.pod).nslookup ?? 'bind') : 'bind';
}

const isClusterDns = (ctx: Ctx, ip: string) =>
  ip === ctx.state.objects.services['kube-system/kube-dns']?.spec.clusterIP;
const arpa = (ip: string) => ip.split('.').reverse().join('.') + '.in-addr.arpa';

/** One query to the given server: the cluster DNS answers for the cluster; any other server only knows the outside. */
function ask(ctx: Ctx, server: string, name: string, type: 'A' | 'SRV' | 'PTR' | 'TXT' = 'A'): DnsAnswer {
  const fq = name.endsWith('.') ? name : name + '.';
  if (isClusterDns(ctx, server)) return query(ctx.state, fq, type);
  if (type !== 'A') return { name: fq, rcode: 'NXDOMAIN', records: [] };
  return (
    resolve(ctx.state, fq, { search: [], nameservers: [server], options: [] }).answer ?? {
      name: fq,
      rcode: 'NXDOMAIN',
      records: [],
    }
  );
}

function ptrName(ctx: Ctx, server: string, ip: string): string | null {
  const r = ask(ctx, server, arpa(ip), 'PTR');
  const rec = r.records.find((x) => x.type === 'PTR');
  return rec ? rec.data.replace(/\.$/, '') : null;
}

function serverConf(ctx: Ctx, server: string | undefined): ResolvConf | string {
  const base = resolvConfOf(ctx);
  if (!server) return base;
  let ip = server;
  if (!isIPv4(server)) {
    const l = lookup(ctx, server);
    if (!l.ok) return `nslookup: couldn't resolve server ${server}`;
    ip = l.ip;
  }
  return { ...base, nameservers: [ip] };
}

const USAGE_136 =
  'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST';
/** busybox 1.28's nslookup.c usage (nslookup_trivial_usage / nslookup_full_usage), from bb_show_usage */
const USAGE_128 =
  'BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\nUsage: nslookup [HOST] [SERVER]\n\nQuery the nameserver for the IP address of the given HOST\noptionally using a specified DNS server';
/** the new nslookup.c's qtypes[], in the order it sends them */
const QTYPES = ['SOA', 'NS', 'A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SRV', 'PTR', 'ANY'];

/** busybox >= 1.29 nslookup_main's option loop: -type= / -querytype= (and -port, -retry, -debug, -t, -timeout). */
function busyboxOptions(args: string[]): { types: string[]; rest: string[] } | { error: string } {
  const types = new Set<string>();
  let i = 1;
  for (; i < args.length && args[i].startsWith('-'); i++) {
    const [opt, val = ''] = args[i].slice(1).split(/=(.*)/s);
    if (opt === 'type' || opt === 'querytype') {
      const t = QTYPES.find((q) => q.toLowerCase() === val.toLowerCase());
      if (!t) return { error: `nslookup: invalid query type "${val}"` };
      types.add(t);
    } else if (!['port', 'retry', 'debug', 't', 'timeout'].includes(opt)) return { error: USAGE_136 };
  }
  const rest = args.slice(i);
  if (!rest.length || rest.length > 2) return { error: USAGE_136 };
  return { types: QTYPES.filter((q) => types.has(q)), rest };
}

/** One reply as the new nslookup.c parse_reply prints it (owner names without the final dot). */
function printReply(o: Out, a: DnsAnswer, qtype: string, authoritative: boolean): void {
  if (!authoritative) o.out('Non-authoritative answer:\n');
  const bare = (n: string) => n.replace(/\.$/, '');
  for (const r of a.records) {
    if (r.type === 'CNAME') o.out(`${bare(r.name)}\tcanonical name = ${bare(r.data)}\n`);
    else if (r.type === 'A' && qtype === 'A') o.out(`Name:\t${bare(r.name)}\nAddress: ${r.data}\n`);
    else if (r.type === 'SRV' && qtype === 'SRV')
      o.out(`${bare(r.name)}\tservice = ${r.priority ?? 0} ${r.weight ?? 100} ${r.port} ${bare(r.data)}\n`);
    else if (r.type === 'PTR' && qtype === 'PTR') o.out(`${bare(r.name)}\tname = ${bare(r.data)}\n`);
    else if (r.type === 'TXT' && qtype === 'TXT') o.out(`${bare(r.name)}\ttext = ${r.data}\n`);
  }
  o.out('\n');
}

export const nslookup: Command = (ctx, args) => {
  const fl0 = flavor(ctx);
  // busybox 1.28's nslookup_main takes no options: a first argument starting with '-', or more
  // than HOST and SERVER, prints the usage
  if (fl0 === 'busybox-1.28' && (!args[1] || args[1].startsWith('-') || args.length > 3)) return fail(USAGE_128, 1);
  let types: string[] = [];
  let rest: string[];
  if (fl0 === 'busybox') {
    const parsed = busyboxOptions(args);
    if ('error' in parsed) return fail(parsed.error, 1);
    ({ types, rest } = parsed);
  } else {
    const opts = args.slice(1).filter((a) => a.startsWith('-'));
    rest = args.slice(1).filter((a) => !a.startsWith('-'));
    // BIND: -type= / -query= / -querytype= / -q= / -ty= set the query type
    for (const o of opts) {
      const m = o.match(/^-(?:type|ty|querytype|query|qu|q)=(.*)$/i);
      if (m) types = [m[1].toUpperCase()];
    }
  }
  const name = rest[0];
  if (!name) return fail(fl0 === 'bind' ? 'Usage: nslookup [-opt ...] [host [server]]' : USAGE_136, 1);
  const conf = serverConf(ctx, rest[1]);
  if (typeof conf === 'string') return fail(conf, 1);
  const server = conf.nameservers[0];
  const fl = flavor(ctx);
  const o = new Out();
  const reachable = dnsReachable(ctx.state, sourceOf(ctx), conf);
  const cluster = isClusterDns(ctx, server);

  if (fl === 'busybox-1.28') {
    const sname = reachable ? ptrName(ctx, server, server) : null;
    o.out(`Server:    ${server}\nAddress 1: ${server}${sname ? ' ' + sname : ''}\n\n`);
    if (!reachable) {
      advance(ctx.state, 10_000);
      return o.err(`nslookup: can't resolve '${name}'\n`).done(1);
    }
    if (isIPv4(name)) {
      const n = ptrName(ctx, server, name);
      return o.out(`Name:      ${name}\nAddress 1: ${name}${n ? ' ' + n : ''}\n`).done(0);
    }
    const r = resolve(ctx.state, name, conf);
    if (!r.addresses.length) return o.err(`nslookup: can't resolve '${name}'\n`).done(1);
    o.out(`Name:      ${name}\n`);
    r.addresses.forEach((ip, i) => {
      const n = ptrName(ctx, server, ip);
      o.out(`Address ${i + 1}: ${ip}${n ? ' ' + n : ''}\n`);
    });
    return o.done(0);
  }

  if (fl === 'busybox') {
    o.out(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
    if (!reachable) {
      advance(ctx.state, 10_000);
      return o.out(';; connection timed out; no servers could be reached\n\n').done(1);
    }
    if (isIPv4(name)) {
      const n = ptrName(ctx, server, name);
      if (!n) return o.out(`** server can't find ${arpa(name)}: NXDOMAIN\n\n`).done(1);
      return o.out(`${arpa(name)}\tname = ${n}\n\n`).done(0);
    }
    // names without a dot go through each search domain; A then AAAA queries, all answered
    const names = !name.includes('.') && conf.search.length ? conf.search.map((d) => `${name}.${d}`) : [name];
    if (types.length) {
      // add_query_with_search per requested type (PTR never searched); each reply printed as it comes,
      // and any failed one makes the exit code 1 (G.exitcode)
      let failed = false;
      for (const t of types) {
        for (const n of t === 'PTR' ? [name] : names) {
          const a = ['A', 'AAAA', 'CNAME', 'SRV', 'PTR', 'TXT'].includes(t)
            ? ask(ctx, server, n, t === 'AAAA' || t === 'CNAME' ? 'A' : (t as 'A' | 'SRV' | 'PTR' | 'TXT'))
            : { name: n, rcode: 'NOERROR' as const, records: [] };
          if (a.rcode === 'NXDOMAIN') {
            failed = true;
            o.out(`** server can't find ${n}: NXDOMAIN\n\n`);
            continue;
          }
          printReply(o, a, t, cluster && n.replace(/\.$/, '').endsWith(`.${ctx.state.settings.clusterDomain}`));
        }
      }
      return o.done(failed ? 1 : 0);
    }
    let found = false;
    for (const type of ['A', 'AAAA'] as const) {
      for (const n of names) {
        const a = ask(ctx, server, n, 'A');
        if (a.rcode === 'NXDOMAIN') {
          o.out(`** server can't find ${n}: NXDOMAIN\n\n`);
          continue;
        }
        // an ExternalName answers both queries with its CNAME (parse_reply: "canonical name = ")
        const cnames = a.records.filter((r) => r.type === 'CNAME');
        const recs = a.records.filter((r) => r.type === 'A');
        if (type === 'AAAA') {
          if (cnames.length) printReply(o, { ...a, records: cnames }, 'AAAA', true);
          continue;
        }
        if (!recs.length) continue;
        found = true;
        printReply(o, a, 'A', !cnames.length || cluster);
      }
    }
    return o.done(found ? 0 : 1);
  }

  // BIND nslookup
  o.out(`Server:\t\t${server}\nAddress:\t${server}#53\n\n`);
  if (!reachable) {
    advance(ctx.state, 15_000);
    return new Out()
      .out(
        `;; communications error to ${server}#53: timed out\n;; communications error to ${server}#53: timed out\n;; communications error to ${server}#53: timed out\n;; no servers could be reached\n\n`,
      )
      .done(1);
  }
  if (isIPv4(name)) {
    const n = ptrName(ctx, server, name);
    if (!n) return o.out(`** server can't find ${arpa(name)}: NXDOMAIN\n\n`).done(1);
    return o.out(`${arpa(name)}\tname = ${n}.\n\n`).done(0);
  }
  if (types[0] === 'SRV') {
    // the resolver's search list as for A; BIND prints SRV data with the target's final dot
    const r = resolve(ctx.state, name, conf, 'SRV');
    if (!r.answer) return o.out(`** server can't find ${name}: NXDOMAIN\n\n`).done(1);
    if (!(cluster && r.answer.name.endsWith(`.${ctx.state.settings.clusterDomain}.`)))
      o.out('Non-authoritative answer:\n');
    for (const rec of r.answer.records)
      if (rec.type === 'SRV')
        o.out(
          `${rec.name.replace(/\.$/, '')}\tservice = ${rec.priority ?? 0} ${rec.weight ?? 100} ${rec.port} ${rec.data}\n`,
        );
    return o.out('\n').done(0);
  }
  const r = resolve(ctx.state, name, conf);
  if (!r.answer) return o.out(`** server can't find ${name}: NXDOMAIN\n\n`).done(1);
  const authoritative = cluster && r.answer.name.endsWith(`.${ctx.state.settings.clusterDomain}.`);
  if (!authoritative) o.out('Non-authoritative answer:\n');
  let owner = r.answer.name.replace(/\.$/, '');
  for (const rec of r.answer.records) {
    if (rec.type === 'CNAME') {
      o.out(`${owner}\tcanonical name = ${rec.data}\n`);
      owner = rec.data.replace(/\.$/, '');
    }
  }
  for (const ip of r.addresses) o.out(`Name:\t${owner}\nAddress: ${ip}\n`);
  return o.out('\n').done(0);
};

export const dig: Command = (ctx, args) => {
  let server: string | undefined;
  let short = false;
  let type: 'A' | 'SRV' | 'PTR' | 'TXT' = 'A';
  let search = false;
  let name: string | undefined;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('@')) server = a.slice(1);
    else if (a === '+short') short = true;
    else if (a === '+search') search = true;
    else if (a.startsWith('+')) continue;
    else if (a === '-x') {
      name = arpa(args[++i] ?? '');
      type = 'PTR';
    } else if (a === '-t') type = (args[++i] ?? 'A').toUpperCase() as typeof type;
    else if (/^(A|SRV|PTR|TXT|AAAA)$/i.test(a))
      type = a.toUpperCase() === 'AAAA' ? 'A' : (a.toUpperCase() as typeof type);
    else name = a;
  }
  name ??= '.';
  const conf = serverConf(ctx, server);
  if (typeof conf === 'string') return fail(`dig: couldn't get address for '${server}': not found`, 10);
  const srv = conf.nameservers[0];
  if (!dnsReachable(ctx.state, sourceOf(ctx), conf)) {
    advance(ctx.state, 15_000);
    return new Out()
      .out(
        `;; communications error to ${srv}#53: timed out\n;; communications error to ${srv}#53: timed out\n;; communications error to ${srv}#53: timed out\n\n; <<>> DiG 9.18.39 <<>> ${args.slice(1).join(' ')}\n;; global options: +cmd\n;; no servers could be reached\n`,
      )
      .done(9);
  }
  let ans: DnsAnswer;
  let qname = name.endsWith('.') ? name : name + '.';
  if (search && type === 'A' && !name.endsWith('.')) {
    const r = resolve(ctx.state, name, conf);
    ans = r.answer ?? ask(ctx, srv, qname, type);
    qname = ans.name;
  } else ans = ask(ctx, srv, qname, type);
  const rdata = (r: DnsAnswer['records'][number]) =>
    r.type === 'SRV' ? `${r.priority ?? 0} ${r.weight ?? 100} ${r.port} ${r.data}` : r.data;
  if (short) return new Out().out(ans.records.map((r) => rdata(r) + '\n').join('')).done(0);
  const cluster = isClusterDns(ctx, srv) && qname.endsWith(`.${ctx.state.settings.clusterDomain}.`);
  const d = virtualDate(ctx)
    .toUTCString()
    .replace(/GMT$/, 'UTC')
    .replace(/^(\w+), (\d+) (\w+) (\d+) (.*)$/, '$1 $3 $2 $5 $4');
  const id = 1000 + (ctx.state.now % 60000);
  let out = `\n; <<>> DiG 9.18.39 <<>> ${args.slice(1).join(' ')}\n;; global options: +cmd\n;; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: ${ans.rcode}, id: ${id}\n`;
  out += `;; flags: qr${cluster ? ' aa' : ''} rd${cluster ? '' : ' ra'}; QUERY: 1, ANSWER: ${ans.records.length}, AUTHORITY: ${ans.records.length ? 0 : 1}, ADDITIONAL: 1\n${cluster ? ';; WARNING: recursion requested but not available\n' : ''}\n`;
  out += `;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n;; QUESTION SECTION:\n;${qname}\t\t\tIN\t${type}\n\n`;
  if (ans.records.length)
    out += `;; ANSWER SECTION:\n${ans.records.map((r) => `${r.name}\t${r.ttl}\tIN\t${r.type}\t${rdata(r)}\n`).join('')}\n`;
  else if (cluster)
    out += `;; AUTHORITY SECTION:\n${ctx.state.settings.clusterDomain}.\t30\tIN\tSOA\tns.dns.${ctx.state.settings.clusterDomain}. hostmaster.${ctx.state.settings.clusterDomain}. 1768208400 7200 1800 86400 30\n\n`;
  out += `;; Query time: 0 msec\n;; SERVER: ${srv}#53(${srv}) (UDP)\n;; WHEN: ${d}\n;; MSG SIZE  rcvd: ${60 + ans.records.length * 40}\n\n`;
  return new Out().out(out).done(0);
};
