// kube-proxy's chain names: the first 16 characters of base32(sha256(name)).
// SHA-256 and base32 are written here (not node:crypto / SubtleCrypto) so they run synchronously
// in Node and in the browser.

/**
 * SHA-256's round constants, worked out rather than written out (their 64 numbers do not compress, and
 * this file is in the first view): the first 32 bits of the fractional parts of the cube roots of the
 * first 64 primes (FIPS 180-4, 4.2.2). A cube root below 8 is good to 2^-50, far finer than the 32 bits
 * kept; hash.test.ts checks all 64 against the standard's table.
 */
export const K = new Uint32Array(64);
for (let n = 2, i = 0; i < 64; n++) {
  let d = 2;
  while (n % d) d++;
  if (d === n) K[i++] = (Math.cbrt(n) % 1) * 2 ** 32;
}

const W = new Uint32Array(64);
const H = new Uint32Array(8);

/** UTF-8 bytes of a string (no TextEncoder dependency). */
export function utf8(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** SHA-256 compression over `len` bytes of `buf` (already padded to a multiple of 64); result in H. */
function digestInto(buf: Uint8Array, len: number): void {
  let h0 = 0x6a09e667,
    h1 = 0xbb67ae85,
    h2 = 0x3c6ef372,
    h3 = 0xa54ff53a;
  let h4 = 0x510e527f,
    h5 = 0x9b05688c,
    h6 = 0x1f83d9ab,
    h7 = 0x5be0cd19;
  for (let off = 0; off < len; off += 64) {
    for (let i = 0; i < 16; i++) {
      const j = off + i * 4;
      W[i] = (buf[j] << 24) | (buf[j + 1] << 16) | (buf[j + 2] << 8) | buf[j + 3];
    }
    for (let i = 16; i < 64; i++) {
      const a = W[i - 15],
        b = W[i - 2];
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
    }
    let a = h0,
      b = h1,
      c = h2,
      d = h3,
      e = h4,
      f = h5,
      g = h6,
      h = h7;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + K[i] + W[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + h) | 0;
  }
  H[0] = h0;
  H[1] = h1;
  H[2] = h2;
  H[3] = h3;
  H[4] = h4;
  H[5] = h5;
  H[6] = h6;
  H[7] = h7;
}

/** Copy `msg` into a buffer with SHA-256 padding; returns [buffer, padded length]. */
function pad(msg: Uint8Array): [Uint8Array, number] {
  const len = ((msg.length + 9 + 63) >> 6) << 6;
  const buf = new Uint8Array(len);
  buf.set(msg);
  buf[msg.length] = 0x80;
  const bits = msg.length * 8;
  const hi = Math.floor(bits / 0x100000000);
  for (let i = 0; i < 4; i++) {
    buf[len - 8 + i] = (hi >>> (24 - 8 * i)) & 255;
    buf[len - 4 + i] = (bits >>> (24 - 8 * i)) & 255;
  }
  return [buf, len];
}

/** SHA-256 (FIPS 180-4) of bytes; returns the 32-byte digest. */
export function sha256(msg: Uint8Array): Uint8Array {
  const [buf, len] = pad(msg);
  digestInto(buf, len);
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = (H[i >> 2] >>> (24 - 8 * (i & 3))) & 255;
  return out;
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32, standard alphabet, with '=' padding (Go's base32.StdEncoding). */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let buf = 0;
  let bits = 0;
  for (const byte of bytes) {
    buf = (buf << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(buf >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buf &= (1 << bits) - 1;
  }
  if (bits > 0) out += B32[(buf << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

export const sha256Hex = (s: string): string =>
  Array.from(sha256(utf8(s)), (b) => b.toString(16).padStart(2, '0')).join('');

// Memo of computed hashes. Pure (same input, same output); bounded so a long session cannot grow it
// without limit. The same Service/endpoint names recur on every node and every sync.
const memo = new Map<string, string>();
const MEMO_MAX = 200_000;

const scratch = new Uint8Array(256);

/** The first 16 base32 characters of sha256(s): the first 80 bits of the digest. */
function computeHash16(s: string): string {
  let buf: Uint8Array;
  let len: number;
  // kube-proxy's names are ASCII: hash them in a reused buffer without allocating
  if (s.length <= 180 && /^[\p{ASCII}]*$/u.test(s)) {
    len = ((s.length + 9 + 63) >> 6) << 6;
    buf = scratch;
    buf.fill(0, 0, len);
    for (let i = 0; i < s.length; i++) buf[i] = s.charCodeAt(i);
    buf[s.length] = 0x80;
    const bits = s.length * 8;
    buf[len - 2] = bits >>> 8;
    buf[len - 1] = bits & 255;
  } else {
    [buf, len] = pad(utf8(s));
  }
  digestInto(buf, len);
  // 80 bits = H[0], H[1], top 16 bits of H[2]: 16 groups of 5 bits
  let out = '';
  const hi = H[0],
    mid = H[1],
    lo = H[2] >>> 16;
  for (let i = 0; i < 6; i++) out += B32[(hi >>> (27 - 5 * i)) & 31]; // bits 0-29
  out += B32[((hi & 3) << 3) | (mid >>> 29)]; // bits 30-34
  for (let i = 0; i < 5; i++) out += B32[(mid >>> (24 - 5 * i)) & 31]; // bits 35-59
  out += B32[((mid & 15) << 1) | (lo >>> 15)]; // bits 60-64
  for (let i = 0; i < 3; i++) out += B32[(lo >>> (10 - 5 * i)) & 31]; // bits 65-79
  return out;
}

function hash16(s: string): string {
  let h = memo.get(s);
  if (h === undefined) {
    h = computeHash16(s);
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(s, h);
  }
  return h;
}

/** Reference implementation of hash16 (full digest, full base32); for tests. */
export const hash16Slow = (s: string): string => base32(sha256(utf8(s))).slice(0, 16);

/**
 * kube-proxy's ServicePortName string: "<ns>/<name>", plus ":<portName>" when the port is named.
 */
export const servicePortNameString = (namespace: string, name: string, portName?: string): string =>
  portName ? `${namespace}/${name}:${portName}` : `${namespace}/${name}`;

/** portProtoHash: the 16-character hash shared by KUBE-SVC-, KUBE-SVL-, KUBE-EXT- and KUBE-FW-. */
export const portProtoHash = (spn: string, protocol: string): string => hash16(spn + protocol.toLowerCase());

export const servicePortChainName = (spn: string, protocol: string): string =>
  `KUBE-SVC-${portProtoHash(spn, protocol)}`;
export const servicePortLocalChainName = (spn: string, protocol: string): string =>
  `KUBE-SVL-${portProtoHash(spn, protocol)}`;
export const serviceExternalChainName = (spn: string, protocol: string): string =>
  `KUBE-EXT-${portProtoHash(spn, protocol)}`;
export const serviceFirewallChainName = (spn: string, protocol: string): string =>
  `KUBE-FW-${portProtoHash(spn, protocol)}`;

/** KUBE-SEP-: hashes spn + lower-case protocol + "ip:port". */
export const servicePortEndpointChainName = (spn: string, protocol: string, endpoint: string): string =>
  `KUBE-SEP-${hash16(spn + protocol.toLowerCase() + endpoint)}`;

/** For benchmarks: forget memoized hashes so the next compile computes them again. */
export function clearHashMemo(): void {
  memo.clear();
}

// nftables mode (pkg/proxy/nftables/proxier.go hashAndTruncate): the first 8 base32 characters of
// sha256(name), a hyphen, the name; cut to 240 characters (256 - the longest prefix) with "...".
const NFT_CHAIN_BASE_MAX = 240;
export function nftHashAndTruncate(name: string): string {
  let out = `${hash16(name).slice(0, 8)}-${name}`;
  if (out.length > NFT_CHAIN_BASE_MAX) out = out.slice(0, NFT_CHAIN_BASE_MAX - 3) + '...';
  return out;
}

/** servicePortChainNameBase: "HASH-namespace/name/protocol/portName". */
export const nftServicePortChainBase = (ns: string, name: string, protocol: string, portName: string): string =>
  nftHashAndTruncate(`${ns}/${name}/${protocol.toLowerCase()}/${portName}`);

/** servicePortEndpointChainNameBase: "HASH-namespace/name/protocol/portName__IP/port". */
export const nftEndpointChainBase = (
  ns: string,
  name: string,
  protocol: string,
  portName: string,
  ip: string,
  port: number,
): string =>
  nftHashAndTruncate(`${ns}/${name}/${protocol.toLowerCase()}/${portName}__${ip.replace(/:/g, '.')}/${port}`);
