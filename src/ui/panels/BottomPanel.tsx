// The bottom panel: tabs (WAI-ARIA tabs pattern, arrow keys move between them), a top edge that
// resizes it by dragging or by keyboard (a focusable separator), and a collapse button.
import { lazy, Suspense, useLayoutEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useStore } from '../../store';
import { PANEL_DEFAULT_HEIGHT, PANEL_MAX_HEIGHT, PANEL_MIN_HEIGHT, type PanelTab } from '../../store/panels-slice';
// Each tab's code loads when the tab is first shown: the first view of the canvas does not wait for it.
const ConsolePanel = lazy(() => import('./console/ConsolePanel').then((m) => ({ default: m.ConsolePanel })));
const HopInspector = lazy(() => import('./HopInspector').then((m) => ({ default: m.HopInspector })));
const RulesView = lazy(() => import('./rules/RulesView').then((m) => ({ default: m.RulesView })));
const DiscoveryPanel = lazy(() => import('./discovery/DiscoveryPanel').then((m) => ({ default: m.DiscoveryPanel })));
const EventLog = lazy(() => import('./EventLog').then((m) => ({ default: m.EventLog })));
const YamlPanel = lazy(() => import('./yaml/YamlPanel').then((m) => ({ default: m.YamlPanel })));

const TABS: { id: PanelTab; label: string }[] = [
  { id: 'console', label: 'Console' },
  { id: 'hop', label: 'Hop inspector' },
  { id: 'rules', label: 'Rules' },
  { id: 'discovery', label: 'Discovery' },
  { id: 'events', label: 'Events' },
  { id: 'yaml', label: 'YAML' },
];

function Content({ tab }: { tab: PanelTab }) {
  return (
    <Suspense fallback={<p className="panel-loading">Loading…</p>}>
      <TabBody tab={tab} />
    </Suspense>
  );
}

function TabBody({ tab }: { tab: PanelTab }) {
  switch (tab) {
    case 'console':
      return <ConsolePanel />;
    case 'hop':
      return <HopInspector />;
    case 'rules':
      return <RulesView />;
    case 'discovery':
      return <DiscoveryPanel />;
    case 'events':
      return <EventLog />;
    case 'yaml':
      return <YamlPanel />;
  }
}

/** The tallest the panel may be: the canvas keeps at least this much. */
const CANVAS_KEEPS = 160;

export function BottomPanel() {
  const open = useStore((s) => s.panel.open);
  const height = useStore((s) => s.panel.height);
  const tab = useStore((s) => s.panel.tab);
  const { showPanel, setPanelOpen, setPanelHeight } = useStore.getState();
  const root = useRef<HTMLElement>(null);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const drag = useRef<{ y: number; h: number } | null>(null);

  const maxHeight = () => {
    const parent = root.current?.parentElement;
    return Math.max(PANEL_MIN_HEIGHT, Math.min(PANEL_MAX_HEIGHT, (parent?.clientHeight ?? 900) - CANVAS_KEEPS));
  };
  /** the user has sized the panel on this page (drag or keys): a turned screen keeps their height */
  const sized = useRef(false);
  const resize = (h: number) => {
    sized.current = true;
    setPanelHeight(Math.min(maxHeight(), h));
  };
  // on a small screen the canvas keeps most of the height: start at most at 40 % of the column (30 % on
  // a short one, where the canvas needs every line to show its cards large enough). A tablet turned
  // before the user sized the panel gets the height it would have had opened that way up.
  useLayoutEffect(() => {
    const column = root.current?.parentElement;
    if (!column) return;
    let last = 0;
    const fit = () => {
      const c = column.clientHeight;
      if (c <= 0 || c === last) return;
      const first = last === 0;
      last = c;
      const h = useStore.getState().panel.height;
      const share = Math.max(PANEL_MIN_HEIGHT, Math.round(c * (c < 800 ? 0.3 : 0.4)));
      if (h > share) setPanelHeight(share);
      else if (!first && !sized.current) setPanelHeight(Math.min(share, PANEL_DEFAULT_HEIGHT));
    };
    // (a ResizeObserver reports the column's size once at first, after the browser's own layout and
    // before the first paint: reading it here would lay the page out in the commit, 30-50 ms more there)
    if (typeof ResizeObserver === 'undefined') return fit();
    const ro = new ResizeObserver(fit);
    ro.observe(column);
    return () => ro.disconnect();
  }, [setPanelHeight]);

  const onTabKey = (e: KeyboardEvent, i: number) => {
    const n = TABS.length;
    const to =
      e.key === 'ArrowRight'
        ? (i + 1) % n
        : e.key === 'ArrowLeft'
          ? (i + n - 1) % n
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? n - 1
              : -1;
    if (to < 0) return;
    e.preventDefault();
    showPanel(TABS[to].id);
    tabs.current[to]?.focus();
  };
  const onSepKey = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 120 : 24;
    const next =
      e.key === 'ArrowUp'
        ? height + step
        : e.key === 'ArrowDown'
          ? height - step
          : e.key === 'PageUp'
            ? height + 120
            : e.key === 'PageDown'
              ? height - 120
              : e.key === 'Home'
                ? PANEL_MIN_HEIGHT
                : e.key === 'End'
                  ? maxHeight()
                  : null;
    if (next === null) return;
    e.preventDefault();
    resize(next);
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { y: e.clientY, h: height };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    resize(drag.current.h + drag.current.y - e.clientY);
  };
  const onPointerUp = () => void (drag.current = null);

  return (
    <section
      ref={root}
      className={`bottom-panel${open ? ' open' : ' closed'}`}
      style={open ? { height } : undefined}
      aria-label="Look inside"
      data-testid="bottom-panel"
    >
      {open && (
        <div
          className="panel-resizer"
          role="separator"
          aria-orientation="horizontal"
          aria-label="Resize the panel"
          aria-valuemin={PANEL_MIN_HEIGHT}
          aria-valuemax={PANEL_MAX_HEIGHT}
          aria-valuenow={height}
          tabIndex={0}
          title="Drag, or use ↑/↓, to resize"
          data-testid="panel-resizer"
          onKeyDown={onSepKey}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
        />
      )}
      <div className="panel-bar">
        <div role="tablist" aria-label="Look inside" className="panel-tabs">
          {TABS.map((t, i) => {
            const selected = t.id === tab;
            return (
              <button
                key={t.id}
                ref={(el) => void (tabs.current[i] = el)}
                type="button"
                role="tab"
                id={`ptab-${t.id}`}
                aria-selected={selected && open}
                aria-controls={open && selected ? 'panel-body' : undefined}
                tabIndex={selected ? 0 : -1}
                className={`panel-tab${selected ? ' selected' : ''}`}
                onClick={() => showPanel(t.id)}
                onKeyDown={(e) => onTabKey(e, i)}
              >
                {t.label}
              </button>
            );
          })}
        </div>
        <button
          type="button"
          className="panel-toggle"
          aria-expanded={open}
          aria-controls="panel-body"
          onClick={() => setPanelOpen(!open)}
          data-testid="panel-toggle"
        >
          {open ? 'Collapse panel ▾' : 'Expand panel ▴'}
        </button>
      </div>
      {open && (
        <div
          role="tabpanel"
          id="panel-body"
          aria-labelledby={`ptab-${tab}`}
          className={`panel-body tab-${tab}`}
          data-testid={`panel-${tab}`}
        >
          <h2 className="sr-only">{TABS.find((t) => t.id === tab)?.label}</h2>
          <Content tab={tab} />
        </div>
      )}
    </section>
  );
}
