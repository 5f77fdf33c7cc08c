// Undo and redo. Every user command is an action; installHistory wraps them all so that a command
// that changed the user's world (the cluster's objects or settings) pushes the state from before it.
// Simulation ticks change objects too, but they are not commands and never enter history. immer's
// structural sharing keeps a snapshot cheap: it shares every object the command did not touch.
import type { StateCreator } from 'zustand';
import type { ClusterState } from '../sim';
import type { AppStore, Ghost, Store } from './types';
import type { ScenarioInfo } from './scenario-slice';
import type { LessonProgress } from './lesson-slice';
import { kit } from './kit-loader';
import { fail, inform } from './notices';

/** What undo restores: the cluster and what belongs with it. */
export interface Snapshot {
  cluster: ClusterState;
  ghosts: Ghost[];
  scenario: ScenarioInfo;
  lesson: LessonProgress | null;
  /** what the command did, for the Undo button's tooltip ("kill Pod frontend-…") */
  label: string;
}

export interface HistorySlice {
  past: Snapshot[];
  future: Snapshot[];
  undo: () => void;
  redo: () => void;
}

/** Snapshots kept; the oldest are dropped past this. */
export const HISTORY_LIMIT = 60;

/** Actions that are not commands: time, requests (they change only conntrack and the generator), view state. */
/** The store's actions by name: a rename shows up here as a type error, not as a silently lost label. */
type Action = { [K in keyof Store]: Store[K] extends (...args: never[]) => unknown ? K : never }[keyof Store];

const NOT_COMMANDS: ReadonlySet<string> = new Set<Action>([
  'tick',
  'undo',
  'redo',
  'checkLesson',
  'send',
  'dismissNotice',
  'reportShareProblem',
  'pollWatch',
  'sleepStep',
  'revealRequest',
  'revealRequests',
  'meetCluster',
  'focusRequest',
  'setPredict',
  'setFollowPacket',
]);

export function snapshotOf(s: Store, label: string): Snapshot {
  return { cluster: s.cluster, ghosts: s.ghosts, scenario: s.scenario, lesson: s.lesson, label };
}

/** Put a snapshot back (inside a recipe). The clock is the snapshot's: undo rewinds time with it. */
function restore(s: Store, snap: Snapshot) {
  s.cluster = snap.cluster;
  s.ghosts = snap.ghosts;
  s.scenario = snap.scenario;
  s.lesson = snap.lesson;
  // generators fire relative to the clock, which may have moved back
  s.traffic.nextAt = snap.cluster.now;
  s.chaos.nextAt = snap.cluster.now + 2000;
}

export const createHistorySlice: StateCreator<Store, [['zustand/immer', never]], [], HistorySlice> = (set) => ({
  past: [],
  future: [],
  undo: () =>
    set((s) => {
      if (s.readOnly) return void refuse(s, 'undo');
      const snap = s.past.pop();
      if (!snap) return;
      s.future.push(snapshotOf(s as Store, snap.label));
      restore(s, snap);
      inform(s, `Undone: ${snap.label}.`);
    }),
  redo: () =>
    set((s) => {
      if (s.readOnly) return void refuse(s, 'redo');
      const snap = s.future.pop();
      if (!snap) return;
      s.past.push(snapshotOf(s as Store, snap.label));
      restore(s, snap);
      inform(s, `Redone: ${snap.label}.`);
    }),
});

export function refuse(s: Store, what: string) {
  fail(s, `Read-only view: ${what} was not done. Turn off "Read-only" to make changes.`);
}

/** Words for the Undo button's tooltip, from the action and its arguments. */
function labelOf(name: Action, args: unknown[], s: Store): string {
  // (only scalars are named; an object argument can be a whole cluster, which is not stringified)
  const a = args.map((x) => (typeof x === 'string' ? x : typeof x === 'object' && x !== null ? '' : JSON.stringify(x)));
  switch (name) {
    case 'killPod':
      return `kill Pod ${a[1]}`;
    case 'scaleDeployment':
      return `scale ${a[1]} to ${a[2]}`;
    case 'setPodLabel':
      return `label Pod ${a[1]}`;
    case 'addNode':
      return 'add a node';
    case 'drainNode':
      return `drain ${a[0]}`;
    case 'uncordonNode':
      return `uncordon ${a[0]}`;
    case 'removeNode':
      return `remove ${a[0]}`;
    case 'setCloudLoadBalancer':
      return `turn the cloud controller ${args[0] ? 'on' : 'off'}`;
    case 'setProxyMode':
      return `switch kube-proxy to ${a[0]} mode`;
    case 'setServiceType':
      return `make ${a[1]} ${a[2]}`;
    case 'addExternalIP':
      return `add external IP ${a[2]} to ${a[1]}`;
    case 'setExternalRoute':
      return args[1] ? `route ${a[0]} to ${a[1]}` : `remove the route for ${a[0]}`;
    case 'clearExternalIPs':
      return `remove ${a[1]}'s external IPs`;
    case 'resetCluster':
      return 'reset';
    case 'loadScenario':
      return `open scenario "${s.scenario.title}"`;
    case 'startLesson':
      return `start lesson "${kit.loaded()?.getLesson(String(args[0]))?.title ?? a[0]}"`;
    case 'openShared':
      return 'open a shared link';
    case 'showMe':
      return 'show me';
    case 'startChallenge':
      return `start a challenge`;
    case 'runConsole':
    case 'continueConsole':
      return `run "${a[0]}"`;
    case 'applyYaml':
      return `${a[0] === 'import' ? 'import' : 'apply'} YAML`;
    default:
      return name.replace(/([A-Z])/g, ' $1').toLowerCase();
  }
}

/**
 * Wrap every action of the store as a command: run it; if the user's world changed, record the state
 * from before it (or, in the read-only view, put it all back and say why). Nested actions count once.
 */
export function installHistory(store: AppStore) {
  let depth = 0;
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(store.getState())) {
    if (typeof fn !== 'function' || NOT_COMMANDS.has(name)) continue;
    const action = name as Action; // a function of the store: one of its actions
    wrapped[name] = (...args: unknown[]) => {
      if (depth > 0) return (fn as (...x: unknown[]) => unknown)(...args);
      const before = store.getState();
      depth++;
      let result: unknown;
      try {
        result = (fn as (...x: unknown[]) => unknown)(...args);
      } finally {
        depth--;
      }
      const after = store.getState();
      const changed =
        after.cluster.objects !== before.cluster.objects || after.cluster.settings !== before.cluster.settings;
      if (!changed) return result;
      if (before.readOnly) {
        // everything the command did (requests, notices, lesson steps) goes back with the cluster
        store.setState(before, true);
        store.setState((s) => {
          // request ids are never reused: the packet layer already saw the refused command's requests
          s.nextRequestId = after.nextRequestId;
          refuse(s, labelOf(action, args, after));
        });
        return result;
      }
      const snap = snapshotOf(before, labelOf(action, args, after));
      store.setState((s) => {
        s.past.push(snap);
        if (s.past.length > HISTORY_LIMIT) s.past.splice(0, s.past.length - HISTORY_LIMIT);
        s.future = [];
      });
      return result;
    };
  }
  store.setState(wrapped as Partial<Store>);
}
