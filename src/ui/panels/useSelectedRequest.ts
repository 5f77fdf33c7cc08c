// The request the panels explain: the one in the hop inspector, unless one was sent by hand since.
import type { RequestRecord, Store } from '../../store';
import { useStore } from '../../store';

export function selectedRequest(s: Store): RequestRecord | undefined {
  const a = s.inspected?.requestId ?? null;
  const b = s.focusedRequest;
  const id = a === null ? b : b === null ? a : Math.max(a, b);
  return id === null || id === undefined ? undefined : s.requests.find((r) => r.id === id);
}

export const useSelectedRequest = () => useStore(selectedRequest);
