// Byte-level helpers for share links: base64url without padding, CRC-32, and deflate-raw through the
// platform's CompressionStream (Node 18+ and every current browser), with a hard cap on what inflating
// may produce so that a short hostile link cannot expand into gigabytes.

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** null when `text` is not canonical base64url (so a changed padding bit is caught, not ignored). */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  let bin: string;
  try {
    bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  } catch {
    return null;
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return toBase64Url(out) === text ? out : null;
}

let CRC_TABLE: Uint32Array | null = null;
/** CRC-32 (IEEE, as zip and PNG use): catches every burst of up to 32 changed bits. */
export function crc32(bytes: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

async function collect(
  readable: ReadableStream<Uint8Array>,
  cap: number,
): Promise<Uint8Array<ArrayBuffer> | 'too-large'> {
  const reader = readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      reader.cancel().catch(() => undefined);
      return 'too-large';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export async function deflateRaw(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const cs = new CompressionStream('deflate-raw');
  const writer = cs.writable.getWriter();
  writer.write(bytes).catch(() => undefined);
  writer.close().catch(() => undefined);
  const out = await collect(cs.readable, Number.MAX_SAFE_INTEGER);
  return out as Uint8Array<ArrayBuffer>;
}

/**
 * Inflate, feeding the input in small pieces and stopping as soon as the output passes `cap` bytes.
 * Rejects (with the platform's message) on a damaged or truncated stream.
 */
export async function inflateRaw(
  bytes: Uint8Array<ArrayBuffer>,
  cap: number,
): Promise<Uint8Array<ArrayBuffer> | 'too-large'> {
  const ds = new DecompressionStream('deflate-raw');
  const writer = ds.writable.getWriter();
  let stop = false;
  const feed = (async () => {
    for (let i = 0; i < bytes.length && !stop; i += 1024) await writer.write(bytes.subarray(i, i + 1024));
    if (!stop) await writer.close();
  })();
  feed.catch(() => undefined);
  try {
    const out = await collect(ds.readable, cap);
    if (out === 'too-large') {
      stop = true;
      writer.abort().catch(() => undefined);
    }
    return out;
  } catch (e) {
    stop = true;
    throw e;
  }
}
