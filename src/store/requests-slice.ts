// Requests: each is one engine trace (tracePacket mutates the seeded generator and conntrack, so it
// runs inside produce). The packet layer replays the records; the trace panel prints them.
import type { StateCreator } from 'zustand';
import { tracePacket } from '../sim';
import type { RequestRecord, RequestsSlice, Store } from './types';
import { resolveTarget, sourceLabel, toSource } from './targets';
import { summarize } from './describe';

/** Records kept for replay and the trace panel; older ones have finished animating long ago. */
const KEEP = 80;

export function sendIn(s: Store, manual: boolean): RequestRecord {
  const { source, target } = s.spec;
  const from = sourceLabel(source);
  const id = s.nextRequestId++;
  const base = { id, at: s.cluster.now, manual, from };
  let rec: RequestRecord;
  const src = toSource(s.cluster, source);
  const dst = resolveTarget(s.cluster, source, target);
  if (!src.ok || !dst.ok) {
    const error = !src.ok ? src.error : (dst as { error: string }).error;
    rec = { ...base, to: dst.ok ? dst.label : '', error, ok: false, summary: `${from}: not sent: ${error}.` };
    s.failed++;
  } else {
    // the generator's state before the trace, so a share link can send this request again the same way
    const replay = { source: { ...src.source }, target: { ip: dst.ip, port: dst.port }, rng: s.cluster.rng };
    const trace = tracePacket(s.cluster, src.source, { ip: dst.ip, port: dst.port });
    const ok = trace.verdict === 'delivered';
    rec = { ...base, to: dst.label, dns: dst.dns, trace, replay, ok, summary: summarize(from, dst.label, trace) };
    if (ok && trace.pod) s.counts[trace.pod] = (s.counts[trace.pod] ?? 0) + 1;
    else if (!ok) s.failed++;
  }
  s.requests.push(rec);
  if (s.requests.length > KEEP) s.requests.splice(0, s.requests.length - KEEP);
  if (manual) s.focusedRequest = id;
  return rec;
}

export const createRequestsSlice: StateCreator<Store, [['zustand/immer', never]], [], RequestsSlice> = (set) => ({
  spec: {
    source: { kind: 'pod', namespace: 'default', name: 'busybox' },
    target: { kind: 'clusterIP', service: 'default/frontend-svc', port: 80 },
  },
  requests: [],
  nextRequestId: 1,
  counts: {},
  failed: 0,
  traffic: { on: false, rate: 2, nextAt: 0 },
  setSpec: (spec) => set((s) => void (s.spec = spec)),
  send: () => set((s) => void sendIn(s, true)),
  setTraffic: (on, rate) =>
    set((s) => {
      if (rate !== undefined) s.traffic.rate = Math.min(20, Math.max(0.5, rate));
      if (on && !s.traffic.on) s.traffic.nextAt = s.cluster.now;
      s.traffic.on = on;
    }),
  resetCounts: () =>
    set((s) => {
      s.counts = {};
      s.failed = 0;
    }),
});
