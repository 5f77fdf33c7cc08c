// Which scenario the cluster came from: built-in scenarios and shared links replace the cluster (one
// undoable command each); Reset rebuilds the scenario's start.
import type { StateCreator } from 'zustand';
import {
  DEFAULT_SCENARIO_ID, getLesson, getScenario, loadScenario as loadYaml, rebuildFromShare, traceFromShare,
  type ClusterState, type SharePayload,
} from '../sim';
import type { ScenarioInfo, ScenarioOrigin, ScenarioSlice, Store } from './types';
import { fail, inform } from './cluster-slice';
import { recordTrace, specFor, targetFor } from './record';

export function builtinInfo(id: string): ScenarioInfo {
  return { id, title: getScenario(id)?.title ?? id, origin: { kind: 'builtin', id } };
}

export const DEFAULT_INFO: ScenarioInfo = builtinInfo(DEFAULT_SCENARIO_ID);
export const SHARED_TITLE = 'Shared link';

/** A built-in scenario's cluster, or the errors that stopped it (a bug in the scenario). */
export function buildBuiltin(id: string): { state: ClusterState } | { error: string } {
  const sc = getScenario(id);
  if (!sc) return { error: `There is no built-in scenario "${id}".` };
  const r = loadYaml(sc.yaml);
  if (!r.state) return { error: `Scenario "${sc.title}" could not be loaded: ${r.errors.map((e) => e.message).join('; ')}` };
  return { state: r.state };
}

export function buildOrigin(origin: ScenarioOrigin): { state: ClusterState } | { error: string } {
  if (origin.kind === 'builtin') return buildBuiltin(origin.id);
  return { state: rebuildFromShare(origin.payload).state };
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

export const createScenarioSlice: StateCreator<Store, [['zustand/immer', never]], [], ScenarioSlice> = (set) => ({
  scenario: DEFAULT_INFO,
  shareProblem: null,
  loadScenario: (id) =>
    set((s) => {
      const r = buildBuiltin(id);
      if ('error' in r) return void fail(s, r.error);
      replaceCluster(s, r.state, builtinInfo(id));
      s.lesson = null;
      inform(s, `Scenario "${s.scenario.title}" loaded. Undo (Ctrl+Z) brings back what you had.`);
    }),
  openShared: (payload: SharePayload) =>
    set((s) => {
      const { state, errors } = rebuildFromShare(payload);
      replaceCluster(s, state, { id: null, title: SHARED_TITLE, origin: { kind: 'share', payload } });
      const lesson = payload.lesson && getLesson(payload.lesson.id);
      s.lesson = lesson ? { id: lesson.id, step: Math.min(Math.max(0, payload.lesson!.step), lesson.steps.length), traces: [], seen: s.nextRequestId - 1 } : null;
      if (payload.trace) {
        const t = traceFromShare(s.cluster, payload.trace);
        if (t) {
          const rec = recordTrace(s, t, payload.trace);
          if (s.lesson) {
            s.lesson.traces.push(t);
            s.lesson.seen = rec.id;
          }
          const src = payload.trace.source;
          s.spec = { source: { ...src }, target: targetFor(s.cluster, payload.trace.target.ip, payload.trace.target.port) };
        }
      }
      if (errors.length) fail(s, `Opened the shared link, but some of its objects were refused: ${errors.join('; ')}`);
      else inform(s, `Opened a shared link: ${payload.objects.length} object${payload.objects.length === 1 ? '' : 's'}. Undo (Ctrl+Z) brings back what you had.`);
    }),
  resetCluster: () =>
    set((s) => {
      const r = buildOrigin(s.scenario.origin);
      if ('error' in r) return void fail(s, r.error);
      replaceCluster(s, r.state, s.scenario);
      if (s.lesson) s.lesson = { id: s.lesson.id, step: 0, traces: [], seen: s.nextRequestId - 1 };
      inform(s, `Back to the start of "${s.scenario.title}".`);
    }),
  reportShareProblem: (text) =>
    set((s) => {
      s.shareProblem = text === null ? null : { id: (s.shareProblem?.id ?? 0) + 1, text };
    }),
});
