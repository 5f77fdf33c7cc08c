// Virtual time helpers. The clock is ClusterState.now (ms); nothing here reads the wall clock.

// (the clock's limits are in ./limits: the engine's step reads them without these printers)
export { MAX_CLOCK_MS, MAX_EPOCH_MS } from './limits';

/** RFC 3339 as the apiserver prints metav1.Time (second precision, Z). */
export function rfc3339(epoch: number, at: number): string {
  return new Date(epoch + at).toISOString().replace(/\.\d{3}Z$/, 'Z');
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
