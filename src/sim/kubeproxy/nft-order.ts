// A set's or map's elements kept in the order nft lists them (see elementOrderKey), so that a partial
// sync that adds and deletes elements prints exactly what a full sync prints.
import type { NftElement } from '../model/nftables';
import { elementOrderKey } from './nft-print';

/** Position of `x` in a sorted array (or where it goes). */
export function lowerBound<T>(arr: readonly T[], less: (a: T) => boolean): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (less(arr[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A set's elements kept in nft's listing order, edited on a copy. */
export function setInsert(els: NftElement[], type: string, el: NftElement): void {
  const k = elementOrderKey(type, el.key);
  els.splice(
    lowerBound(els, (e) => elementOrderKey(type, e.key) < k),
    0,
    el,
  );
}
export function setRemove(els: NftElement[], type: string, key: readonly string[]): void {
  const k = elementOrderKey(type, key);
  const i = lowerBound(els, (e) => elementOrderKey(type, e.key) < k);
  if (i < els.length && elementOrderKey(type, els[i].key) === k) els.splice(i, 1);
}
