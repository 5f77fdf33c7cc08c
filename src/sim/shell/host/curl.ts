// curl 8: resolve the name as this machine or Pod would, trace one connection through the cluster,
// and print what answered, or curl's own error for a refused, dropped or unroutable connection.
import type { Command, Ctx } from '../types';
import { Out } from '../output';
import { writeFile } from '../fs';
import { connect, lookup, parseUrl, type Url } from './connect';
import { serve, type HttpReply, type Reply } from './servers';
import { advance } from '../../step';
import { randomInt } from '../../time/rng';

const VALUE_SHORT = new Set([
  'm',
  'o',
  'H',
  'X',
  'd',
  'w',
  'u',
  'A',
  'e',
  'x',
  'T',
  'b',
  'c',
  'K',
  'r',
  'y',
  'Y',
  'z',
  'E',
  'F',
  'h',
]);
const VALUE_LONG = new Set([
  'max-time',
  'connect-timeout',
  'output',
  'header',
  'request',
  'data',
  'data-raw',
  'data-binary',
  'write-out',
  'user',
  'user-agent',
  'referer',
  'resolve',
  'retry',
  'retry-delay',
  'cacert',
  'cert',
  'key',
  'proxy',
  'interface',
  'local-port',
  'url',
]);

/** curl's on/off switches: each flag sets one. */
type CurlSwitch = 'silent' | 'showError' | 'verbose' | 'include' | 'head' | 'insecure' | 'fail';

interface CurlOpts extends Record<CurlSwitch, boolean> {
  silent: boolean;
  showError: boolean;
  verbose: boolean;
  include: boolean;
  head: boolean;
  insecure: boolean;
  fail: boolean;
  maxTime?: number;
  connectTimeout?: number;
  output?: string;
  method?: string;
  writeOut?: string;
  urls: string[];
  userAgent: string;
}

function parseCurl(args: string[]): CurlOpts | { error: string; code: number } {
  const o: CurlOpts = {
    silent: false,
    showError: false,
    verbose: false,
    include: false,
    head: false,
    insecure: false,
    fail: false,
    urls: [],
    userAgent: 'curl/8.5.0',
  };
  const setv = (k: string, v: string): string | null => {
    switch (k) {
      case 'm':
      case 'max-time':
        if (Number.isNaN(Number(v))) return `curl: option --max-time: expected a proper numerical parameter`;
        o.maxTime = Number(v);
        break;
      case 'connect-timeout':
        if (Number.isNaN(Number(v))) return `curl: option --connect-timeout: expected a proper numerical parameter`;
        o.connectTimeout = Number(v);
        break;
      case 'o':
      case 'output':
        o.output = v;
        break;
      case 'X':
      case 'request':
        o.method = v;
        break;
      case 'w':
      case 'write-out':
        o.writeOut = v;
        break;
      case 'A':
      case 'user-agent':
        o.userAgent = v;
        break;
      case 'd':
      case 'data':
      case 'data-raw':
      case 'data-binary':
        o.method ??= 'POST';
        break;
      case 'url':
        o.urls.push(v);
        break;
      default:
        break;
    }
    return null;
  };
  const bools: Record<string, CurlSwitch> = {
    s: 'silent',
    silent: 'silent',
    S: 'showError',
    'show-error': 'showError',
    v: 'verbose',
    verbose: 'verbose',
    i: 'include',
    include: 'include',
    I: 'head',
    head: 'head',
    k: 'insecure',
    insecure: 'insecure',
    f: 'fail',
    fail: 'fail',
  };
  const ignored = new Set([
    'L',
    'location',
    '4',
    '6',
    'N',
    'no-buffer',
    'compressed',
    'http1.1',
    'http2',
    'g',
    'globoff',
    'O',
    'remote-name',
    'q',
    'n',
    'retry-connrefused',
    'fail-with-body',
  ]);
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--') && a.length > 2) {
      const [k, v] = a.slice(2).split(/=(.*)/s);
      if (bools[k]) {
        o[bools[k]] = true;
        continue;
      }
      if (ignored.has(k)) continue;
      if (VALUE_LONG.has(k)) {
        const val = v ?? args[++i];
        if (val === undefined)
          return {
            error: `curl: option --${k}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information`,
            code: 2,
          };
        const e = setv(k, val);
        if (e) return { error: e + `\ncurl: try 'curl --help' or 'curl --manual' for more information`, code: 2 };
        continue;
      }
      return {
        error: `curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information`,
        code: 2,
      };
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (bools[c]) {
          o[bools[c]] = true;
          continue;
        }
        if (ignored.has(c)) continue;
        if (VALUE_SHORT.has(c)) {
          const val = a.slice(j + 1) || args[++i];
          if (val === undefined)
            return {
              error: `curl: option -${c}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information`,
              code: 2,
            };
          const e = setv(c, val);
          if (e) return { error: e + `\ncurl: try 'curl --help' or 'curl --manual' for more information`, code: 2 };
          break;
        }
        return {
          error: `curl: option -${c}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information`,
          code: 2,
        };
      }
      continue;
    }
    o.urls.push(a);
  }
  return o;
}

