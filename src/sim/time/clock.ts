// Virtual time helpers. The clock is ClusterState.now (ms); nothing here reads the wall clock.

/** Virtual time runs for at most 100 years (ms): every timestamp the cluster prints stays a real date. */
export const MAX_CLOCK_MS = 100 * 365 * 86_400_000;
/** The latest epoch a cluster may start at (ms since 1970), so epoch + clock stays before the year 10000 (RFC 3339's four digits). */
export const MAX_EPOCH_MS = 253_402_300_799_999 - MAX_CLOCK_MS;

/** RFC 3339 as the apiserver prints metav1.Time (second precision, Z). */
export function rfc3339(epoch: number, at: number): string {
  return new Date(epoch + at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** ctime(3) text as iptables-save prints it: "Thu Nov 26 03:33:43 2026". */
export function ctime(epoch: number, at: number): string {
  const d = new Date(epoch + at);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p2 = (n: number) => String(n).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, ' ');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${day} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/**
 * kubectl's AGE (apimachinery duration.HumanDuration): 45s, 119s, 2m, 5m12s, 179m, 3h5m, 47h, 2d4h, 729d, 2y5d.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    return dy === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}
