// Where a Service's lines end and how they look: its endpoints (from its EndpointSlices) and whether
// each is ready.
import type { EndpointSlice } from '../../sim';

export type EndpointState = 'ready' | 'notready' | 'absent';

/** The EndpointSlices of each Service (`ns/name`), gathered once per picture. */
export function slicesByService(slices: Record<string, EndpointSlice>): Map<string, EndpointSlice[]> {
  const out = new Map<string, EndpointSlice[]>();
  for (const sl of Object.values(slices)) {
    const name = sl.metadata.labels?.['kubernetes.io/service-name'];
    if (name === undefined) continue;
    const k = `${sl.metadata.namespace}/${name}`;
    const list = out.get(k);
    if (list) list.push(sl);
    else out.set(k, [sl]);
  }
  return out;
}

/** A Service's endpoints (by its slices) and their readiness, by Pod name. */
export function endpointStates(slices: EndpointSlice[]): Map<string, EndpointState> {
  const out = new Map<string, EndpointState>();
  for (const sl of slices)
    for (const e of sl.endpoints) if (e.targetRef) out.set(e.targetRef.name, e.conditions.ready ? 'ready' : 'notready');
  return out;
}

/** A selector-less Service's endpoint addresses (hand-written or mirrored slices) and their readiness. */
export function manualAddresses(slices: EndpointSlice[]): Map<string, EndpointState> {
  const out = new Map<string, EndpointState>();
  for (const sl of slices)
    for (const e of sl.endpoints)
      for (const a of e.addresses) out.set(a, e.conditions.ready === false ? 'notready' : 'ready');
  return out;
}

const RANK: Record<EndpointState, number> = { ready: 2, notready: 1, absent: 0 };
/** Note `st` for a card: a card keeps the best state of the endpoints drawn in it (ready first). */
export function better(to: Map<string, EndpointState>, card: string, st: EndpointState): void {
  const was = to.get(card);
  if (was === undefined || RANK[st] > RANK[was]) to.set(card, st);
}
