// Scripts the browser benchmark runs inside the page. They are strings, not functions: tsx wraps
// functions in helpers (__name) that do not exist in the page.

/**
 * Init script: on every animation frame until the canvas is complete, count the visible Pod and
 * Service cards (React Flow keeps a node `visibility: hidden` until it has measured it). "Complete" is
 * every Pod and Service of the scenario on screen; the time is performance.now() of that frame, i.e.
 * milliseconds since navigation started.
 */
export function firstCanvasProbe(want: { pods: number; services: number }): string {
  return `(() => {
    const want = ${JSON.stringify(want)};
    const visible = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
    const count = (sel) => { let n = 0; for (const el of document.querySelectorAll(sel)) if (visible(el)) n++; return n; };
    const poll = () => {
      if (document.readyState !== 'loading' && count('[data-testid="pod-card"]') >= want.pods && count('[data-testid="service-card"]') >= want.services) {
        performance.mark('ksp-canvas-complete');
        window.__kspCanvasComplete = performance.now();
        return;
      }
      requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  })();`;
}

export interface FrameSample {
  stamps: number[];
  inflight: number[];
  longTasks: number;
}

/** Sample requestAnimationFrame for `ms`, with the number of packets the traffic layer has in flight. */
export function frameProbe(ms: number): string {
  return `new Promise((resolve) => {
    const layer = document.querySelector('[data-testid="traffic-layer"]');
    const stamps = [], inflight = [];
    let longTasks = 0;
    const po = new PerformanceObserver((l) => { longTasks += l.getEntries().length; });
    po.observe({ type: 'longtask' });
    let end = 0;
    const frame = (t) => {
      if (!end) end = t + ${ms};
      stamps.push(t);
      inflight.push(Number(layer && layer.dataset.inflight || 0));
      if (t < end) requestAnimationFrame(frame);
      else { po.disconnect(); resolve({ stamps, inflight, longTasks }); }
    };
    requestAnimationFrame(frame);
  })`;
}

export interface FrameStats {
  frames: number;
  medianMs: number;
  p95Ms: number;
  p95RawMs: number;
  maxMs: number;
  over50Pct: number;
  fps: number;
  inflightMean: number;
  inflightMin: number;
  longTasks: number;
}

/** Chromium (headless too) begins frames at 60 Hz: a rAF interval is a whole number of these. */
export const VSYNC_MS = 1000 / 60;

/**
 * Frame intervals from rAF timestamps. The page's clock is coarsened to 0.1 ms, so a frame that made
 * its vsync reads 16.6 to 16.8 ms; median and p95 count each interval as the whole number of vsync
 * periods it spans (p95RawMs is the unrounded figure).
 */
export function frameStats(s: FrameSample): FrameStats {
  const raw = s.stamps
    .slice(1)
    .map((x, i) => x - s.stamps[i])
    .sort((a, b) => a - b);
  const d = raw.map((x) => Math.max(1, Math.round(x / VSYNC_MS)) * VSYNC_MS);
  const pick = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))];
  const q = (p: number) => pick(d, p);
  const span = s.stamps[s.stamps.length - 1] - s.stamps[0];
  const r = (x: number, k = 1) => Math.round(x * 10 ** k) / 10 ** k;
  return {
    frames: d.length,
    medianMs: r(q(0.5), 2),
    p95Ms: r(q(0.95), 2),
    p95RawMs: r(pick(raw, 0.95), 2),
    maxMs: r(raw[raw.length - 1]),
    over50Pct: r((100 * raw.filter((x) => x > 50).length) / raw.length),
    fps: r((1000 * d.length) / span),
    inflightMean: r(s.inflight.reduce((a, b) => a + b, 0) / s.inflight.length, 0),
    inflightMin: Math.min(...s.inflight),
    longTasks: s.longTasks,
  };
}
