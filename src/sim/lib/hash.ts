// FNV-1a (32 bit), the hash Go's hash/fnv.New32a computes; used wherever the playground derives a stable
// number from a name (pod-template-hash, made-up MAC addresses, ports and DNS ids).
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i) & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
