// The store's shape: one Zustand store built from slices (cluster, playback, requests, ui).
// A history slice (undo) can be added beside these later; ticks never enter it.
import type { ClusterState, ShareTrace, Trace } from '../sim';
import type { HistorySlice, LessonSlice, ScenarioSlice, ViewSlice } from './scenario-types';
import type { PanelsStore } from './panels-types';
import type { ChallengeSlice } from './challenge-slice';

/** Who sends a request. */
export type SourceRef =
  { kind: 'client' } | { kind: 'node'; name: string } | { kind: 'pod'; namespace: string; name: string };

export type TargetKind = 'clusterIP' | 'dns' | 'nodePort' | 'loadBalancer' | 'externalIP' | 'podIP' | 'address';

/** Where a request goes, as the user chose it; resolved to IP:port at the moment it is sent. */
export interface TargetRef {
  kind: TargetKind;
  /** ns/name of the Service (clusterIP, dns, nodePort, loadBalancer, externalIP) */
  service?: string;
  /** the Service port (clusterIP, dns, loadBalancer, externalIP) or the target port (address, podIP) */
  port?: number;
  /** the node whose NodePort is used */
  node?: string;
  /** a DNS name (dns) */
  name?: string;
  /** a literal IP (address, podIP: remembered so a dead Pod's IP stays the target) */
  ip?: string;
  /** ns/name of the Pod (podIP), for the label */
  pod?: string;
}

export interface RequestSpec {
  source: SourceRef;
  target: TargetRef;
}

/** One request the user (or the traffic generator) sent: a trace, or the reason none could start. */
export interface RequestRecord {
  id: number;
  /** virtual ms */
  at: number;
  manual: boolean;
  from: string;
  to: string;
  /** how a DNS name was resolved, when it was */
  dns?: string;
  trace?: Trace;
  /** what a share link needs to send this request again the same way (engine source, target, generator state) */
  replay?: ShareTrace;
  error?: string;
  ok: boolean;
  /** one sentence for the live region and the trace panel */
  summary: string;
}

/** An IP a killed Pod had: kept so the learner can try it and see it fail. */
export interface Ghost {
  ip: string;
  port: number;
  pod: string;
}

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export interface ClusterSlice {
  cluster: ClusterState;
  ghosts: Ghost[];
  notice: Notice | null;
  killPod: (namespace: string, name: string) => void;
  scaleDeployment: (namespace: string, name: string, replicas: number) => void;
  setPodLabel: (namespace: string, name: string, key: string, value: string | null) => void;
  addNode: () => void;
  drainNode: (name: string) => void;
  uncordonNode: (name: string) => void;
  removeNode: (name: string) => void;
  setCloudLoadBalancer: (on: boolean) => void;
  setServiceType: (namespace: string, name: string, type: 'ClusterIP' | 'NodePort' | 'LoadBalancer') => void;
  addExternalIP: (namespace: string, name: string, ip: string, routeTo: string | null) => void;
  clearExternalIPs: (namespace: string, name: string) => void;
  /** the administrator's route for an external IP: to a node, or none (null) */
  setExternalRoute: (ip: string, node: string | null) => void;
  dismissNotice: () => void;
}

export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;

export interface PlaybackSlice {
  playing: boolean;
  speed: number;
  chaos: { on: boolean; everyMs: number; nextAt: number };
  /** bumped by step(): the packet layer moves the focused packet one hop */
  stepRequest: { seq: number; delta: 1 | -1 };
  play: () => void;
  pause: () => void;
  setSpeed: (speed: number) => void;
  step: (delta: 1 | -1) => void;
  setChaos: (on: boolean) => void;
  /** advance virtual time by ms (the tick loop calls this; never part of history) */
  tick: (ms: number) => void;
}

export interface RequestsSlice {
  spec: RequestSpec;
  requests: RequestRecord[];
  nextRequestId: number;
  /** delivered requests per Pod (ns/name) */
  counts: Record<string, number>;
  failed: number;
  traffic: { on: boolean; rate: number; nextAt: number };
  setSpec: (spec: RequestSpec) => void;
  send: () => void;
  setTraffic: (on: boolean, rate?: number) => void;
  resetCounts: () => void;
}

export interface UiSlice {
  /** the canvas id of the selected thing: pod/NS/NAME, node/NAME, svc/NS/NAME, client, lb/IP */
  selection: string | null;
  showSystem: boolean;
  /** the request shown in the trace panel (the latest one sent by hand) */
  focusedRequest: number | null;
  select: (id: string | null) => void;
  setShowSystem: (on: boolean) => void;
}

export type Store = ClusterSlice &
  PlaybackSlice &
  RequestsSlice &
  UiSlice &
  HistorySlice &
  ScenarioSlice &
  LessonSlice &
  ViewSlice &
  PanelsStore &
  ChallengeSlice;
export type * from './scenario-types';
