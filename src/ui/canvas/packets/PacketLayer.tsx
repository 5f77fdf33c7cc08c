// The packet layer: draws what playback plays. A plain DOM overlay inside React Flow's viewport for
// the focused packet (so pan and zoom apply to it) and one <canvas> for background traffic and the
// trail, redrawn with requestAnimationFrame and refs. Nothing here goes through React state per frame.
// Places are found through React Flow's node internals (whatever the layout put where), never through
// layout constants.
import { useEffect, useRef } from 'react';
import { ViewportPortal, useStoreApi, type InternalNode } from '@xyflow/react';
import { useStore } from '../../../store';
import { onFrame } from '../../../store/tick';
import { playback, type Point } from '../../playback';
import { createFlightEl, drawFlight, type FlightEl } from './draw';
import { paintFlight, paintTrail, prepare } from './paint';
import './packets.css';

const TRAIL = 10;

function center(n: InternalNode): Point {
  const w = n.measured.width ?? n.width ?? 0;
  const h = n.measured.height ?? n.height ?? 0;
  return { x: n.internals.positionAbsolute.x + w / 2, y: n.internals.positionAbsolute.y + h / 2 };
}

const jitterOf = (id: number): Point => ({ x: ((id * 37) % 41) - 20, y: ((id * 53) % 29) - 14 });

/**
 * Where a node's packets pass: its kube-proxy line when the card shows one (measured in the DOM once
 * per size of the node), else its centre.
 */
function useAnchors() {
  const flow = useStoreApi();
  const cache = useRef(new Map<string, { w: number; h: number; dy: number | null }>());
  return (place: string): Point | null => {
    const n = flow.getState().nodeLookup.get(place);
    if (!n || n.hidden) return null;
    const c = center(n);
    if (!place.startsWith('node/')) return c;
    const w = n.measured.width ?? 0;
    const h = n.measured.height ?? 0;
    let e = cache.current.get(place);
    if (!e || e.w !== w || e.h !== h) {
      const card = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(place)}"]`);
      const kp = card?.querySelector<HTMLElement>('[data-testid="kube-proxy"]');
      const zoom = flow.getState().transform[2] || 1;
      const dy =
        card && kp
          ? (kp.getBoundingClientRect().top +
              kp.getBoundingClientRect().height / 2 -
              card.getBoundingClientRect().top) /
            zoom
          : null;
      e = { w, h, dy };
      cache.current.set(place, e);
    }
    return e.dy === null ? c : { x: c.x, y: n.internals.positionAbsolute.y + e.dy };
  };
}

export function PacketLayer() {
  const container = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const flow = useStoreApi();
  const anchor = useAnchors();
  const anchorRef = useRef(anchor);
  anchorRef.current = anchor;

  useEffect(() => {
    const els = new Map<number, FlightEl>();
    const trails = new Map<number, Point[]>();
    let painted = true;
    let followed: Point | null = null;
    const unsubFrame = onFrame(() => {
      const root = container.current;
      const cv = canvas.current;
      if (!root || !cv) return;
      const flights = playback.flights;
      // elements of flights that are gone or no longer focused
      for (const [id, el] of els) {
        const f = flights.find((x) => x.id === id);
        if (!f || !f.focus) {
          el.root.remove();
          els.delete(id);
          trails.delete(id);
        }
      }
      // an empty canvas that is already clear stays as it is: clearing it anyway makes the browser
      // composite a full-size layer on every frame of an idle page
      if (!flights.length && !painted) return;
      painted = flights.length > 0;
      const ctx = prepare(cv);
      const n = String(flights.length);
      if (cv.dataset.inflight !== n) cv.dataset.inflight = n;
      const { transform } = flow.getState();
      // the token stays at least its CSS size on screen, however far out the canvas is zoomed
      const scale = Math.max(1, 1 / (transform[2] || 1));
      const anchorNow = anchorRef.current;
      const follow = useStore.getState().followPacket;
      for (const f of flights) {
        const pos = playback.position(f, anchorNow);
        if (!f.focus) {
          if (ctx && pos) {
            const j = jitterOf(f.id);
            paintFlight(ctx, f, { x: pos.x + j.x, y: pos.y + j.y }, transform);
          }
          continue;
        }
        let el = els.get(f.id);
        if (!el) els.set(f.id, (el = createFlightEl(root, f)));
        const parked = playback.parked(f);
        drawFlight(el, f, pos, scale, parked);
        if (pos && !playback.reducedMotion) {
          const trail = trails.get(f.id) ?? [];
          const lastP = trail[trail.length - 1];
          if (!lastP || lastP.x !== pos.x || lastP.y !== pos.y) trail.push({ ...pos });
          // a still packet's trail fades away
          else if (trail.length) trail.shift();
          if (trail.length > TRAIL) trail.shift();
          trails.set(f.id, trail);
          if (ctx && trail.length > 1) paintTrail(ctx, trail, transform);
        }
        if (follow && pos && !f.done && (!followed || Math.hypot(followed.x - pos.x, followed.y - pos.y) > 2)) {
          followed = pos;
          const { width, height, panZoom } = flow.getState();
          const z = transform[2];
          void panZoom?.setViewport({ x: width / 2 - pos.x * z, y: height / 2 - pos.y * z, zoom: z });
        }
      }
    });
    return () => {
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
