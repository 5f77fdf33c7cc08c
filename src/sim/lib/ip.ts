// IPv4 arithmetic on numbers; CIDR helpers. The simulator is single-stack IPv4.

export function ipToInt(ip: string): number {
  const p = ip.split('.');
  if (p.length !== 4) return NaN;
  let n = 0;
  for (const x of p) {
    if (!/^\d{1,3}$/.test(x)) return NaN;
    const v = Number(x);
    if (v > 255) return NaN;
    n = n * 256 + v;
  }
  return n;
}

export function intToIp(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function isIPv4(s: string): boolean {
  return (
    !Number.isNaN(ipToInt(s)) && /^(\d{1,3}\.){3}\d{1,3}$/.test(s) && s.split('.').every((x) => String(Number(x)) === x)
  );
}

/**
 * An IPv4 address as Go's netutils.ParseIPSloppy(s).String() gives it: octets with leading zeros
 * ("010.096.000.010") and the IPv4-mapped IPv6 form ("::ffff:10.96.0.10") become "10.96.0.10";
 * null when it is no IPv4 address.
 */
export function canonicalIPv4(s: string): string | null {
  const v4 = s.toLowerCase().startsWith('::ffff:') ? s.slice(7) : s;
  if (!/^(\d{1,3}\.){3}\d{1,3}$/.test(v4)) return null;
  const parts = v4.split('.').map(Number);
  return parts.every((n) => n <= 255) ? parts.join('.') : null;
}

export interface Cidr {
  base: number;
  bits: number;
  size: number;
}

export function parseCidr(cidr: string): Cidr {
  const [ip = '', b] = cidr.split('/');
  const bits = b === undefined ? 32 : Number(b);
  const size = 2 ** (32 - bits);
  const base = Math.floor(ipToInt(ip) / size) * size;
  return { base, bits, size };
}

export function cidrContains(cidr: string | Cidr, ip: string): boolean {
  const c = typeof cidr === 'string' ? parseCidr(cidr) : cidr;
  const n = ipToInt(ip);
  return n >= c.base && n < c.base + c.size;
}

/** The n-th /24 inside a larger subnet (flannel gives each node one). */
export function subnet24(parent: string, index: number): string {
  const c = parseCidr(parent);
  return `${intToIp(c.base + index * 256)}/24`;
}

export function hostInCidr(cidr: string, host: number): string {
  return intToIp(parseCidr(cidr).base + host);
}
