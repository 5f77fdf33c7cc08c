// A seeded generator (mulberry32) whose whole state is one uint32 kept in ClusterState,
// so the same scenario and seed replay the same choices.

export function seedState(seed: number): number {
  return (seed >>> 0) ^ 0x9e3779b9;
}

/** Next float in [0, 1); advances state.rng. */
export function random(s: { rng: number }): number {
  let t = (s.rng = (s.rng + 0x6d2b79f5) >>> 0);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Integer in [lo, hi] inclusive. */
export function randomInt(s: { rng: number }, lo: number, hi: number): number {
  return lo + Math.floor(random(s) * (hi - lo + 1));
}

// k8s.io/apimachinery/pkg/util/rand: the alphabet generateName suffixes use (no vowels, no 0/1/3).
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';
export function randomSuffix(s: { rng: number }, n = 5): string {
  let out = '';
  for (let i = 0; i < n; i++) out += ALPHANUMS[Math.floor(random(s) * ALPHANUMS.length)];
  return out;
}
