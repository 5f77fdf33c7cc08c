// Drawing flights as DOM elements inside the viewport (flow coordinates): created once per flight,
// then only their transform changes per frame; text changes only when a flight reaches a new hop.
import type { TraceHop } from '../../../sim';
import type { Flight, Point } from './player';
import { travelTime } from './timing';

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
  icon: HTMLSpanElement;
  label: HTMLDivElement | null;
  hop: number;
  done: boolean;
  focus: boolean;
  arrived: boolean;
}

export function createFlightEl(container: HTMLElement, f: Flight): FlightEl {
  const root = document.createElement('div');
  root.className = 'packet';
  root.dataset.request = String(f.id);
  const icon = document.createElement('span');
  icon.className = 'pk-icon';
  icon.setAttribute('aria-hidden', 'true');
  root.appendChild(icon);
  container.appendChild(root);
  return { root, icon, label: null, hop: -1, done: false, focus: false, arrived: false };
}

const short = (ip: string, port: number, withPort: boolean) => (withPort ? `${ip}:${port}` : ip);

function hopLine(h: TraceHop): string {
  if (h.kind === 'reply') return 'reply' + (h.conntrack ? ' · conntrack un-NATs' : '');
  if (h.chain) return `${h.table ?? ''} ${h.chain}`.trim();
  return h.kind;
}

function fillLabel(el: FlightEl, f: Flight, arrived: boolean) {
  const h0 = f.hops[f.hop];
  // on the way to a place the packet still carries its old addresses; the rule there rewrites them
  const h = arrived ? h0 : { ...h0, after: h0.before };
  if (!el.label) {
    el.label = document.createElement('div');
    el.label.className = 'pk-label';
    el.root.appendChild(el.label);
  }
  const a = h.after,
    b = h.before;
  const srcChanged = a.src !== b.src || a.sport !== b.sport;
  const dstChanged = a.dst !== b.dst || a.dport !== b.dport;
  const lines: [string, string, boolean][] = [
    ['src', short(a.src, a.sport, h.kind === 'reply'), srcChanged],
    ['dst', short(a.dst, a.dport, h.kind !== 'reply'), dstChanged],
  ];
  el.label.replaceChildren();
  for (const [k, v, changed] of lines) {
    const row = document.createElement('div');
    row.className = changed ? 'pk-row changed' : 'pk-row';
    const key = document.createElement('span');
    key.className = 'pk-key';
    key.textContent = changed ? (k === 'dst' ? 'DNAT dst' : 'SNAT src') : k;
    const val = document.createElement('span');
    val.className = 'pk-val';
    val.textContent = v;
    row.append(key, val);
    el.label.appendChild(row);
  }
  const foot = document.createElement('div');
  foot.className = 'pk-hop';
  const last = f.hop === f.hops.length - 1;
  foot.textContent =
    last && f.trace.verdict !== 'delivered'
      ? `${VERDICT_TEXT[f.trace.verdict]}: ${f.trace.reason ?? ''}`
      : `${f.hop + 1}/${f.hops.length} · ${hopLine(h)}`;
  el.label.appendChild(foot);
}

export function drawFlight(el: FlightEl, f: Flight, pos: Point | null, jitter: Point) {
  if (pos) el.root.style.transform = `translate(${pos.x + jitter.x}px, ${pos.y + jitter.y}px)`;
  const last = f.hop === f.hops.length - 1;
  const finished = f.done;
  const arrived = f.t >= travelTime(f.hops, f.hop);
  if (el.hop === f.hop && el.done === finished && el.focus === f.focus && el.arrived === arrived) return;
  el.arrived = arrived;
  el.hop = f.hop;
  el.done = finished;
  el.focus = f.focus;
  const h = f.hops[f.hop];
  const verdict = f.trace.verdict;
  const cls = ['packet'];
  if (f.focus) cls.push('focus');
  if (h.kind === 'reply') cls.push('reply');
  if (finished && last) cls.push(verdict === 'delivered' ? 'ok' : `fail v-${verdict}`);
  el.root.className = cls.join(' ');
  el.root.dataset.verdict = finished && last ? verdict : 'in-flight';
  setIcon(el.icon, finished && last ? verdict : h.kind === 'reply' ? 'reply' : null);
  if (f.focus) fillLabel(el, f, arrived);
  else if (el.label) {
    el.label.remove();
    el.label = null;
  }
}
