// Guided lessons, as a small state machine: no lesson → step n of m → done. The simulator checks the
// current step after every change (checkLesson, run by a store subscription); "Show me" performs it.
import type { StateCreator } from 'zustand';
import type { LessonContext, Trace } from '../sim';
import type { Store } from './types';
import { fail, inform } from './notices';
import { buildBuiltin, builtinInfo, kitFor, replaceCluster } from './scenario-slice';
import { kit } from './kit-loader';
import { recordTrace } from './requests-slice';

export interface LessonProgress {
  id: string;
  /** index of the step being worked on; steps.length when the lesson is complete */
  step: number;
  /** the requests sent since the lesson started (what the steps' checks look at), oldest first */
  traces: Trace[];
  /** the last request id already copied into traces */
  seen: number;
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

/** Traces a lesson keeps for its checks (the request list itself is trimmed by continuous traffic). */
const KEEP_TRACES = 60;

function keep(traces: Trace[]): Trace[] {
  return traces.length > KEEP_TRACES ? traces.slice(traces.length - KEEP_TRACES) : traces;
}

export const createLessonSlice: StateCreator<Store, [['zustand/immer', never]], [], LessonSlice> = (set, get) => ({
  lesson: null,
  startLesson: (id) => {
    const k = kitFor(set, () => get().startLesson(id));
    if (!k) return;
    set((s) => {
      const lesson = k.getLesson(id);
      if (!lesson) return void fail(s, `There is no lesson "${id}".`);
      const r = buildBuiltin(k, lesson.scenario);
      if ('error' in r) return void fail(s, r.error);
      replaceCluster(s, r.state, builtinInfo(k, lesson.scenario));
      s.lesson = { id, step: 0, traces: [], seen: s.nextRequestId - 1 };
      s.challenge = null;
      // in a lesson the learner predicts before a packet moves (the trace panel can turn it off)
      s.predict = true;
      inform(s, `Lesson started on the scenario "${s.scenario.title}". Undo (Ctrl+Z) brings back what you had.`);
    });
  },
  exitLesson: () =>
    set((s) => {
      s.lesson = null;
      s.predict = false;
    }),
  showMe: () => {
    const k = kitFor(set, () => get().showMe());
    if (!k) return;
    const cur = get().lesson;
    const lesson = cur && k.getLesson(cur.id);
    if (!cur || !lesson) return;
    const step = lesson.steps[cur.step];
    if (!step) return;
    // A plain array: show-me appends the requests it sends; the checks read them.
    const ctx: LessonContext = { traces: cur.traces.slice() };
    try {
      set((s) => {
        step.showMe(s.cluster, ctx);
        const sent = ctx.traces.slice(cur.traces.length);
        let seen = s.lesson!.seen;
        for (const t of sent) seen = recordTrace(s, 'lesson', t).id;
        s.lesson!.traces = keep(ctx.traces);
        s.lesson!.seen = seen;
      });
    } catch (e) {
      // a show-me that cannot run here (the learner changed the cluster under it): nothing was changed
      set(
        (s) =>
          void fail(
            s,
            `Show me could not do this step on the cluster as it is now (${(e as Error).message}). Reset the scenario and try again.`,
          ),
      );
      return;
    }
    get().checkLesson();
  },
  checkLesson: () => {
    if (!get().lesson) return;
    // quietly: the watcher checks again after the next change
    const k = kit.orRetry(() => get().checkLesson());
    if (!k) return;
    const st = get();
    const cur = st.lesson;
    if (!cur) return;
    const lesson = k.getLesson(cur.id);
    // a lesson saved by another version of the app that no longer has it
    if (!lesson) return void set((s) => void (s.lesson = null));
    // the learner's requests (the Send form, the console), each once its packet has arrived: a step is
    // not passed before the class has seen what happened
    const after = st.requests.filter((r) => r.id > cur.seen);
    const waiting = after.findIndex((r) => r.manual && !r.revealed);
    const fresh = (waiting < 0 ? after : after.slice(0, waiting)).filter((r) => r.manual && r.trace);
    const traces = fresh.length ? keep([...cur.traces, ...fresh.map((r) => r.trace!)]) : cur.traces;
    const step = k.advanceLesson(lesson, cur.step, st.cluster, { traces: traces.slice() });
    if (step === cur.step && !fresh.length) return;
    set((s) => {
      if (!s.lesson || s.lesson.id !== cur.id) return;
      s.lesson.traces = traces;
      if (fresh.length) s.lesson.seen = fresh[fresh.length - 1].id;
      s.lesson.step = step;
    });
  },
});
