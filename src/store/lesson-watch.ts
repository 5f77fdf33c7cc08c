// The simulator checks the lesson's current step after every change: a command, a request, or time
// passing (a step that waits for kube-proxy's next sync completes by itself). A challenge's
// objectives are judged the same way. Throttled: a tick comes
// ten times a second and a check may trace a probe packet on a copy of the cluster.
import type { AppStore } from './types';

const CHECK_EVERY_MS = 250;

export function startLessonWatch(store: AppStore): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let judged: unknown[] = [];
  const run = () => {
    timer = null;
    const st = store.getState();
    if (st.lesson) st.checkLesson();
    // A challenge's objectives run their commands on copies of the cluster (tens of ms each): again only
    // when what they depend on changed (objects, settings, kube-proxy's rules), not as the clock ticks.
    const c = st.cluster;
    if (
      st.challenge &&
      (c.objects !== judged[0] || c.settings !== judged[1] || c.proxies !== judged[2] || st.challenge.results === null)
    ) {
      judged = [c.objects, c.settings, c.proxies];
      st.checkChallenge();
    }
  };
  const unsub = store.subscribe((s, prev) => {
    if ((!s.lesson && !s.challenge) || timer) return;
    if (
      s.cluster !== prev.cluster ||
      s.requests !== prev.requests ||
      s.lesson !== prev.lesson ||
      (s.challenge !== prev.challenge && s.challenge?.results === prev.challenge?.results)
    )
      timer = setTimeout(run, CHECK_EVERY_MS);
  });
  return () => {
    unsub();
    if (timer) clearTimeout(timer);
  };
}
