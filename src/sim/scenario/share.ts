// Share links: `#s=2.<data>`, where data is base64url(CRC-32 of the JSON ‖ deflate-raw(JSON)) and the
// JSON is the payload with short field names (share-keys.ts) and no apiVersion (the kind implies it).
// Format 2 is format 1 with the Pods' placements written compactly (`placed`, share-placed.ts); links
// of format 1 keep opening.
// Deflate was measured against lz-string and is much smaller (docs/share-sizes.json). Decoding never
// throws: every failure becomes a ShareError with a message for the person who opened the link.
import type { DecodeResult, ShareError, ShareErrorCode, SharePayload } from './share-types';
import { KINDS } from '../model/types';
import { crc32, deflateRaw, fromBase64Url, inflateRaw, toBase64Url } from './share-bytes';
import { renameKeys, ShapeError } from './share-keys';
import { Invalid, validatePayload } from './share-validate';
import { packPods, unpackPods } from './share-placed';

export type { DecodeResult, ShareError, ShareErrorCode, SharePayload, ShareSettings, ShareTrace } from './share-types';
export {
  shareFromState,
  scenarioFromShare,
  rebuildFromShare,
  settingsDiff,
  traceFromShare,
  type ShareBuild,
  type ShareOptions,
} from './share-state';

export const SHARE_VERSION = 2;
/** Longer fragments are refused before any decoding (our links are a few thousand characters). */
export const MAX_FRAGMENT = 64 * 1024;
/** What inflating may produce at most; past it, decoding stops at once. */
export const MAX_INFLATED = 1024 * 1024;

/** The JSON text a payload travels as (before compression). */
export function compactJson(payload: SharePayload): string {
  const objects = payload.objects.map((o) => {
    const { apiVersion, ...rest } = o;
    // apiVersion follows from kind for every kind a user can write; keep it only if it is unusual.
    return apiVersion === KINDS[o.kind as keyof typeof KINDS]?.apiVersion ? rest : o;
  });
  const body: Record<string, unknown> = { objects, settings: payload.settings };
  if (payload.lesson) body.lesson = payload.lesson;
  if (payload.trace) body.trace = payload.trace;
  if (payload.pods?.length) {
    // format 2: compact when it can be written so (always, for the placements the playground makes)
    const placed = packPods(payload.pods);
    if (placed) body.placed = placed;
    else body.pods = payload.pods;
  }
  return JSON.stringify(renameKeys(body, 'encode'));
}

/** The fragment for a payload, with its leading "#". */
export async function encodeShare(payload: SharePayload): Promise<string> {
  const json = new TextEncoder().encode(compactJson(payload));
  const packed = await deflateRaw(json);
  const c = crc32(json);
  const data = new Uint8Array(4 + packed.length);
  data.set([c >>> 24, (c >>> 16) & 0xff, (c >>> 8) & 0xff, c & 0xff]);
  data.set(packed, 4);
  return `#s=${SHARE_VERSION}.${toBase64Url(data)}`;
}

const MESSAGES: Partial<Record<ShareErrorCode, string>> = {
  malformed: 'This is not a playground link, or part of it is missing: there is no scenario in it.',
  truncated:
    'This link is incomplete: it was probably cut off when it was copied. Copy the whole link and open it again.',
  damaged:
    'This link is damaged: its contents do not match its checksum, so a character was probably changed or lost. Ask for the link again.',
};

const err = (code: ShareErrorCode, message?: string): { ok: false; error: ShareError } => ({
  ok: false,
  error: { code, message: message ?? MESSAGES[code] ?? 'This link could not be opened.' },
});

/** The `s=` value of a fragment ("#s=1.abc", "s=1.abc", "#lesson=x&s=1.abc" or a whole URL). */
function sValue(fragment: string): string | null {
  const hash = fragment.includes('#') ? fragment.slice(fragment.indexOf('#') + 1) : fragment;
  for (const part of hash.split('&')) if (part.startsWith('s=')) return part.slice(2);
  return null;
}

type VersionDecoder = (data: string) => Promise<DecodeResult>;

/** Format 1 and 2: the same container; format 2 may carry `placed` for `pods`. */
async function decodeFormat1or2(data: string, version: number): Promise<DecodeResult> {
  const bytes = fromBase64Url(data);
  if (!bytes) return /[^A-Za-z0-9_-]/.test(data) ? err('malformed') : err('truncated');
  if (bytes.length < 5) return err('truncated');
  let json: Uint8Array | 'too-large';
  try {
    json = await inflateRaw(bytes.subarray(4), MAX_INFLATED);
  } catch (e) {
    // zlib says "unexpected end of file", browsers "…truncated…"; anything else is corruption.
    return /end of|truncat/i.test(String((e as Error)?.message ?? e)) ? err('truncated') : err('damaged');
  }
  if (json === 'too-large')
    return err(
      'too-large',
      `This link expands to more than ${MAX_INFLATED / 1024 / 1024} MB, far more than any playground scenario needs, so it was not opened.`,
    );
  const want = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  if (crc32(json) !== want) return err('damaged');
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    return err('damaged');
  }
  let payload: SharePayload;
  try {
    const long = renameKeys(raw, 'decode') as Record<string, unknown>;
    if (version >= 2 && typeof long === 'object' && long !== null && 'placed' in long) {
      if ('pods' in long) throw new Invalid('it lists the Pods twice ("pods" and "placed")');
      const pods = unpackPods(long.placed);
      if (!pods) throw new Invalid('placed must be the placements of at most 5000 Pods, as the playground writes them');
      delete long.placed;
      long.pods = pods;
    }
    payload = validatePayload(long);
  } catch (e) {
    if (e instanceof ShapeError && /field named/.test(e.message))
      return err('forbidden', `This link was not opened: ${e.message}.`);
    if (e instanceof ShapeError || e instanceof Invalid)
      return err('invalid', `This link's scenario is not valid: ${e.message}.`);
    return err('damaged');
  }
  for (const o of payload.objects)
    if (o.apiVersion === undefined) o.apiVersion = KINDS[o.kind as keyof typeof KINDS].apiVersion;
  return { ok: true, payload, version };
}

/** Every link version ever written keeps a decoder here. */
const DECODERS: Record<number, VersionDecoder> = { 1: (d) => decodeFormat1or2(d, 1), 2: (d) => decodeFormat1or2(d, 2) };

/** Decode a share fragment. Never throws and never rejects. */
export async function decodeShare(fragment: string): Promise<DecodeResult> {
  try {
    if (typeof fragment !== 'string') return err('malformed');
    if (fragment.length > MAX_FRAGMENT)
      return err(
        'too-large',
        `This link is too long to be a playground link (${fragment.length.toLocaleString('en-US')} characters; at most ${MAX_FRAGMENT.toLocaleString('en-US')}), so it was not opened.`,
      );
    const s = sValue(fragment);
    if (s === null || s === '') return err('malformed');
    const m = /^(\d{1,6})\.(.*)$/s.exec(s);
    if (!m) return err('malformed');
    const version = Number(m[1]);
    const decode = DECODERS[version];
    if (!decode) {
      return err(
        'version',
        version > SHARE_VERSION
          ? `This link was made by a newer version of the playground (link format ${version}; this page reads format ${SHARE_VERSION}). Reload the page to get the latest version, then open the link again.`
          : `This link uses format ${version}, which no version of the playground ever wrote. It may have been edited by hand.`,
      );
    }
    if (m[2] === '') return err('truncated');
    return await decode(m[2]);
  } catch {
    return err('damaged');
  }
}
