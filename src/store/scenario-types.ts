// The shapes of the scenario-side slices: history (undo/redo), the scenario in use, the lesson in
// progress, and how the screen is shown (presentation, read-only).
import type { ClusterState, SharePayload, Trace } from '../sim';
import type { Ghost } from './types';

/** Where the current cluster started: Reset rebuilds it from here. */
export type ScenarioOrigin = { kind: 'builtin'; id: string } | { kind: 'share'; payload: SharePayload };

export interface ScenarioInfo {
  /** the built-in scenario's id, or null for a shared link */
  id: string | null;
  title: string;
  origin: ScenarioOrigin;
}

export interface LessonProgress {
  id: string;
  /** index of the step being worked on; steps.length when the lesson is complete */
  step: number;
  /** the requests sent since the lesson started (what the steps' checks look at), oldest first */
  traces: Trace[];
  /** the last request id already copied into traces */
  seen: number;
}

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

export interface ShareProblem {
  id: number;
  text: string;
}

export interface ScenarioSlice {
  scenario: ScenarioInfo;
  /** why the last share link could not be opened (role=alert), until dismissed */
  shareProblem: ShareProblem | null;
  loadScenario: (id: string) => void;
  /** Rebuild the cluster from a decoded share link, then send its request (if any) again. */
  openShared: (payload: SharePayload) => void;
  /** back to the scenario's start (undoable) */
  resetCluster: () => void;
  reportShareProblem: (text: string | null) => void;
}

export interface LessonSlice {
  lesson: LessonProgress | null;
  /** start a lesson: loads its scenario (undoable) */
  startLesson: (id: string) => void;
  /** leave the lesson; the cluster stays as it is */
  exitLesson: () => void;
  /** perform the current step with the engine (as the step's showMe says) */
  showMe: () => void;
  /** run the current step's check against the cluster and the requests sent so far (never history) */
  checkLesson: () => void;
}

/** the dock section (by its id) or the bottom panel shown while presenting; none: the canvas alone */
export type PresentPanel = 'none' | 'lessons' | 'trace' | 'send' | 'selection' | 'cluster' | 'bottom';

export interface ViewSlice {
  presenting: boolean;
  /** the one dock panel shown while presenting */
  presentPanel: PresentPanel;
  readOnly: boolean;
  /** the keyboard shortcut list is open */
  shortcutsOpen: boolean;
  setShortcutsOpen: (open: boolean) => void;
  setPresenting: (on: boolean) => void;
  setPresentPanel: (p: PresentPanel) => void;
  setReadOnly: (on: boolean) => void;
}
