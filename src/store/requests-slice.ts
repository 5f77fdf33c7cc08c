// Requests: each is one engine trace (tracePacket mutates the seeded generator and conntrack, so it
// runs inside produce). Every request is recorded the same way, whoever made it (the Send form,
// continuous traffic, a console line, a lesson, a share link): the packet layer replays the records,
// the trace panel prints them, the counters count them once their packet has arrived.
import type { StateCreator } from 'zustand';
import { clone, type ShareTrace, type Trace } from '../sim';
import type { RequestOrigin, RequestRecord, RequestSpec, Store } from './types';
import { sourceLabel, toSource } from './targets';
import { summarize } from './describe';
import { tracer, tracerOrRetry } from './tracer-loader';

export interface RequestsSlice {
  spec: RequestSpec;
  requests: RequestRecord[];
  nextRequestId: number;
  /** delivered requests per Pod (ns/name), as the engine decided them (shown: see shownCounts) */
  counts: Record<string, number>;
  failed: number;
  /** predict before playback: the focused request waits at its sender for a guess */
  predict: boolean;
  traffic: { on: boolean; rate: number; nextAt: number };
  setSpec: (spec: RequestSpec) => void;
  send: () => void;
  setTraffic: (on: boolean, rate?: number) => void;
  resetCounts: () => void;
  /** the packet of request id arrived: its outcome may be shown (playback calls this) */
  revealRequest: (id: number) => void;
  /** several packets arrived in one frame */
  revealRequests: (ids: number[]) => void;
  /**
   * The packet of request id is about to play hop `next`: the engine says what happens to it in the
   * cluster as it is now (a Pod gone, rules resynced). Returns the request's trace from then on.
   */
  meetCluster: (id: number, next: number) => Trace | undefined;
  setPredict: (on: boolean) => void;
}

/** Records kept for replay, the request list and the trace panel. */
export const KEEP = 80;

/** "client", "node/NAME", "pod/NS/NAME" in words. */
export function placeLabel(place: string): string {
  if (place === 'client') return 'external client';
  const [kind, ...rest] = place.split('/');
  if (kind === 'pod') return `Pod ${rest[1]}`;
  return `${kind} ${rest.join('/')}`;
}

/** What a request became: a trace, or the reason it could not start. */
export interface Made {
  to: string;
  trace?: Trace;
  error?: string;
  dns?: string;
  replay?: ShareTrace;
  command?: string;
}

/** Count one outcome in (sign 1) or out (-1): delivered per Pod, or failed. */
function tally(s: Store, t: Trace | undefined, sign: 1 | -1) {
  if (t?.verdict === 'delivered' && t.pod) {
    const n = (s.counts[t.pod] ?? 0) + sign;
    if (n > 0) s.counts[t.pod] = n;
    else delete s.counts[t.pod];
  } else s.failed += sign;
}

/** Record one request. The only place a request enters the list. */
export function recordIn(s: Store, origin: RequestOrigin, from: string, made: Made): RequestRecord {
  const manual = origin !== 'traffic';
  const { trace, to } = made;
  const rec: RequestRecord = {
    id: s.nextRequestId++,
    at: s.cluster.now,
    manual,
    origin,
    from,
    to,
    ok: trace?.verdict === 'delivered',
    // a trace's outcome waits for its packet; a request that never started has nothing to wait for
    revealed: !trace,
    summary: trace ? summarize(from, to, trace) : `${from}: not sent: ${made.error}.`,
  };
  if (trace) rec.trace = trace;
  if (made.error !== undefined) rec.error = made.error;
  if (made.dns !== undefined) rec.dns = made.dns;
  if (made.replay !== undefined) rec.replay = made.replay;
  if (made.command !== undefined) rec.command = made.command;
  tally(s, trace, 1);
  s.requests.push(rec);
  if (s.requests.length > KEEP) s.requests.splice(0, s.requests.length - KEEP);
  if (manual) s.focusedRequest = rec.id;
  return rec;
}

/** A trace made elsewhere (the console's shell, a lesson, a share link), recorded as a request. */
export function recordTrace(
  s: Store,
  origin: RequestOrigin,
  trace: Trace,
  extra: Omit<Made, 'to' | 'trace'> = {},
): RequestRecord {
  // traces made on the store's draft may hold draft parts: a plain copy outlives the recipe
  const plain = clone(trace);
  return recordIn(s, origin, placeLabel(plain.from), { ...extra, to: plain.destination, trace: plain });
}

/**
 * The Send form's request (or continuous traffic's): resolved now, traced now. Only once the tracer is
 * in (its callers wait for it: tracerOrRetry).
 */
