// Small formatting helpers shared by the get and describe printers (apimachinery's labels and
// selector strings, kubectl's ages and RFC 1123 timestamps).
import type { Labels, LabelSelector, ObjectMeta } from '../../model/types';
import { humanDuration } from '../../time/clock';

/** Byte-wise string order, as Go's sort.Strings and etcd keys use. */
export const byteCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** labels.FormatLabels: sorted k=v joined by ",", or <none>. */
export function formatLabels(labels: Labels | undefined): string {
  const keys = Object.keys(labels ?? {}).sort(byteCompare);
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/**
 * metav1.LabelSelectorAsSelector(sel).String(): requirements sorted by key; "" for an empty or
 * missing selector. Values of In/NotIn are sorted.
 */
export function selectorString(sel: LabelSelector | undefined): string {
  if (!sel) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const r of sel.matchExpressions ?? []) {
    const vals = [...new Set(r.values ?? [])].sort(byteCompare).join(',');
    const text =
      r.operator === 'In'
        ? `${r.key} in (${vals})`
        : r.operator === 'NotIn'
          ? `${r.key} notin (${vals})`
          : r.operator === 'Exists'
            ? r.key
            : `!${r.key}`;
    reqs.push({ key: r.key, text });
  }
  return reqs
    .map((r, i) => ({ ...r, i }))
    .sort((a, b) => byteCompare(a.key, b.key) || a.i - b.i)
    .map((r) => r.text)
    .join(',');
}

/** metav1.FormatLabelSelector: like selectorString but <none> when empty. */
export function formatLabelSelector(sel: LabelSelector | undefined): string {
  return selectorString(sel) || '<none>';
}

/** kubectl's translateTimestampSince: the AGE of a virtual timestamp. */
export function age(now: number, at: number | undefined | null): string {
  if (at === undefined || at === null) return '<unknown>';
  return humanDuration(now - at);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** Go's zero time.Time formatted with RFC1123Z (what describe prints for an unset time). */
export const ZERO_TIME_RFC1123Z = 'Mon, 01 Jan 0001 00:00:00 +0000';

/** time.RFC1123Z ("Mon, 02 Jan 2006 15:04:05 -0700") in UTC, as describe prints timestamps. */
export function rfc1123z(epoch: number, at: number | undefined | null): string {
  if (at === undefined || at === null) return ZERO_TIME_RFC1123Z;
  const d = new Date(epoch + at);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** net.JoinHostPort: IPv6 literals get brackets. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** "Kind/name" of the controller owner reference, or "" (describe's "Controlled By"). */
export function controllerOf(meta: ObjectMeta): string {
  const ref = meta.ownerReferences?.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}
