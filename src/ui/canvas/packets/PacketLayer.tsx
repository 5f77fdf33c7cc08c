// The packet layer: a plain DOM overlay inside React Flow's viewport (so pan and zoom apply to it),
// animated with requestAnimationFrame and refs. Nothing here goes through React state per frame.
import { useEffect, useRef } from 'react';
import { ViewportPortal, useStoreApi, type InternalNode } from '@xyflow/react';
import { useStore } from '../../../store';
import { onFrame } from '../../../store/tick';
import { KUBE_PROXY_Y } from '../layout';
import { cardOf } from '../graph';
import { player, type Point } from './player';
import { createFlightEl, drawFlight, type FlightEl } from './draw';
import { paintFlight, prepare } from './paint';

function center(n: InternalNode, dy?: number): Point {
  const w = n.measured.width ?? n.width ?? 0;
  const h = n.measured.height ?? n.height ?? 0;
  return { x: n.internals.positionAbsolute.x + w / 2, y: n.internals.positionAbsolute.y + (dy ?? h / 2) };
}

const jitterOf = (id: number, focus: boolean): Point =>
  focus ? { x: 0, y: 0 } : { x: ((id * 37) % 41) - 20, y: ((id * 53) % 29) - 14 };

export function PacketLayer() {
  const container = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const flow = useStoreApi();

  useEffect(() => {
    const mq = window.matchMedia('(prefers-reduced-motion: reduce)');
    const apply = () => void (player.reducedMotion = mq.matches);
    apply();
    mq.addEventListener('change', apply);
    return () => mq.removeEventListener('change', apply);
  }, []);

  useEffect(() => {
    const els = new Map<number, FlightEl>();
    const anchor = (place: string): Point | null => {
      const n = flow.getState().nodeLookup.get(cardOf(place));
      if (!n || n.hidden) return null;
      return place.startsWith('node/') ? center(n, KUBE_PROXY_Y) : center(n);
    };
    let seen = useStore.getState().nextRequestId - 1;
    let stepSeq = useStore.getState().stepRequest.seq;
    const unsubStore = useStore.subscribe((s) => {
      if (s.stepRequest.seq !== stepSeq) {
        stepSeq = s.stepRequest.seq;
        player.step(s.stepRequest.delta);
      }
      if (!s.requests.length && player.flights.length) {
        for (const el of els.values()) el.root.remove();
        els.clear();
        player.flights = [];
      }
      const newest = s.nextRequestId - 1;
      if (newest <= seen) return;
      for (const r of s.requests) {
        if (r.id <= seen || !r.trace) continue;
        // a Pod hidden from the picture (a system Pod) or gone stands in for by its node
        const fallback: Record<string, string> = {};
        for (const h of r.trace.hops) {
          if (!h.place.startsWith('pod/')) continue;
          const pod = s.cluster.objects.pods[h.place.slice(4)];
          if (pod?.spec.nodeName) fallback[h.place] = `node/${pod.spec.nodeName}`;
        }
        player.add(r.id, r.trace, r.manual, fallback);
      }
      seen = newest;
    });
    let painted = true;
    const unsubFrame = onFrame((ms) => {
      for (const f of player.advance(ms)) {
        els.get(f.id)?.root.remove();
        els.delete(f.id);
      }
      const root = container.current;
      const cv = canvas.current;
      if (!root || !cv) return;
      // an empty canvas that is already clear stays as it is: clearing it anyway makes the browser
      // composite a full-size layer on every frame of an idle page
      if (!player.flights.length && !painted) return;
      painted = player.flights.length > 0;
      const ctx = prepare(cv);
      const n = String(player.flights.length);
      if (cv.dataset.inflight !== n) cv.dataset.inflight = n;
      const transform = flow.getState().transform;
      for (const f of player.flights) {
        const pos = player.position(f, anchor);
        if (!f.focus) {
          // background traffic is painted; a packet that lost focus gives up its element
          const old = els.get(f.id);
          if (old) {
            old.root.remove();
            els.delete(f.id);
          }
          if (ctx && pos) {
            const j = jitterOf(f.id, false);
            paintFlight(ctx, f, { x: pos.x + j.x, y: pos.y + j.y }, transform);
          }
          continue;
        }
        let el = els.get(f.id);
        if (!el) els.set(f.id, (el = createFlightEl(root, f)));
        drawFlight(el, f, pos, jitterOf(f.id, true));
      }
    });
    return () => {
      unsubStore();
      unsubFrame();
      for (const el of els.values()) el.root.remove();
    };
  }, [flow]);

  return (
    <>
      <canvas ref={canvas} className="traffic-layer" aria-hidden="true" data-testid="traffic-layer" />
      <ViewportPortal>
        <div ref={container} className="packet-layer" data-testid="packet-layer" aria-hidden="true" />
      </ViewportPortal>
    </>
  );
}
