// Link format 2's compact Pod placements. A link's `pods` (where each Pod was: ["ns/name", node, IP])
// is most of a large cluster's link: 201 Pods took 2,000 of its 3,300 compressed bytes. Written as
// `placed`, the same list, losslessly and in order, costs about a third of that:
//   [nodes, groups]: nodes in order of first use; each group a run of Pods whose names share a prefix
//   (up to the last "-" or "/": "default/frontend-7d9c8b6f4-"), as [prefix, suffix length, entries].
//   An entry is the name's suffix (that many characters), the node's index (one base-36 digit), then
//   the address: "=a.b.c.d;" for the node's first (or one outside the /24 of the node's last "="),
//   else its host number in that /24 (a Pod range): one base-36 digit below 36, "@" and two above.
// packPods returns null for what it cannot write that way (more than 36 nodes, odd names): the link
// then carries `pods` as format 1 did.
export type Placement = [string, string, string];
export type Placed = [string[], [string, number, string][]];

const B36 = '0123456789abcdefghijklmnopqrstuvwxyz';
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function ipNumber(ip: string): number | null {
  const m = IPV4.exec(ip);
  if (!m) return null;
  const o = m.slice(1).map(Number);
  if (o.some((x) => x > 255)) return null;
  return ((o[0] * 256 + o[1]) * 256 + o[2]) * 256 + o[3];
}

export function packPods(pods: Placement[]): Placed | null {
  const nodes: string[] = [];
  const groups: [string, number, string][] = [];
  const net = new Map<string, number>();
  for (const [key, node, ip] of pods) {
    const cut = Math.max(key.lastIndexOf('-'), key.lastIndexOf('/')) + 1;
    const prefix = key.slice(0, cut);
    const suffix = key.slice(cut);
    const n = ipNumber(ip);
    if (n === null || !suffix) return null;
    let ni = nodes.indexOf(node);
    if (ni < 0) ni = nodes.push(node) - 1;
    if (ni >= B36.length) return null;
    const base = net.get(node);
    let addr: string;
    if (base === undefined || n - base < 0 || n - base > 255) {
      addr = `=${ip};`;
      net.set(node, n - (n % 256));
    } else {
      const h = n - base;
      addr = h < 36 ? B36[h] : `@${B36[Math.floor(h / 36)]}${B36[h % 36]}`;
    }
    const entry = suffix + B36[ni] + addr;
    const g = groups.at(-1);
    if (g && g[0] === prefix && g[1] === suffix.length) g[2] += entry;
    else groups.push([prefix, suffix.length, entry]);
  }
  const packed: Placed = [nodes, groups];
  // lossless or not at all
  const back = unpackPods(packed);
  return back && back.length === pods.length && back.every((p, i) => p.every((x, j) => x === pods[i][j]))
    ? packed
    : null;
}

const ipText = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/** The placements `placed` stands for, or null when it is not a list packPods could have written. */
export function unpackPods(placed: unknown, max = 5000): Placement[] | null {
  if (!Array.isArray(placed) || placed.length !== 2) return null;
  const [nodes, groups] = placed as unknown[];
  if (!Array.isArray(nodes) || !nodes.every((x) => typeof x === 'string') || !Array.isArray(groups)) return null;
  const out: Placement[] = [];
  const net = new Map<string, number>();
  for (const g of groups) {
    if (!Array.isArray(g) || g.length !== 3) return null;
    const [prefix, len, text] = g as unknown[];
    if (typeof prefix !== 'string' || typeof text !== 'string' || !Number.isSafeInteger(len)) return null;
    const size = len as number;
    if (size < 1 || size > 253) return null;
    let i = 0;
    while (i < text.length) {
      if (out.length >= max) return null;
      const suffix = text.slice(i, i + size);
      const ni = B36.indexOf(text[i + size] ?? '');
      if (suffix.length !== size || ni < 0 || ni >= nodes.length) return null;
      const node = nodes[ni] as string;
      i += size + 1;
      const base = net.get(node);
      let n: number | null;
      if (text[i] === '=') {
        const end = text.indexOf(';', i);
        if (end < 0) return null;
        n = ipNumber(text.slice(i + 1, end));
        if (n !== null) net.set(node, n - (n % 256));
        i = end + 1;
      } else if (base === undefined) return null;
      else if (text[i] === '@') {
        const hi = B36.indexOf(text[i + 1] ?? '');
        const lo = B36.indexOf(text[i + 2] ?? '');
        if (hi < 0 || lo < 0 || hi * 36 + lo > 255) return null;
        n = base + hi * 36 + lo;
        i += 3;
      } else {
        const h = B36.indexOf(text[i] ?? '');
        if (h < 0) return null;
        n = base + h;
        i += 1;
      }
      if (n === null) return null;
      out.push([prefix + suffix, node, ipText(n)]);
    }
  }
  return out;
}
