// Go's net.ParseIP as the apiserver's validation and defaulting use it (netutils.ParseIPSloppy: leading
// zeros allowed). Apart from names.ts so that the first view's defaulting does not bring the name checks.
export type IPFamily = 'IPv4' | 'IPv6';
export interface ParsedIP {
  family: IPFamily;
  bytes: number[];
}

export function parseIPSloppy(s: string): ParsedIP | null {
  const v4 = parseV4(s);
  if (v4) return { family: 'IPv4', bytes: v4 };
  if (!s.includes(':')) return null;
  const v6 = parseV6(s);
  if (!v6) return null;
  // An IPv4-mapped IPv6 address is an IPv4 address to Go.
  const mapped = v6.slice(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff;
  return mapped ? { family: 'IPv4', bytes: v6.slice(12) } : { family: 'IPv6', bytes: v6 };
}

function parseV4(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

function parseV6(s: string): number[] | null {
  let str = s;
  let tail: number[] = [];
  const lastColon = str.lastIndexOf(':');
  if (str.slice(lastColon + 1).includes('.')) {
    const v4 = parseV4(str.slice(lastColon + 1));
    if (!v4) return null;
    tail = v4;
    str = str.slice(0, lastColon + 1) + '0:0';
  }
  const halves = str.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  const total = head.length + rest.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return null;
  const words = [...head, ...Array<string>(8 - total).fill('0'), ...rest];
  const bytes: number[] = [];
  for (const w of words) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(w)) return null;
    const n = parseInt(w, 16);
    bytes.push(n >> 8, n & 255);
  }
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}
