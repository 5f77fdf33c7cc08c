// Drawing the focused flight as DOM elements inside the viewport (flow coordinates): created once per
// flight, then only their transform changes per frame; text changes only when the flight reaches a
// new hop. The token and its label are counter-scaled so they stay legible however far the canvas is
// zoomed out: at least 28 px on screen for the token, the label's text at its CSS size.
import type { TraceHop } from '../../../sim';
import type { Flight, Point } from '../../playback';
import { travelTime } from '../../playback/timing';

// Stroke paths on a 20×20 grid: a shape per outcome, so success and failure differ beyond colour.
const ICON_PATHS: Record<string, string> = {
  delivered: 'M4.5 10.5l3.5 3.5 7.5-8',
  refused: 'M5.5 5.5l9 9M14.5 5.5l-9 9',
  dropped: 'M10 3.5a6.5 6.5 0 1 0 0.01 0zM5.4 14.6l9.2-9.2',
  'timed-out': 'M10 3.5a6.5 6.5 0 1 0 0.01 0zM10 6v4.3l2.8 1.8',
  'no-route': 'M3.5 10h8M8.5 6.5l3.5 3.5-3.5 3.5M15.5 4.5v11',
  reply: 'M15 10H5.5M9 6l-4 4 4 4',
};
const SVG_NS = 'http://www.w3.org/2000/svg';

function setIcon(el: HTMLSpanElement, kind: string | null) {
  if ((el.dataset.icon ?? '') === (kind ?? '')) return;
  el.dataset.icon = kind ?? '';
  if (!kind) return el.replaceChildren();
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 20 20');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', ICON_PATHS[kind]);
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '2.6');
  path.setAttribute('stroke-linecap', 'round');
  path.setAttribute('stroke-linejoin', 'round');
  svg.appendChild(path);
  el.replaceChildren(svg);
}
const VERDICT_TEXT: Record<string, string> = {
  delivered: 'reply received',
  refused: 'refused',
  dropped: 'dropped',
  'timed-out': 'timed out',
  'no-route': 'no route',
};

export interface FlightEl {
  root: HTMLDivElement;
  body: HTMLDivElement;
  icon: HTMLSpanElement;
  label: HTMLDivElement | null;
  hop: number;
  done: boolean;
  focus: boolean;
  arrived: boolean;
  parked: boolean;
  scale: number;
  hops: TraceHop[] | null;
}

export function createFlightEl(container: HTMLElement, f: Flight): FlightEl {
  const root = document.createElement('div');
  root.className = 'packet';
  root.dataset.request = String(f.id);
  const body = document.createElement('div');
  body.className = 'pk-body';
  const icon = document.createElement('span');
  icon.className = 'pk-icon';
  icon.setAttribute('aria-hidden', 'true');
  body.appendChild(icon);
  root.appendChild(body);
  container.appendChild(root);
  return {
    root,
    body,
    icon,
    label: null,
    hop: -1,
    done: false,
    focus: false,
    arrived: false,
    parked: false,
    scale: 1,
    hops: null,
  };
}

const at = (ip: string, port: number, withPort: boolean) => (withPort ? `${ip}:${port}` : ip);

function hopLine(h: TraceHop): string {
  if (h.kind === 'reply') return 'reply' + (h.conntrack ? ' · conntrack reverses the NAT' : '');
  if (h.chain) return `${h.table ?? ''} ${h.chain}`.trim();
  return h.kind;
}

/** What rewrote the packet at this hop, in the words of the rule's target. */
function rewriteName(h: TraceHop, srcChanged: boolean, dstChanged: boolean): string {
  if (h.kind === 'reply') return 'un-NAT';
  if (h.kind === 'balance') return 'LB';
  if (dstChanged) return 'DNAT';
  if (srcChanged) return h.rule?.target.kind === 'MASQUERADE' ? 'MASQ' : 'SNAT';
  return '';
}

const span = (cls: string, text: string) => {
  const e = document.createElement('span');
  e.className = cls;
  e.textContent = text;
  return e;
};

