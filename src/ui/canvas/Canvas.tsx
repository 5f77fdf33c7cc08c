// The cluster on a React Flow canvas. The graph is rebuilt when the cluster's objects change (not on
// every tick), nodes keep their identity when unchanged, React Flow's own changes (measuring,
// dragging) are applied on top, and a user's drag is kept across rebuilds.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  applyNodeChanges,
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Edge,
  type NodeChange,
  type NodeMouseHandler,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './canvas.css';
import { useStore } from '../../store';
import { buildGraph, type GraphNode } from './graph';
import { newLayoutCache } from './layout';
import { nodeTypes } from './nodeTypes';
import { PacketLayer } from './packets/PacketLayer';

const minimapColor = (n: GraphNode) => {
  switch (n.type) {
    case 'k8snode':
      return '#e2e8f0';
    case 'service':
      return '#a78bfa';
    case 'pod':
      return '#60a5fa';
    default:
      return '#94a3b8';
  }
};

function useGraph() {
  const objects = useStore((s) => s.cluster.objects);
  const settings = useStore((s) => s.cluster.settings);
  const showSystem = useStore((s) => s.showSystem);
  const cache = useRef(newLayoutCache());
  const prev = useRef(new Map<string, GraphNode | Edge>());
  // objects and settings are what the picture is made of; `now` (read with them) is not
  return useMemo(() => {
    const cluster = { ...useStore.getState().cluster, objects, settings };
    const g = buildGraph(cluster, showSystem, cache.current, prev.current);
    const live = new Set<string>([...g.nodes.map((n) => n.id), ...g.edges.map((e) => e.id)]);
    for (const id of [...prev.current.keys()]) if (!live.has(id)) prev.current.delete(id);
    return g;
  }, [objects, settings, showSystem]);
}

function CanvasInner() {
  const graph = useGraph();
  const select = useStore((s) => s.select);
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
        const next: GraphNode = { ...g, measured: old?.measured, selected: old?.selected, position: pos ?? g.position };
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

  // A machine joining or leaving changes the picture's extent: fit it again (not for Pods coming and going).
  const { fitView } = useReactFlow();
  const machines = graph.nodes
    .filter((n) => n.type === 'k8snode')
    .map((n) => n.id)
    .join(',');
  const firstFit = useRef(true);
  // The mini map would cover a corner of the fitted picture: it shows only once the user zooms or pans
  // away from the fit, and goes on the next fit.
  const [explored, setExplored] = useState(false);
  const fitAt = useRef(-Infinity);
  const fitted = useCallback(() => {
    fitAt.current = performance.now();
    setExplored(false);
  }, []);
  useEffect(() => {
    if (firstFit.current) {
      firstFit.current = false;
      return;
    }
    const calm = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const t = setTimeout(() => {
      fitted();
      void fitView({ padding: 0.06, duration: calm ? 0 : 400 });
    }, 60);
    return () => clearTimeout(t);
  }, [machines, fitView, fitted]);
  const onUserMove = useCallback((e: MouseEvent | TouchEvent | null) => {
    // a wheel or a drag that happened after the last fit: a fit's animation frames come with no event,
    // or with the last (stale) event of the gesture before it
    if (e && (e.type === 'wheel' || e.type.endsWith('move')) && e.timeStamp > fitAt.current) setExplored(true);
  }, []);

  const onNodeClick: NodeMouseHandler<GraphNode> = useCallback(
    (_, n) => select(n.type === 'route' ? `node/${String(n.data.node)}` : n.id),
    [select],
  );
  const onPaneClick = useCallback(() => select(null), [select]);

  return (
    <ReactFlow
      nodes={nodes}
      edges={graph.edges}
      nodeTypes={nodeTypes}
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
      fitViewOptions={{ padding: 0.06 }}
      minZoom={0.15}
      maxZoom={2}
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
      <PacketLayer />
    </ReactFlow>
  );
}

export function Canvas() {
  const root = useRef<HTMLDivElement>(null);
  // React Flow labels its zoom controls' container without a role, so the label is ignored: make it a group
  useEffect(() => root.current?.querySelector('.react-flow__controls')?.setAttribute('role', 'group'), []);
  return (
    <div className="canvas" data-testid="canvas" ref={root}>
      <ReactFlowProvider>
        <CanvasInner />
      </ReactFlowProvider>
    </div>
  );
}
