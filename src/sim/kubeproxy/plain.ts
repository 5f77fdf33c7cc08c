// Reading a (possibly immer-draft) cluster without drafting it: kube-proxy reads every Service and slice.
import { current, isDraft } from 'immer';

/** Read a (possibly immer-draft) value as plain data without drafting its children. */
export function plain<T>(x: T): T {
  return isDraft(x) ? (current(x as never) as T) : x;
}
