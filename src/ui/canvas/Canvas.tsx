// The cluster on a React Flow canvas. The graph is rebuilt when the cluster's objects change (not on
// every tick), nodes keep their identity when unchanged, React Flow's own changes (measuring,
// dragging) are applied on top, and a user's drag is kept across rebuilds.
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import {
  applyNodeChanges,
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore as useFlowStore,
  type Edge,
  type NodeChange,
  type NodeMouseHandler,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './canvas.css';
import { useStore } from '../../store';
import { buildGraph, type Graph, type GraphNode } from './graph';
import { FIT_PADDING, newLayoutCache } from './layout';
import { nodeTypes } from './nodeTypes';
import { edgeTypes } from './MemberEdge';
import { useCanvasView, useFocusService } from './focus';
import { PacketLayer } from './packets/LazyPacketLayer';

/** Room kept above the fitted picture for the lines note (its 8 px margin, its 14 px text and padding). */
const LINES_NOTE_SPACE = 36;

const minimapColor = (n: GraphNode) =>
  n.type === 'pod' ? '#60a5fa' : n.type === 'service' ? '#a78bfa' : n.type === 'k8snode' ? '#e2e8f0' : '#94a3b8';

type Size = { w: number; h: number };

/** The canvas's size in pixels as React Flow measures it, in whole tens (to stay calm while a panel is dragged). */
function useSize(): Size | null {
  const w = useFlowStore((s) => Math.round(s.width / 10) * 10);
  const h = useFlowStore((s) => Math.round(s.height / 10) * 10);
  return useMemo(() => (w >= 40 && h >= 40 ? { w, h } : null), [w, h]);
}

function useGraph(size: Size | null) {
  // deferred: a new cluster (a big link opening) is drawn in a render of its own, which React can
  // interrupt, not in the task that delivered it
  const objects = useDeferredValue(useStore((s) => s.cluster.objects));
  const settings = useDeferredValue(useStore((s) => s.cluster.settings));
  const showSystem = useStore((s) => s.showSystem);
  const expanded = useCanvasView((s) => s.expanded);
  const cache = useRef(newLayoutCache());
  const prev = useRef(new Map<string, GraphNode | Edge>());
  // objects and settings are what the picture is made of; `now` (read with them) is not
  return useMemo((): Graph => {
    if (!size) return { nodes: [], edges: [], focusLines: false, linesOf: () => [], extent: '', width: 0, height: 0 };
    const cluster = { ...useStore.getState().cluster, objects, settings };
    const g = buildGraph(cluster, showSystem, cache.current, prev.current, size, expanded);
    const live = new Set<string>([...g.nodes.map((n) => n.id), ...g.edges.map((e) => e.id)]);
    for (const id of [...prev.current.keys()]) if (!live.has(id)) prev.current.delete(id);
    return g;
  }, [objects, settings, showSystem, size, expanded]);
}

function CanvasInner({ root }: { root: RefObject<HTMLDivElement | null> }) {
  const size = useSize();
  const graph = useGraph(size);
  // level of detail: close up, a Pod card shows its labels too
  const near = useFlowStore((s) => s.transform[2] >= 1.15);
  useEffect(() => void root.current?.classList.toggle('lod-near', near), [root, near]);
  const select = useStore((s) => s.select);
  // too many Service lines to draw (a big cluster): only those of the Service in focus
  const focus = useFocusService();
  const edges = useMemo(
    () => (graph.focusLines && focus ? [...graph.edges, ...graph.linesOf(focus)] : graph.edges),
    [graph, focus],
  );
  const [nodes, setNodes] = useState<GraphNode[]>(graph.nodes);
  const dragged = useRef(new Map<string, { x: number; y: number }>());
  const source = useRef(new WeakMap<GraphNode, GraphNode>());

  // Merge a rebuilt graph into React Flow's nodes: keep measurements, selection and dragged positions.
  useEffect(() => {
    setNodes((cur) => {
      const byId = new Map(cur.map((n) => [n.id, n]));
      return graph.nodes.map((g) => {
        const old = byId.get(g.id);
        if (old && source.current.get(old) === g) return old;
        const pos = dragged.current.get(g.id);
        // a card whose size changed is measured again (a machine that shrank keeps no old border)
        const resized = old && (old.width !== g.width || old.height !== g.height);
        const next: GraphNode = {
          ...g,
          measured: resized ? undefined : old?.measured,
          selected: old?.selected,
          position: pos ?? g.position,
        };
        source.current.set(next, g);
        return next;
      });
    });
  }, [graph]);

  const onNodesChange = useCallback((changes: NodeChange<GraphNode>[]) => {
    const useful = changes.filter((c) => c.type === 'dimensions' || c.type === 'position' || c.type === 'select');
    if (!useful.length) return;
    for (const c of useful)
      if (c.type === 'position' && c.position && c.dragging !== undefined) dragged.current.set(c.id, c.position);
    setNodes((cur) => {
      const next = applyNodeChanges(useful, cur);
      // applyNodeChanges returns new objects for changed nodes: carry over what they were built from
      for (let i = 0; i < next.length; i++)
        if (next[i] !== cur[i]) {
          const src = cur[i] && source.current.get(cur[i]);
          if (src && next[i].id === cur[i].id) source.current.set(next[i], src);
        }
      return next;
    });
  }, []);

  // The picture's extent changed (a machine joined, kube-system shown, the arrangement changed) or the
  // canvas changed size (a panel opened or was resized, the window turned): fit it again. Pods coming
  // and going in their slots leave the extent as it was, and the picture stays still.
  const { setViewport, getViewport } = useReactFlow();
  const machines = `${graph.extent}@${size ? `${size.w}x${size.h}` : ''}`;
  const lastFit = useRef('');
  // The mini map would cover a corner of the fitted picture: it shows only once the user zooms or pans
  // away from the fit, and goes on the next fit.
  const [explored, setExplored] = useState(false);
  const fitAt = useRef(-Infinity);
  /** when the user last zoomed or panned the picture themselves */
  const movedAt = useRef(-Infinity);
  const fitted = useCallback(() => {
    fitAt.current = performance.now();
    setExplored(false);
  }, []);
  useEffect(() => {
    if (!graph.extent) return;
    // the first picture is fitted at once; later changes glide (unless the user asked for calm)
    const first = lastFit.current === '';
    lastFit.current = machines;
    const calm = first || window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    dragged.current.clear();
    let snap: ReturnType<typeof setTimeout> | undefined;
    const t = setTimeout(
      () => {
        fitted();
        const at = fitAt.current;
        // the picture's own extent (its left margin holds Service lines that the cards' bounds miss), in
        // the canvas as it is now (React Flow's own idea of its size can lag a panel's change)
        const el = root.current;
        if (!el) return;
        // (the lines note sits at the top of a big cluster's canvas: the picture fits below it)
        const top = graph.focusLines ? LINES_NOTE_SPACE : 0;
        const W = el.clientWidth,
          H = el.clientHeight - top;
        const zoom = Math.min(
          1.6,
          W / (graph.width * (1 + 2 * FIT_PADDING)),
          H / (graph.height * (1 + 2 * FIT_PADDING)),
        );
        const target = { x: (W - graph.width * zoom) / 2, y: top + (H - graph.height * zoom) / 2, zoom };
        void setViewport(target, { duration: calm ? 0 : 300 });
        // a glide cut short (the canvas's own transition can be interrupted while the layout around it
        // settles) would leave the picture half-fitted: once it should have ended, put it where it belongs,
        // unless the user has moved the picture since
        if (!calm)
          snap = setTimeout(() => {
            const v = getViewport();
            if (movedAt.current < at && Math.abs(v.zoom - zoom) > zoom * 0.002) void setViewport(target);
          }, 450);
      },
      first ? 0 : 60,
    );
    return () => {
      clearTimeout(t);
      clearTimeout(snap);
    };
  }, [machines, graph.extent, graph.width, graph.height, graph.focusLines, setViewport, getViewport, fitted, root]);
  const onUserMove = useCallback((e: MouseEvent | TouchEvent | null) => {
    // a wheel or a drag that happened after the last fit: a fit's animation frames come with no event,
    // or with the last (stale) event of the gesture before it
    if (e && (e.type === 'wheel' || e.type.endsWith('move')) && e.timeStamp > fitAt.current) {
      movedAt.current = performance.now();
      setExplored(true);
    }
  }, []);

  const onNodeClick: NodeMouseHandler<GraphNode> = useCallback(
    (_, n) => select(n.type === 'route' ? `node/${String(n.data.node)}` : n.id),
    [select],
  );
  const onPaneClick = useCallback(() => select(null), [select]);

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onNodeClick={onNodeClick}
      onPaneClick={onPaneClick}
      onMove={onUserMove}
      nodesConnectable={false}
      nodesFocusable={false}
      edgesFocusable={false}
      zIndexMode="manual"
      deleteKeyCode={null}
      selectionKeyCode={null}
      multiSelectionKeyCode={null}
      fitView
      fitViewOptions={{ padding: FIT_PADDING, maxZoom: 1.6 }}
      minZoom={0.1}
      maxZoom={3}
      proOptions={{ hideAttribution: true }}
      aria-label="Cluster canvas"
    >
      <Background variant={BackgroundVariant.Dots} gap={24} size={1.2} color="#cbd5e1" />
      <Controls
        position="bottom-left"
        showInteractive={false}
        aria-label="Zoom and fit"
        onZoomIn={() => setExplored(true)}
        onZoomOut={() => setExplored(true)}
        onFitView={fitted}
      />
      {explored && (
        <MiniMap
          position="bottom-right"
          pannable
          zoomable
          nodeColor={minimapColor}
          nodeStrokeWidth={2}
          ariaLabel="Mini map"
        />
      )}
      {graph.focusLines && (
        <Panel position="top-center" className="canvas-note" data-testid="lines-note">
          Point at or select a Service to see its lines
        </Panel>
      )}
      <PacketLayer />
    </ReactFlow>
  );
}

export function Canvas() {
  // a ref, not state: an element kept in state renders the whole canvas a second time, at once, right
  // after its first commit (a task of its own of 40-60 ms when a page opens)
  const root = useRef<HTMLDivElement>(null);
  // React Flow labels its zoom controls' container without a role, so the label is ignored: make it a group
  useEffect(() => root.current?.querySelector('.react-flow__controls')?.setAttribute('role', 'group'), []);
  return (
    <div className="canvas" data-testid="canvas" ref={root}>
      <ReactFlowProvider>
        <CanvasInner root={root} />
      </ReactFlowProvider>
    </div>
  );
}
