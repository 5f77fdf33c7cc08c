// Guided lessons, as a small state machine: no lesson → step n of m → done. The simulator checks the
// current step after every change (checkLesson, run by a store subscription); "Show me" performs it.
import type { StateCreator } from 'zustand';
import type { Trace } from '../sim';
import type { Store } from './types';
import { fail } from './notices';
import { lazyModule, loadFailure } from './lazy';

// the actions' code loads on first use (with the kit they need): lesson-run.ts
export const lessonModule = lazyModule(() => import('./lesson-run'));

function lessonRun(set: (recipe: (s: Store) => void) => void, retry: () => void) {
  return lessonModule.orRetry(retry, (e) => set((s) => fail(s, loadFailure('the lessons', e))));
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

export const createLessonSlice: StateCreator<Store, [['zustand/immer', never]], [], LessonSlice> = (set, get) => ({
  lesson: null,
  startLesson: (id) => lessonRun(set, () => get().startLesson(id))?.start(set, get, id),
  exitLesson: () =>
    set((s) => {
      s.lesson = null;
      s.predict = false;
    }),
  showMe: () => lessonRun(set, () => get().showMe())?.showMe(set, get),
  checkLesson: () => {
    if (!get().lesson) return;
    // quietly: the watcher checks again after the next change
    lessonModule.orRetry(() => get().checkLesson())?.check(set, get);
  },
});
