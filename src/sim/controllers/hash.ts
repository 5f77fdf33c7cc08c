// pod-template-hash: FNV-1a (32 bit) of the template, printed in decimal with each digit mapped through
// "456789bcdf" (rand.SafeEncodeString), as pkg/controller's ComputeHash does. The bytes hashed here are
// our JSON of the template, not Go's struct dump, so values differ from a real cluster's but look alike.
import { fnv1a32 } from '../lib/hash';

const SAFE = '456789bcdf';
export function podTemplateHash(template: unknown, collisionCount = 0): string {
  const h = fnv1a32(JSON.stringify(template) + (collisionCount ? String(collisionCount) : ''));
  return String(h).replace(/\d/g, (d) => SAFE[Number(d)]);
}