export function sendIn(s: Store, manual: boolean): RequestRecord {
  const t = tracer.loaded();
  if (!t) throw new Error('sendIn before the packet tracer loaded');
  const { source, target } = s.spec;
  const from = sourceLabel(source);
  const origin = manual ? 'send' : 'traffic';
  const src = toSource(s.cluster, source);
  const dst = t.resolveTarget(s.cluster, source, target);
  if (!src.ok || !dst.ok) {
    const error = !src.ok ? src.error : (dst as { error: string }).error;
    return recordIn(s, origin, from, { to: dst.ok ? dst.label : '', error });
  }
  // the generator's state before the trace, so a share link can send this request again the same way
  const replay = { source: { ...src.source }, target: { ip: dst.ip, port: dst.port }, rng: s.cluster.rng };
  const trace = t.tracePacket(s.cluster, src.source, { ip: dst.ip, port: dst.port });
  return recordIn(s, origin, from, { to: dst.label, dns: dst.dns, trace, replay });
}

export const createRequestsSlice: StateCreator<Store, [['zustand/immer', never]], [], RequestsSlice> = (set, get) => ({
  spec: {
    source: { kind: 'pod', namespace: 'default', name: 'busybox' },
    target: { kind: 'clusterIP', service: 'default/frontend-svc', port: 80 },
  },
  requests: [],
  nextRequestId: 1,
  counts: {},
  failed: 0,
  predict: false,
  traffic: { on: false, rate: 2, nextAt: 0 },
  setSpec: (spec) => set((s) => void (s.spec = spec)),
  send: () => tracerOrRetry(set, () => get().send()) && set((s) => void sendIn(s, true)),
  setTraffic: (on, rate) => {
    // On at once (the box shows the choice when it is clicked), but no packet goes before the packet
    // tracer is in: until then the clock waits (playback's tick), so traffic starts at the very instant
    // it was turned on however long the tracer took. A tracer that cannot be fetched turns it off again.
    if (on)
      tracerOrRetry(
        (recipe) =>
          set((s) => {
            recipe(s);
            s.traffic.on = false;
          }),
        () => {},
      );
    set((s) => {
      if (rate !== undefined) s.traffic.rate = Math.min(20, Math.max(0.5, rate));
      if (on && !s.traffic.on) s.traffic.nextAt = s.cluster.now;
      s.traffic.on = on;
    });
  },
  resetCounts: () =>
    set((s) => {
      s.counts = {};
      s.failed = 0;
      // what is still on its way counts when it arrives, from zero
      for (const r of s.requests) if (!r.revealed) r.revealed = true;
    }),
  revealRequest: (id) => get().revealRequests([id]),
  revealRequests: (ids) => {
    const want = new Set(ids);
    if (!get().requests.some((r) => want.has(r.id) && !r.revealed)) return;
    set((s) => {
      for (const x of s.requests) if (want.has(x.id) && !x.revealed) x.revealed = true;
    });
  },
  meetCluster: (id, next) => {
    const r = get().requests.find((x) => x.id === id);
    // every live request was traced with the tracer in (a send waits for it, a restored session is put
    // back once it is in: share-url.ts), so a packet on its way always meets the cluster
    const t = tracer.loaded();
    if (!r?.trace || r.revealed || !t) return r?.trace;
    // read-only first: most hops meet nothing new, and a store update per hop would re-render for nothing
    if (!t.mayMeetChange(get().cluster, r.trace, next)) return r.trace;
    set((s) => {
      const x = s.requests.find((y) => y.id === id);
      if (!x?.trace) return;
      const now = t.meetCluster(s.cluster, x.trace, next);
      if (!now) return;
      const plain = clone(now);
      tally(s, x.trace, -1);
      tally(s, plain, 1);
      x.trace = plain;
      x.ok = plain.verdict === 'delivered';
      x.summary = summarize(x.from, x.to, plain);
    });
    return get().requests.find((x) => x.id === id)?.trace;
  },
  setPredict: (on) => set((s) => void (s.predict = on)),
});

/**
 * Per request list, the delivered requests whose packet has not arrived yet, by Pod. Every Pod card reads
 * its count on every store update (ten a second and more with continuous traffic): one pass over the list
 * per list, not one per card. Only a frozen list (the store's state, never a draft) is remembered.
 */
const pendingByList = new WeakMap<readonly RequestRecord[], Map<string, number>>();

function pendingDelivered(requests: readonly RequestRecord[]): Map<string, number> {
  let m = pendingByList.get(requests);
  if (m) return m;
  m = new Map();
  for (const r of requests)
    if (!r.revealed && r.trace?.verdict === 'delivered' && r.trace.pod)
      m.set(r.trace.pod, (m.get(r.trace.pod) ?? 0) + 1);
  if (Object.isFrozen(requests)) pendingByList.set(requests, m);
  return m;
}

/** Delivered requests per Pod as shown: those whose packet has not arrived yet are not counted yet. */
export function shownCount(s: Store, pod: string): number {
  return Math.max(0, (s.counts[pod] ?? 0) - (pendingDelivered(s.requests).get(pod) ?? 0));
}

/** The delivered and failed totals as shown. */
export function shownTotals(s: Store): { delivered: number; failed: number } {
  let delivered = 0;
  for (const v of Object.values(s.counts)) delivered += v;
  let failed = s.failed;
  for (const r of s.requests)
    if (!r.revealed) {
      if (r.trace?.verdict === 'delivered' && r.trace.pod) delivered--;
      else failed--;
    }
  return { delivered: Math.max(0, delivered), failed: Math.max(0, failed) };
}
