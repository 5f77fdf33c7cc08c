// Short names for the field names a share link repeats most. Deflate only back-references a name after
// its first use, so on a small scenario this dictionary is most of the saving. The mapping is part of
// link format 1: never change or reuse an entry; add new ones at the end.
const PAIRS: [string, string][] = [
  ['objects', 'o'],
  ['settings', 'g'],
  ['lesson', 'q'],
  ['trace', 'x'],
  ['kind', 'k'],
  ['metadata', 'm'],
  ['name', 'n'],
  ['namespace', 'N'],
  ['labels', 'l'],
  ['annotations', 'a'],
  ['spec', 's'],
  ['selector', 'S'],
  ['matchLabels', 'L'],
  ['matchExpressions', 'X'],
  ['template', 'T'],
  ['containers', 'c'],
  ['image', 'i'],
  ['args', 'A'],
  ['command', 'C'],
  ['ports', 'p'],
  ['containerPort', 'P'],
  ['protocol', 'r'],
  ['port', 'o2'],
  ['targetPort', 't'],
  ['nodePort', 'np'],
  ['type', 'y'],
  ['replicas', 'R'],
  ['env', 'e'],
  ['value', 'v'],
  ['externalIPs', 'E'],
  ['externalName', 'en'],
  ['sessionAffinity', 'sa'],
  ['sessionAffinityConfig', 'sc'],
  ['clientIP', 'ci'],
  ['timeoutSeconds', 'ts'],
  ['externalTrafficPolicy', 'et'],
  ['internalTrafficPolicy', 'it'],
  ['clusterIP', 'I'],
  ['nodeName', 'nn'],
  ['hostname', 'h'],
  ['subdomain', 'sd'],
  ['dnsPolicy', 'dp'],
  ['enableServiceLinks', 'el'],
  ['restartPolicy', 'rp'],
  ['strategy', 'st'],
  ['publishNotReadyAddresses', 'pn'],
  ['loadBalancerIP', 'li'],
  ['loadBalancerSourceRanges', 'ls'],
  ['loadBalancerClass', 'lc'],
  ['allocateLoadBalancerNodePorts', 'al'],
  ['hostNetwork', 'hn'],
  ['imagePullPolicy', 'ip2'],
  ['resources', 'rs'],
  ['key', 'K'],
  ['operator', 'O'],
  ['values', 'vs'],
  ['nodes', 'nd'],
  ['role', 'ro'],
  ['seed', 'se'],
  ['cloudLoadBalancer', 'cl'],
  ['externalRoutes', 'er'],
  ['ip', 'ia'],
  ['node', 'no'],
  ['kubeProxy', 'kp'],
  ['minSyncPeriodMs', 'ms'],
  ['watchDelayMs', 'wd'],
  ['masqueradeAll', 'ma'],
  ['source', 'sr'],
  ['target', 'tg'],
  ['proto', 'pr'],
  ['step', 'sp'],
  ['rng', 'rn'],
  ['id', 'j'],
  ['apiVersion', 'V'],
  ['terminationGracePeriodSeconds', 'tg2'],
  ['pods', 'pd'],
  // format 2
  ['placed', 'pk'],
];

export const LONG_TO_SHORT = new Map(PAIRS);
export const SHORT_TO_LONG = new Map(PAIRS.map(([l, s]) => [s, l]));

/** Keys that would turn a plain object into something else when assigned. */
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// A literal key that looks like a short name (or starts with the escape) is written with a leading "~".
const ESC = '~';
const encodeKey = (k: string): string =>
  LONG_TO_SHORT.get(k) ?? (SHORT_TO_LONG.has(k) || k.startsWith(ESC) ? ESC + k : k);
const decodeKey = (k: string): string => (k.startsWith(ESC) ? k.slice(1) : (SHORT_TO_LONG.get(k) ?? k));

export const MAX_DEPTH = 40;

export class ShapeError extends Error {}

/** Rename every key (short ↔ long). Decoding builds fresh plain objects and refuses dangerous keys. */
export function renameKeys(v: unknown, dir: 'encode' | 'decode', depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new ShapeError('it is nested too deeply');
  if (Array.isArray(v)) return v.map((x) => renameKeys(x, dir, depth + 1));
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const key = dir === 'encode' ? encodeKey(k) : decodeKey(k);
    // "constructor" as a label key is harmless text; as a structural key it has no business here.
    if (key === '__proto__' || (FORBIDDEN_KEYS.has(key) && typeof x !== 'string'))
      throw new ShapeError(`it contains a field named "${key}", which the playground never writes`);
    Object.defineProperty(out, key, {
      value: renameKeys(x, dir, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
