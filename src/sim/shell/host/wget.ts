// wget: busybox's applet in Pods (`wget -qO- URL`, the Kubernetes docs' favourite), GNU wget on
// the machines. Same connection and replies as curl; each prints its own messages.
import type { Command, Ctx } from '../types';
import { Out } from '../output';
import { writeFile } from '../fs';
import { connect, lookup, parseUrl } from './connect';
import { serve, type HttpReply } from './servers';
import { advance } from '../../step';
import { randomInt } from '../../time/rng';

interface WgetOpts {
  quiet: boolean;
  output?: string;
  timeout?: number;
  spider: boolean;
  server: boolean;
  url?: string;
}

function parseWget(args: string[]): WgetOpts | string {
  const o: WgetOpts = { quiet: false, spider: false, server: false };
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === '--spider') o.spider = true;
    else if (a.startsWith('--output-document=')) o.output = a.slice(18);
    else if (a.startsWith('--timeout=')) o.timeout = Number(a.slice(10));
    else if (a === '--quiet') o.quiet = true;
    else if (a.startsWith('-') && a.length > 1 && !a.startsWith('--')) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c === 'q') o.quiet = true;
        else if (c === 'S') o.server = true;
        else if (c === 'O' || c === 'T') {
          const v = a.slice(j + 1) || args[++i];
          if (v === undefined) return `option requires an argument -- '${c}'`;
          if (c === 'O') o.output = v;
          else o.timeout = Number(v);
          break;
        } else return `invalid option -- '${c}'`;
      }
    } else if (a.startsWith('--')) continue;
    else o.url = a;
  }
  return o;
}

const isBusybox = (ctx: Ctx) => ctx.where.kind === 'pod';

export const wget: Command = (ctx, args) => {
  const out = new Out();
  const o = parseWget(args);
  const bb = isBusybox(ctx);
  if (typeof o === 'string')
    return out
      .err(
        bb
          ? `wget: ${o}\nBusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n`
          : `wget: ${o}\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n`,
      )
      .done(bb ? 1 : 2);
  if (!o.url)
    return out
      .err(
        bb
          ? 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n'
          : "wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n",
      )
      .done(1);
  const url = parseUrl(o.url);
  if (!url) return out.err(bb ? `wget: not an http or ftp url: ${o.url}\n` : `${o.url}: Unsupported scheme.\n`).done(1);
  const d = new Date(ctx.state.settings.epoch + ctx.state.now);
  const stamp = d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '');
  const log = (t: string) => {
    if (!o.quiet) out.err(t);
  };
  if (!bb) log(`--${stamp}--  ${o.url}\n`);
  const looked = lookup(ctx, url.host);
  if (!looked.ok) {
    if (looked.reason === 'timeout') advance(ctx.state, 10_000);
    if (bb) return out.err(`wget: bad address '${url.host}'\n`).done(1);
    log(
      `Resolving ${url.host} (${url.host})... failed: Name or service not known.\nwget: unable to resolve host address ‘${url.host}’\n`,
    );
    return out.done(4);
  }
  const ip = looked.ip;
  if (bb) log(`Connecting to ${url.host}${url.host === ip ? '' : ` (${ip}:${url.port})`}\n`);
  else
    log(
      `${url.host === ip ? '' : `Resolving ${url.host} (${url.host})... ${ip}\n`}Connecting to ${url.host === ip ? '' : `${url.host} (${url.host})|`}${ip}|:${url.port}... `,
    );
  const trace = connect(ctx, ip, url.port);
  const why =
    trace.verdict === 'refused'
      ? 'Connection refused'
      : trace.verdict === 'no-route'
        ? 'No route to host'
        : trace.verdict === 'delivered'
          ? ''
          : 'Connection timed out';
  if (why) {
    if (why === 'Connection timed out') {
      const ms = o.timeout ? o.timeout * 1000 : 129_000 + randomInt(ctx.state, 0, 4_999);
      advance(ctx.state, ms);
      if (bb && o.timeout) return out.err('wget: download timed out\n').done(1);
    }
    if (bb) return out.err(`wget: can't connect to remote host (${ip}): ${why}\n`).done(1);
    log(`failed: ${why}.\n`);
    return out.done(4);
  }
  if (!bb) log('connected.\nHTTP request sent, awaiting response... ');
  let reply = serve(ctx, trace, { method: 'GET', path: url.path, host: url.host, scheme: url.scheme });
  if (reply.kind === 'tls') {
    if (url.scheme === 'https') {
      if (bb)
        return out
          .err(
            `wget: note: TLS certificate validation not implemented\nwget: server returned error: HTTP/1.1 ${reply.reply.status} ${reply.reply.reason}\n`,
          )
          .done(1);
      log(
        `\nERROR: cannot verify ${url.host}'s certificate, issued by ‘CN=kubernetes’:\n  Unable to locally verify the issuer's authority.\nTo connect to ${url.host} insecurely, use \`--no-check-certificate'.\n`,
      );
      return out.done(5);
    }
    reply = {
      kind: 'http',
      status: 400,
      reason: 'Bad Request',
      headers: [],
      body: 'Client sent an HTTP request to an HTTPS server.\n',
    };
  } else if (url.scheme === 'https') {
    return out
      .err(
        bb
          ? 'wget: TLS error from peer (alert code 80): 80\nwget: error getting response: Connection reset by peer\n'
          : 'Unable to establish SSL connection.\n',
      )
      .done(bb ? 1 : 4);
  }
  if (reply.kind !== 'http') {
    if (bb) return out.err('wget: error getting response: Connection reset by peer\n').done(1);
    log('No data received.\nRetrying.\n\n');
    return out.done(4);
  }
  const r: HttpReply = reply;
  if (r.status >= 400) {
    if (bb) return out.err(`wget: server returned error: HTTP/1.1 ${r.status} ${r.reason}\n`).done(1);
    log(`${r.status} ${r.reason}\n${stamp} ERROR ${r.status}: ${r.reason}.\n\n`);
    return out.done(8);
  }
  if (o.spider) {
    if (bb) log('remote file exists\n');
    return out.done(0);
  }
  const toStdout = o.output === '-';
  const file = o.output ?? (url.path.split('?')[0].split('/').pop() || 'index.html');
  const size = new TextEncoder().encode(r.body).length;
  if (bb) {
    log(toStdout ? 'writing to stdout\n' : `saving to '${file}'\n`);
    if (toStdout) out.out(r.body);
    else writeFile(ctx, file, r.body);
    log(
      `${(toStdout ? '-' : file).padEnd(20)} 100% |********************************|  ${String(size).padStart(4)}  0:00:00 ETA\n${toStdout ? 'written to stdout' : `'${file}' saved`}\n`,
    );
    return out.done(0);
  }
  const type = r.headers.find(([k]) => k === 'Content-Type')?.[1] ?? 'text/plain';
  log(
    `${r.status} ${r.reason}\nLength: ${size} [${type.split(';')[0]}]\nSaving to: ‘${toStdout ? 'STDOUT' : file}’\n\n`,
  );
  if (toStdout) out.out(r.body);
  else writeFile(ctx, file, r.body);
  log(
    `${(toStdout ? '-' : file).padEnd(20)}100%[===================>]  ${String(size).padStart(4)}  --.-KB/s    in 0s      \n\n${stamp} (12.3 MB/s) - ${toStdout ? 'written to stdout' : `‘${file}’ saved`} [${size}/${size}]\n\n`,
  );
  return out.done(0);
};
