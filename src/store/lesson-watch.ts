// The simulator checks the lesson's current step after every change: a command, a request, or time
// passing (a step that waits for kube-proxy's next sync completes by itself). Throttled: a tick comes
// ten times a second and a check may trace a probe packet on a copy of the cluster.
import type { AppStore } from './types';

const CHECK_EVERY_MS = 250;

export function startLessonWatch(store: AppStore): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    store.getState().checkLesson();
  };
  const unsub = store.subscribe((s, prev) => {
    if (!s.lesson || timer) return;
    if (s.cluster !== prev.cluster || s.requests !== prev.requests || s.lesson !== prev.lesson)
      timer = setTimeout(run, CHECK_EVERY_MS);
  });
  return () => {
    unsub();
    if (timer) clearTimeout(timer);
  };
}
