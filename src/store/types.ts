// The store's shape: Store, made of every slice's type (each declared beside its slice), the request
// types several slices share, and AppStore.
import type { Mutate, StoreApi, UseBoundStore } from 'zustand';
import type {} from 'zustand/middleware/immer'; // immer's entry in zustand's StoreMutators
import type { ShareTrace, Source, Trace } from '../sim';
import type { ClusterSlice } from './cluster-slice';
import type { UiSlice } from './ui-slice';
import type { HistorySlice } from './history-slice';
import type { ScenarioSlice } from './scenario-slice';
import type { LessonSlice } from './lesson-slice';
import type { ViewSlice } from './view-slice';
import type { PanelsSlice } from './panels-slice';
import type { ConsoleSlice } from './console-slice';
import type { YamlSlice } from './yaml-slice';
import type { ChallengeSlice } from './challenge-slice';
import type { PlaybackSlice } from './playback-slice';
import type { RequestsSlice } from './requests-slice';

// Each slice's type lives beside its slice; the UI imports them all from the store's index.
export type { ClusterSlice } from './cluster-slice';
export type { UiSlice } from './ui-slice';
export type { HistorySlice } from './history-slice';
export type { ScenarioInfo, ScenarioSlice } from './scenario-slice';
export type { LessonProgress, LessonSlice } from './lesson-slice';
export type { PresentPanel, ViewSlice } from './view-slice';
export type { PanelsSlice } from './panels-slice';
export type { ConsoleSlice } from './console-slice';
export type { YamlMessage, YamlSlice } from './yaml-slice';
export type { PlaybackSlice } from './playback-slice';
export type { RequestsSlice } from './requests-slice';

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
  /** who sends: the engine's own Source (client, a node, a Pod) */
  source: Source;
  target: TargetRef;
}

/** Where a request came from: the Send form, continuous traffic, a console line, a lesson's show-me, a link. */
export type RequestOrigin = 'send' | 'traffic' | 'console' | 'lesson' | 'share';

/** One request the user (or the traffic generator) sent: a trace, or the reason none could start. */
export interface RequestRecord {
  id: number;
  /** virtual ms */
  at: number;
  /** sent by the learner (everything but continuous traffic): it takes the focus and counts for lessons */
  manual: boolean;
  origin: RequestOrigin;
  /** the console line that made it (origin console) */
  command?: string;
  /**
   * Whether its outcome is shown yet: a traced request is sent hidden and revealed by playback when its
   * packet arrives (verdict, Pod counter, delivered/failed counts); one that could not start is shown at once.
   */
  revealed: boolean;
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

export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;

export type Store = ClusterSlice &
  PlaybackSlice &
  RequestsSlice &
  UiSlice &
  HistorySlice &
  ScenarioSlice &
  LessonSlice &
  ViewSlice &
  PanelsSlice &
  ConsoleSlice &
  YamlSlice &
  ChallengeSlice;

/** The store as createAppStore builds it (zustand with immer's set). */
export type AppStore = UseBoundStore<Mutate<StoreApi<Store>, [['zustand/immer', never]]>>;
