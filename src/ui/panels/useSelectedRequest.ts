// The request the panels explain: the one in the hop inspector, unless one was sent by hand since.
// A request still on its way is not explained yet (the rules on its path would give its outcome away),
// unless the learner is inspecting one of the hops it has reached.
import type { RequestRecord, Store } from '../../store';
import { useStore } from '../../store';

export function selectedRequest(s: Store): RequestRecord | undefined {
  const a = s.inspected?.requestId ?? null;
  const b = s.focusedRequest;
  const id = a === null ? b : b === null ? a : Math.max(a, b);
  const r = id === null || id === undefined ? undefined : s.requests.find((x) => x.id === id);
  return r && (r.revealed || r.id === a) ? r : undefined;
}

export const useSelectedRequest = () => useStore(selectedRequest);
