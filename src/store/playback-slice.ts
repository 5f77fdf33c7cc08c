// Playback: the virtual clock runs at wall time × speed while playing. A tick advances the engine and
// fires what is due on the way (continuous traffic, chaos) at its own virtual instant.
import { clockHeld } from './busy';
import type { StateCreator } from 'zustand';
import { advance, nextWake, random, reconcile, reconcileInputs } from '../sim';
import type { Store } from './types';
import { killPodIn } from './cluster-slice';
import { sendIn } from './requests-slice';
import { keepUnchanged } from './keep-unchanged';
import { tracerOrRetry } from './tracer-loader';
import { isLarge, offload } from './large';

export interface PlaybackSlice {
  playing: boolean;
  speed: number;
  chaos: { on: boolean; everyMs: number; nextAt: number };
  play: () => void;
  pause: () => void;
  setSpeed: (speed: number) => void;
  setChaos: (on: boolean) => void;
  /** advance virtual time by ms (the tick loop calls this; never part of history) */
  tick: (ms: number) => void;
}

/** Pods chaos may kill: ones a ReplicaSet will replace, outside the system namespaces. */
function chaosVictims(s: Store): { namespace: string; name: string }[] {
  return Object.values(s.cluster.objects.pods)
    .filter((p) => !p.metadata.namespace?.startsWith('kube-') && p.metadata.deletionTimestamp === undefined)
    .filter((p) => p.metadata.ownerReferences?.some((o) => o.kind === 'ReplicaSet'))
    .map((p) => ({ namespace: p.metadata.namespace!, name: p.metadata.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function chaosStrike(s: Store) {
  const victims = chaosVictims(s);
  if (!victims.length) return;
  // the engine's seeded generator, so a replay kills the same Pods
  const v = victims[Math.floor(random(s.cluster) * victims.length)];
  killPodIn(s, v.namespace, v.name);
}

/**
 * Bring the cluster to virtual time t. When nothing in the engine falls due before t, advancing is
 * only the clock moving (advance would reconcile an unchanged cluster), so skip the reconcile: it is
 * what makes continuous traffic at 4× cheap enough to animate smoothly.
 */
function moveTo(s: Store, t: number, known: Wake) {
  const w = known.at !== undefined ? known.at : nextWake(s.cluster);
  if (w === null || w > t) s.cluster.now = t;
  else {
    advance(s.cluster, t - s.cluster.now);
    known.at = undefined;
  }
}

/**
 * The cluster's next wake, read from the plain state before the tick's draft: through immer's proxies
 * it is a scan over every Pod per request sent. Valid until the tick changes what wakes depend on
 * (Pods, runtimes, kube-proxies, the cloud): advancing or a chaos kill forget it (undefined); sending a
 * request only touches conntrack and the generator.
 */
interface Wake {
  at: number | null | undefined;
}

/**
 * Clusters handed over already settled (the engine Worker settles the cluster of a link it opens): the
 * first tick need not reconcile them again on a copy (a second of main thread for thousands of objects).
 */
const SETTLED = new WeakSet<Store['cluster']>();
export const markSettled = (c: Store['cluster']) => void SETTLED.add(c);

/** The next wake of a cluster the engine Worker ticked, as it worked it out (a scan of 10,000 Pods spared). */
const WAKES = new WeakMap<Store['cluster'], number | null>();

export const createPlaybackSlice: StateCreator<Store, [['zustand/immer', never]], [], PlaybackSlice> = (set, get) => {
  // A tick leaves the cluster reconciled at its instant. When no command changed what the engine says
  // its controllers read (reconcileInputs; immer keeps untouched parts identical), reconciling again
  // is a pass over every object through immer's proxies for nothing: most of a frame on a 200-Pod cluster.
  let reconciled: unknown[] = [];
  const unchanged = (c: Store['cluster']) => SETTLED.has(c) || reconcileInputs(c).every((v, i) => v === reconciled[i]);
  return {
    playing: true,
    speed: 1,
    chaos: { on: false, everyMs: 8000, nextAt: 0 },
    play: () => set((s) => void (s.playing = true)),
    pause: () => set((s) => void (s.playing = false)),
    setSpeed: (speed) => set((s) => void (s.speed = Math.min(4, Math.max(0.25, speed)))),
    setChaos: (on) =>
      set((s) => {
        s.chaos.on = on;
        s.chaos.nextAt = s.cluster.now + 2000;
      }),
    tick: (ms) => {
      // the engine Worker is applying a change to a copy of the cluster: time waits for it
      if (clockHeld()) return;
      // continuous traffic sends through the tracer: the clock waits for it rather than skip a request
      // (traffic turned on before the tracer is in starts at that instant, once it is: setTraffic)
      if (get().traffic.on && !tracerOrRetry(set, () => {})) return;
      const before = get().cluster;
      const fresh = unchanged(before);
      const wake: Wake = { at: fresh ? (WAKES.has(before) ? WAKES.get(before)! : nextWake(before)) : undefined };
      let struck = false;
      // A tick that will reconcile runs the engine on a plain copy of the cluster: through immer's
      // proxies 600 Pods cost seconds per tick, on plain objects a small fraction of that. Unchanged
      // parts are handed back as they were (keepUnchanged), so identity checks still hold. A tick that
      // only moves the clock (or sends requests, which only touch conntrack) stays on the draft: copying would cost more than it saves.
      const st = get();
      const target0 = before.now + ms;
      const due = (on: boolean, at: number) => on && at <= target0;
      const heavy =
        !fresh ||
        (wake.at !== null && wake.at !== undefined && wake.at <= target0) ||
        due(st.chaos.on, st.chaos.nextAt);
      // A large cluster's controllers run in the engine Worker (offload.ts tickInWorker), up to the next
      // request or chaos strike due: those the page sends itself at their instant, on the tick after.
      let span = ms;
      if (heavy && typeof Worker !== 'undefined' && isLarge(before)) {
        const m = offload.loaded();
        // (its code still loading: the clock waits for it, unless it could not be fetched)
        if (!m) {
          const loading = offload.error() === null;
          void offload.load().catch(() => {});
          if (loading) return;
        }
        const next = Math.min(st.traffic.on ? st.traffic.nextAt : Infinity, st.chaos.on ? st.chaos.nextAt : Infinity);
        if (m && (!fresh || next > before.now)) {
          const job = m.tickInWorker(
            before,
            Math.min(target0, Math.max(before.now, next)),
            !fresh,
            () => get().cluster,
            (after, wakeAt) => {
              set((s) => void (s.cluster = after));
              reconciled = reconcileInputs(after);
              WAKES.set(after, wakeAt);
            },
          );
          if (job) return;
        }
        // what is due now is sent (or struck) here, on the cluster as it is; the clock moves next tick
        if (m && next <= before.now) span = 0;
      }
      const work = heavy && span > 0 ? structuredClone(before) : null;
      set((s) => {
        if (work) s.cluster = work;
        const target = s.cluster.now + span;
        // controllers react to the user's last command before anything else happens
        if (!fresh) reconcile(s.cluster);
        for (let guard = 0; guard < 1000; guard++) {
          const due: number[] = [];
          if (s.traffic.on) due.push(s.traffic.nextAt);
          if (s.chaos.on) due.push(s.chaos.nextAt);
          const next = Math.min(...due);
          if (!due.length || next > target) break;
          if (next > s.cluster.now) moveTo(s, next, wake);
          if (s.traffic.on && s.traffic.nextAt <= s.cluster.now) {
            sendIn(s, false);
            s.traffic.nextAt += 1000 / s.traffic.rate;
          }
          if (s.chaos.on && s.chaos.nextAt <= s.cluster.now) {
            chaosStrike(s);
            struck = true;
            wake.at = undefined;
            s.chaos.nextAt += s.chaos.everyMs;
          }
        }
        if (target > s.cluster.now) moveTo(s, target, wake);
        if (work) s.cluster = keepUnchanged(before, work);
      });
      // a chaos kill is a command like a user's: the next tick's controllers react to it
      reconciled = struck ? [] : reconcileInputs(get().cluster);
      // the clock only moved (requests sent touch conntrack, not what wakes the engine): the wake holds
      if (fresh && wake.at !== undefined) WAKES.set(get().cluster, wake.at);
    },
  };
};
