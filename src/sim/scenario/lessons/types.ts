// A guided lesson: steps the learner performs, each checked by the simulator itself.
import type { ClusterState } from '../../model/state';
import type { Trace } from '../../net/trace-types';

export interface LessonContext {
  /** the requests the learner sent recently, oldest first (the UI keeps them; show-me appends to them) */
  traces: Trace[];
}

/** A console line: typed as is, or computed from the cluster as it is when the line comes (a Pod's name, a port). */
export type ConsoleLine = string | ((state: ClusterState, ctx: LessonContext) => string);

export interface LessonStep {
  /** stable within the lesson (progress is stored by index; ids help when steps are edited) */
  id: string;
  /** plain English; may name kubectl commands the console accepts */
  instruction: string;
  /**
   * Whether the step is done. Pure: it never changes `state` (probes run on a copy), so the UI may
   * call it on a frozen store state after every action.
   */
  check: (state: ClusterState, ctx: LessonContext) => boolean;
  hints: string[];
  /**
   * The step completes by itself as virtual time passes (e.g. kube-proxy's next sync); show-me only
   * fast-forwards. Its check may already pass when the learner reaches it.
   */
  waits?: boolean;
  /**
   * Performs the step with engine calls (no shell). Mutates `state` (the UI passes an immer draft).
   * Requests it sends are appended to `ctx.traces` so the canvas can replay them. After it, and
   * possibly settle(), `check` passes.
   */
  showMe: (state: ClusterState, ctx?: LessonContext) => void;
  /**
   * The step done from the console alone, as a learner would type it (the lesson lint runs these lines
   * on the master's shell, waiting for the cluster to settle after each). Absent only where the step is
   * a control outside the cluster's machines (consoleless says which).
   */
  console?: ConsoleLine[];
  /** why this step has no console route (the machine room, not a shell) */
  consoleless?: string;
}

export type ObjectiveId = 'grouping' | 'kube-proxy' | 'discovery' | 'service-types';

export interface Lesson {
  id: string;
  title: string;
  /** which of the chapter's four learning objectives it serves */
  objective: ObjectiveId;
  /** the built-in scenario the lesson starts from */
  scenario: string;
  /** one or two sentences shown before the first step */
  summary: string;
  steps: LessonStep[];
}
