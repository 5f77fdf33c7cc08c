// The app's one playback: started beside the tick loop, it turns every recorded request into a flight
// and advances the flights with the frame clock. The TopBar, the keyboard, the packet layer, the trace
// panel and the request list call it directly.
import type { AppStore } from '../../store';
import { onFrame } from '../../store/tick';
import { Playback } from './playback';

export type { Flight, Point } from './playback';

let store: AppStore | null = null;

// arrivals are revealed together, once per frame: with continuous traffic many packets land at once,
// and each store update re-runs every selector
let arrived: number[] = [];
function flush() {
  const ids = arrived;
  arrived = [];
  if (ids.length) store?.getState().revealRequests(ids);
}

function revealNow(ids: number[]) {
  if (!ids.length) return;
  if (!arrived.length) queueMicrotask(flush);
  arrived.push(...ids);
}

// Background traffic's outcomes (counters, the request list) wait for the next frame that advances
// the engine (about 100 ms; at once when paused): the page then changes in one commit per tick instead
// of in nearly every frame, and every DOM change costs a layout and repaint of the whole canvas (the
// large cluster's frame rate at 4× CPU throttling). The focused packet is revealed as it arrives.
let later: number[] = [];
function revealLater() {
  const ids = later;
  later = [];
  // at once, not in a microtask: beside the tick's own store update, before React renders, so the
  // frame renders and commits once
  store?.getState().revealRequests(ids);
}

export const playback = new Playback({
  // a packet whose outcome is only waiting to be shown has arrived: what comes after meets nothing new
  meet: (id, next) => (later.includes(id) ? undefined : store?.getState().meetCluster(id, next)),
  reveal: (id) => {
    const focus = playback.flights.some((f) => f.id === id && f.focus);
    if (!focus && store?.getState().playing) later.push(id);
    else revealNow([id]);
  },
  pause: () => store?.getState().pause(),
});

/** Pods hidden from the picture (system Pods) or gone stand in for by their node. */
function fallbackOf(s: ReturnType<AppStore['getState']>, hops: { place: string }[]): Record<string, string> {
  const fallback: Record<string, string> = {};
  for (const h of hops) {
    if (!h.place.startsWith('pod/')) continue;
    const pod = s.cluster.objects.pods[h.place.slice(4)];
    if (pod?.spec.nodeName) fallback[h.place] = `node/${pod.spec.nodeName}`;
  }
  return fallback;
}

/** Replay request id from its start (the request list's "replay"); it takes the trace panel. */
export function replayRequest(id: number) {
  if (!store) return;
  const s = store.getState();
  const r = s.requests.find((x) => x.id === id);
  if (!r?.trace) return;
  s.focusRequest(id);
  playback.replay(id, r.trace, fallbackOf(s, r.trace.hops));
}

export function startPlayback(app: AppStore): () => void {
  store = app;
  const mq = typeof window !== 'undefined' ? window.matchMedia?.('(prefers-reduced-motion: reduce)') : undefined;
  const applyMotion = () => void (playback.reducedMotion = !!mq?.matches);
  applyMotion();
  mq?.addEventListener('change', applyMotion);
  // what was recorded before playback started (a restored session) has nothing left to animate
  let seen = app.getState().nextRequestId - 1;
  app.getState().revealRequests(
    app
      .getState()
      .requests.filter((r) => !r.revealed)
      .map((r) => r.id),
  );
  const unsub = app.subscribe((s, prev) => {
    if (s.requests !== prev.requests && !s.requests.length && playback.flights.length) playback.clear();
    const newest = s.nextRequestId - 1;
    if (newest <= seen) return;
    for (const r of s.requests) {
      if (r.id <= seen || !r.trace) continue;
      const hold = s.predict && r.manual && (r.origin === 'send' || r.origin === 'console');
      playback.add(r.id, r.trace, { focus: r.manual, live: true, hold, fallback: fallbackOf(s, r.trace.hops) });
    }
    seen = newest;
  });
  const unFrame = onFrame((ms, ticked) => {
    playback.advance(ms);
    if (later.length && (ticked || !app.getState().playing)) revealLater();
  });
  return () => {
    unsub();
    unFrame();
    later = [];
    mq?.removeEventListener('change', applyMotion);
    store = null;
  };
}
