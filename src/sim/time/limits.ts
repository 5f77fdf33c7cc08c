// How far the virtual clock may run.

/** Virtual time runs for at most 100 years (ms): every timestamp the cluster prints stays a real date. */
export const MAX_CLOCK_MS = 100 * 365 * 86_400_000;
/** The latest epoch a cluster may start at (ms since 1970), so epoch + clock stays before the year 10000 (RFC 3339's four digits). */
export const MAX_EPOCH_MS = 253_402_300_799_999 - MAX_CLOCK_MS;
