// The lessons' actions (start, show me, check), loaded on first use like the lessons themselves (they
// need the scenario kit too): the slice (lesson-slice.ts) keeps the state and hands its actions here.
import type { LessonContext, Trace } from '../sim';
import type { Store } from './types';
import { fail, inform } from './notices';
import { buildBuiltin, builtinInfo, kitFor, replaceCluster } from './scenario-slice';
import { kit } from './kit-loader';
import { recordTrace } from './requests-slice';

type Set = (recipe: (s: Store) => void) => void;
type Get = () => Store;

/** Traces a lesson keeps for its checks (the request list itself is trimmed by continuous traffic). */
const KEEP_TRACES = 60;

function keep(traces: Trace[]): Trace[] {
  return traces.length > KEEP_TRACES ? traces.slice(traces.length - KEEP_TRACES) : traces;
}

/** Start a lesson: its scenario replaces the cluster (undoable). */
export function start(set: Set, get: Get, id: string): void {
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
}

/** Perform the current step with the engine, as the step's showMe says. */
export function showMe(set: Set, get: Get): void {
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
}

/** Run the current step's check against the cluster and the requests sent so far. */
export function check(set: Set, get: Get): void {
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
}
