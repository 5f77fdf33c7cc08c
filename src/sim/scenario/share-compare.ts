// The codec comparison the share format was chosen by: lz-string's link for the same payload
// (deflate-raw won; docs/share-sizes.json). Kept out of share.ts so the app does not ship lz-string.
import LZString from 'lz-string';
import { compactJson, SHARE_VERSION, type SharePayload } from './share';

export function lzStringFragment(payload: SharePayload): string {
  return `#s=${SHARE_VERSION}.${LZString.compressToEncodedURIComponent(compactJson(payload))}`;
}
