// Background traffic on one <canvas> in screen space (the viewport transform applied by hand): many
// packets cost one layer instead of a DOM element each. Shapes differ by outcome, not only colour.
import type { Flight, Point } from '../../playback';

export type Transform = [number, number, number];

const OK = '#16a34a',
  FAIL = '#dc2626',
  WAIT = '#b45309',
  REQ = '#2563eb',
  REPLY = '#0d9488';

export function paintFlight(ctx: CanvasRenderingContext2D, f: Flight, p: Point, t: Transform) {
  const x = p.x * t[2] + t[0];
  const y = p.y * t[2] + t[1];
  // background traffic stays smaller than the focused packet (28 px) but visible from afar
  const r = Math.max(6, 9 * t[2]);
  const last = f.done && f.hop === f.hops.length - 1;
  const verdict = f.trace.verdict;
  const reply = f.hops[f.hop].kind === 'reply';
  ctx.lineWidth = Math.max(1.5, 2 * t[2]);
  ctx.strokeStyle = '#fff';
  if (last && verdict !== 'delivered') {
    // failure: a square with a cross (or a bar for "no route")
    ctx.fillStyle = verdict === 'dropped' || verdict === 'timed-out' ? WAIT : FAIL;
    ctx.fillRect(x - r, y - r, 2 * r, 2 * r);
    ctx.strokeRect(x - r, y - r, 2 * r, 2 * r);
    ctx.beginPath();
    ctx.moveTo(x - r / 2, y - r / 2);
    ctx.lineTo(x + r / 2, y + r / 2);
    ctx.moveTo(x + r / 2, y - r / 2);
    ctx.lineTo(x - r / 2, y + r / 2);
    ctx.stroke();
    return;
  }
  if (last) {
    // delivered and answered: a circle with a check
    ctx.fillStyle = OK;
    ctx.beginPath();
    ctx.arc(x, y, r, 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(x - r / 2, y);
    ctx.lineTo(x - r / 8, y + r / 2.5);
    ctx.lineTo(x + r / 2, y - r / 2.5);
    ctx.stroke();
    return;
  }
  ctx.fillStyle = reply ? REPLY : REQ;
  ctx.beginPath();
  if (reply) ctx.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
  else ctx.arc(x, y, r, 0, Math.PI * 2);
  ctx.fill();
  ctx.stroke();
}

/** The focused packet's short trail: where it was in the last frames, fading (flow coordinates). */
export function paintTrail(ctx: CanvasRenderingContext2D, trail: Point[], t: Transform, color = '#f97316') {
  const n = trail.length;
  for (let i = 0; i < n - 1; i++) {
    const p = trail[i];
    const k = (i + 1) / n;
    ctx.globalAlpha = 0.45 * k;
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.arc(p.x * t[2] + t[0], p.y * t[2] + t[1], 3 + 9 * k, 0, Math.PI * 2);
    ctx.fill();
  }
  ctx.globalAlpha = 1;
}

/** Size the canvas to its box at the device's pixel ratio; returns the 2D context ready to draw in CSS px. */
export function prepare(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth,
    h = canvas.clientHeight;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return ctx;
}