function statusLine(r: HttpReply): string {
  return `HTTP/1.1 ${r.status} ${r.reason}`.trimEnd();
}

/** One URL. Returns false when curl should stop (an error). */
function fetchOne(ctx: Ctx, o: CurlOpts, raw: string, out: Out): number {
  const err = (code: number, msg: string) => {
    if (!o.silent || o.showError) out.err(`curl: (${code}) ${msg}\n`);
    return code;
  };
  const url: Url | null = parseUrl(raw);
  if (!url) {
    const scheme = raw.match(/^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//)?.[1];
    return scheme ? err(1, `Protocol "${scheme}" not supported`) : err(3, `URL rejected: Bad hostname`);
  }
  const verbose = (t: string) => {
    if (o.verbose) out.err(t);
  };
  const looked = lookup(ctx, url.host);
  if (!looked.ok) {
    if (looked.reason === 'timeout') advance(ctx.state, 10_000); // two tries of resolv.conf's 5 s timeout
    verbose(`* Could not resolve host: ${url.host}\n* Closing connection\n`);
    return err(6, `Could not resolve host: ${url.host}`);
  }
  const ip = looked.ip;
  verbose(`*   Trying ${ip}:${url.port}...\n`);
  const trace = connect(ctx, ip, url.port);
  const limit = o.connectTimeout ?? o.maxTime;
  switch (trace.verdict) {
    case 'refused': {
      const ms = trace.path.filter((p) => p.startsWith('node/')).length > 1 ? 1 : 0;
      verbose(
        `* connect to ${ip} port ${url.port} from ${trace.source} port ${trace.hops[0]?.before.sport ?? 0} failed: Connection refused\n`,
      );
      return err(7, `Failed to connect to ${url.host} port ${url.port} after ${ms} ms: Couldn't connect to server`);
    }
    case 'no-route':
      verbose(
        `* connect to ${ip} port ${url.port} from ${trace.source} port ${trace.hops[0]?.before.sport ?? 0} failed: No route to host\n`,
      );
      return err(7, `Failed to connect to ${url.host} port ${url.port} after 3 ms: Couldn't connect to server`);
    case 'dropped':
    case 'timed-out': {
      // nothing answers the SYN: the kernel retries (tcp_syn_retries=6) for about 130 s, unless curl gives up first
      if (limit !== undefined && limit * 1000 < 127_000) {
        const ms = Math.round(limit * 1000) + 1;
        advance(ctx.state, ms);
        return err(28, `Connection timed out after ${ms} milliseconds`);
      }
      const ms = 129_000 + randomInt(ctx.state, 0, 4_999);
      advance(ctx.state, ms);
      verbose(
        `* connect to ${ip} port ${url.port} from ${trace.source} port ${trace.hops[0]?.before.sport ?? 0} failed: Connection timed out\n`,
      );
      return err(28, `Failed to connect to ${url.host} port ${url.port} after ${ms} ms: Couldn't connect to server`);
    }
    default:
      break;
  }
  verbose(`* Connected to ${url.host} (${ip}) port ${url.port}\n`);
  const method = o.head ? 'HEAD' : (o.method ?? 'GET');
  let reply: Reply = serve(ctx, trace, { method, path: url.path, host: url.host, scheme: url.scheme });
  if (url.scheme === 'https') {
    if (reply.kind !== 'tls') return err(35, 'OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number');
    if (!o.insecure) {
      verbose(
        `* TLSv1.3 (OUT), TLS handshake, Client hello (1):\n* TLSv1.3 (IN), TLS handshake, Server hello (2):\n* TLSv1.3 (IN), TLS handshake, Certificate (11):\n* TLSv1.3 (OUT), TLS alert, unknown CA (560):\n* SSL certificate problem: unable to get local issuer certificate\n* Closing connection\n`,
      );
      const code = err(60, 'SSL certificate problem: unable to get local issuer certificate');
      if (!o.silent || o.showError)
        out.err(
          `More details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the webpage mentioned above.\n`,
        );
      return code;
    }
    reply = reply.reply;
  } else if (reply.kind === 'tls') {
    // Go's TLS server answering plain HTTP
    const body = 'Client sent an HTTP request to an HTTPS server.\n';
    reply = {
      kind: 'http',
      status: 400,
      reason: 'Bad Request',
      headers: [
        ['Content-Type', 'text/plain; charset=utf-8'],
        ['Connection', 'close'],
      ],
      body,
    };
  }
  verbose(
    `> ${method} ${url.path} HTTP/1.1\n> Host: ${url.host}${(url.scheme === 'http' && url.port === 80) || (url.scheme === 'https' && url.port === 443) ? '' : `:${url.port}`}\n> User-Agent: ${o.userAgent}\n> Accept: */*\n> \n`,
  );
  if (reply.kind === 'empty') return err(52, 'Empty reply from server');
  if (reply.kind === 'http09') return err(1, 'Received HTTP/0.9 when not allowed');
  if (reply.kind !== 'http') return err(52, 'Empty reply from server');
  verbose(`< ${statusLine(reply)}\n${reply.headers.map(([k, v]) => `< ${k}: ${v}\n`).join('')}< \n`);
  if (o.fail && reply.status >= 400) return err(22, `The requested URL returned error: ${reply.status}`);
  const headerText = `${statusLine(reply)}\n${reply.headers.map(([k, v]) => `${k}: ${v}\n`).join('')}\n`;
  const body = method === 'HEAD' ? '' : reply.body;
  const text = (o.include || o.head ? headerText : '') + body;
  if (o.output === '/dev/null') {
    /* discarded */
  } else if (o.output && o.output !== '-') writeFile(ctx, o.output, text);
  else out.out(text);
  verbose(`* Connection #0 to host ${url.host} left intact\n`);
  if (o.writeOut !== undefined) {
    out.out(
      o.writeOut.replace(/\\n/g, '\n').replace(
        /%\{(\w+)\}/g,
        (m, k: string) =>
          (
            ({
              http_code: String(reply.kind === 'http' ? reply.status : 0).padStart(3, '0'),
              response_code: String(reply.kind === 'http' ? reply.status : 0),
              remote_ip: ip,
              remote_port: String(url.port),
              time_total: '0.002145',
              size_download: String(body.length),
              url_effective: raw,
            }) as Record<string, string>
          )[k] ?? m,
      ),
    );
  }
  return 0;
}

export const curl: Command = (ctx, args) => {
  const o = parseCurl(args);
  if ('error' in o) return new Out().err(o.error + '\n').done(o.code);
  const out = new Out();
  if (!o.urls.length) return out.err(`curl: try 'curl --help' or 'curl --manual' for more information\n`).done(2);
  let code = 0;
  for (const u of o.urls) code = fetchOne(ctx, o, u, out) || code;
  return out.done(code);
};
