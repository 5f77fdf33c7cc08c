// Which scenario the cluster came from: built-in scenarios and shared links replace the cluster (one
// undoable command each); Reset rebuilds the scenario's start.
import type { StateCreator } from 'zustand';
import { DEFAULT_SCENARIO_ID, DEFAULT_SCENARIO_TITLE, type ClusterState, type SharePayload } from '../sim';
import type { Store } from './types';
import { fail, inform, shortNotice } from './notices';
import { specFor, targetFor } from './targets';
import { recordTrace } from './requests-slice';
import { kit, type Kit } from './kit-loader';
import { loadFailure } from './lazy';

/** Where the current cluster started: Reset rebuilds it from here. */
export type ScenarioOrigin = { kind: 'builtin'; id: string } | { kind: 'share'; payload: SharePayload };

export interface ScenarioInfo {
  /** the built-in scenario's id, or null for a shared link */
  id: string | null;
  title: string;
  origin: ScenarioOrigin;
}

export interface ShareProblem {
  id: number;
  text: string;
}

export interface ScenarioSlice {
  scenario: ScenarioInfo;
  /** why the last share link could not be opened (role=alert), until dismissed */
  shareProblem: ShareProblem | null;
  loadScenario: (id: string) => void;
  /**
   * Rebuild the cluster from a decoded share link (or take `built`, the cluster the engine Worker built
   * from it), then send its request (if any) again.
   */
  openShared: (payload: SharePayload, built?: { state: ClusterState; errors: string[] }) => void;
  /** back to the scenario's start (undoable) */
  resetCluster: () => void;
  reportShareProblem: (text: string | null) => void;
}

export function builtinInfo(k: Kit, id: string): ScenarioInfo {
  return { id, title: k.getScenario(id)?.title ?? id, origin: { kind: 'builtin', id } };
}

export const DEFAULT_INFO: ScenarioInfo = {
  id: DEFAULT_SCENARIO_ID,
  title: DEFAULT_SCENARIO_TITLE,
  origin: { kind: 'builtin', id: DEFAULT_SCENARIO_ID },
};
export const SHARED_TITLE = 'Shared link';

/** A built-in scenario's cluster, or the errors that stopped it (a bug in the scenario). */
export function buildBuiltin(k: Kit, id: string): { state: ClusterState } | { error: string } {
  const sc = k.getScenario(id);
  if (!sc) return { error: `There is no built-in scenario "${id}".` };
  const r = k.loadScenario(sc.yaml);
  if (!r.state)
    return { error: `Scenario "${sc.title}" could not be loaded: ${r.errors.map((e) => e.message).join('; ')}` };
  return { state: r.state };
}

export function buildOrigin(k: Kit, origin: ScenarioOrigin): { state: ClusterState } | { error: string } {
  if (origin.kind === 'builtin') return buildBuiltin(k, origin.id);
  return { state: k.rebuildFromShare(origin.payload).state };
}

/**
 * The kit for a store action: at once if it is loaded; otherwise null, and the action runs again
 * once it is (or the user is told why it could not load).
 */
export function kitFor(set: (f: (s: Store) => void) => void, retry: () => void): Kit | null {
  return kit.orRetry(retry, (e) => set((s) => fail(s, loadFailure('the scenarios and lessons', e))));
}

/** Swap in another cluster: what was drawn, sent and selected belonged to the old one. */
export function replaceCluster(s: Store, cluster: ClusterState, info: ScenarioInfo) {
  s.cluster = cluster;
  s.scenario = info;
  s.ghosts = [];
  s.requests = [];
  s.counts = {};
  s.failed = 0;
  s.focusedRequest = null;
  s.selection = null;
  s.traffic.on = false;
  s.traffic.nextAt = cluster.now;
  s.chaos.on = false;
  s.spec = specFor(s);
}

export const createScenarioSlice: StateCreator<Store, [['zustand/immer', never]], [], ScenarioSlice> = (set, get) => ({
  scenario: DEFAULT_INFO,
  shareProblem: null,
  loadScenario: (id) => {
    const k = kitFor(set, () => get().loadScenario(id));
    if (!k) return;
    set((s) => {
      const r = buildBuiltin(k, id);
      if ('error' in r) return void fail(s, r.error);
      replaceCluster(s, r.state, builtinInfo(k, id));
      s.lesson = null;
      inform(s, `Scenario "${s.scenario.title}" loaded. Undo (Ctrl+Z) brings back what you had.`);
    });
  },
  openShared: (payload: SharePayload, built) => {
    const k = kitFor(set, () => get().openShared(payload, built));
    if (!k) return;
    set((s) => {
      const { state: made, errors } = built ?? k.rebuildFromShare(payload);
      // the Worker's cluster comes frozen, and a value put into a draft is not drafted: the request the
      // link replays below writes to the cluster (conntrack, the generator), so it gets its own copy
      const state = payload.trace && Object.isFrozen(made) ? structuredClone(made) : made;
      replaceCluster(s, state, { id: null, title: SHARED_TITLE, origin: { kind: 'share', payload } });
      const lesson = payload.lesson && k.getLesson(payload.lesson.id);
      s.lesson = lesson
        ? {
            id: lesson.id,
            step: Math.min(Math.max(0, payload.lesson!.step), lesson.steps.length),
            traces: [],
            seen: s.nextRequestId - 1,
          }
        : null;
      if (payload.trace) {
        const t = k.traceFromShare(s.cluster, payload.trace);
        if (t) {
          const rec = recordTrace(s, 'share', t, { replay: payload.trace });
          if (s.lesson) {
            s.lesson.traces.push(t);
            s.lesson.seen = rec.id;
          }
          const src = payload.trace.source;
          s.spec = {
            source: { ...src },
            target: targetFor(s.cluster, payload.trace.target.ip, payload.trace.target.port),
          };
        }
      }
      if (errors.length) fail(s, `Opened the shared link, but some of its objects were refused: ${errors.join('; ')}`);
      else
        inform(
          s,
          `Opened a shared link: ${payload.objects.length} object${payload.objects.length === 1 ? '' : 's'}. Undo (Ctrl+Z) brings back what you had.`,
        );
    });
  },
  resetCluster: () => {
    const k = kitFor(set, () => get().resetCluster());
    if (!k) return;
    set((s) => {
      const r = buildOrigin(k, s.scenario.origin);
      if ('error' in r) return void fail(s, r.error);
      replaceCluster(s, r.state, s.scenario);
      if (s.lesson) s.lesson = { id: s.lesson.id, step: 0, traces: [], seen: s.nextRequestId - 1 };
      inform(s, `Back to the start of "${s.scenario.title}".`);
    });
  },
  reportShareProblem: (text) =>
    set((s) => {
      s.shareProblem = text === null ? null : { id: (s.shareProblem?.id ?? 0) + 1, text: shortNotice(text) };
    }),
});