function fillLabel(el: FlightEl, f: Flight, arrived: boolean) {
  const h0 = f.hops[f.hop];
  // on the way to a place the packet still carries its old addresses; the rule there rewrites them
  const h = arrived ? h0 : { ...h0, after: h0.before };
  if (!el.label) {
    el.label = document.createElement('div');
    el.label.className = 'pk-label';
    el.body.appendChild(el.label);
  }
  const a = h.after,
    b = h.before;
  const srcChanged = a.src !== b.src || a.sport !== b.sport;
  const dstChanged = a.dst !== b.dst || a.dport !== b.dport;
  const reply = h.kind === 'reply';
  el.label.replaceChildren();
  // the packet as it is now: source → destination (the changed side marked)
  const flow = document.createElement('div');
  flow.className = 'pk-flow';
  flow.append(
    span(srcChanged ? 'pk-addr changed' : 'pk-addr', at(a.src, a.sport, reply)),
    span('pk-arrow', ' → '),
    span(dstChanged ? 'pk-addr changed' : 'pk-addr', at(a.dst, a.dport, !reply)),
  );
  el.label.appendChild(flow);
  if (srcChanged || dstChanged) {
    // what the rule did here: the old address, struck through, under the rule's name
    const row = document.createElement('div');
    row.className = 'pk-row changed';
    const was = dstChanged ? at(b.dst, b.dport, true) : at(b.src, b.sport, reply);
    row.append(span('pk-key', rewriteName(h0, srcChanged, dstChanged)), span('pk-val', `was ${was}`));
    el.label.appendChild(row);
  }
  const foot = document.createElement('div');
  foot.className = 'pk-hop';
  const last = f.hop === f.hops.length - 1;
  foot.textContent =
    last && f.trace.verdict !== 'delivered'
      ? `${VERDICT_TEXT[f.trace.verdict]}: ${f.trace.reason ?? ''}`
      : `${f.hop + 1}/${f.hops.length} · ${hopLine(h0)}`;
  el.label.appendChild(foot);
}

/** Draw one focused flight. scale: the counter-zoom that keeps it legible. parked: finished a while ago. */
export function drawFlight(el: FlightEl, f: Flight, pos: Point | null, scale: number, parked: boolean) {
  if (pos) el.root.style.transform = `translate(${pos.x}px, ${pos.y}px)`;
  if (el.scale !== scale) {
    el.scale = scale;
    el.body.style.transform = scale === 1 ? '' : `scale(${scale})`;
  }
  const last = f.hop === f.hops.length - 1;
  const finished = f.done;
  const arrived = f.t >= travelTime(f.hops, f.hop);
  if (
    el.hop === f.hop &&
    el.done === finished &&
    el.focus === f.focus &&
    el.arrived === arrived &&
    el.parked === parked &&
    el.hops === f.hops
  )
    return;
  el.arrived = arrived;
  el.hop = f.hop;
  el.done = finished;
  el.focus = f.focus;
  el.parked = parked;
  el.hops = f.hops;
  const h = f.hops[f.hop];
  const verdict = f.trace.verdict;
  const cls = ['packet'];
  if (f.focus) cls.push('focus');
  if (h.kind === 'reply') cls.push('reply');
  if (finished && last) cls.push(verdict === 'delivered' ? 'ok' : `fail v-${verdict}`);
  if (parked) cls.push('parked');
  if (f.held) cls.push('held');
  el.root.className = cls.join(' ');
  el.root.dataset.verdict = finished && last ? verdict : 'in-flight';
  el.root.dataset.hop = String(f.hop);
  el.root.dataset.place = h.place;
  setIcon(el.icon, finished && last ? verdict : h.kind === 'reply' ? 'reply' : null);
  // a finished packet gives its label up after a moment: it must not stay parked over the sender's name
  if (f.focus && !parked) fillLabel(el, f, arrived);
  else if (el.label) {
    el.label.remove();
    el.label = null;
  }
}
