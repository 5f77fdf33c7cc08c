// Challenges in the store: starting one replaces the cluster (undoable), the objectives are judged on
// the cluster as the console leaves it, a solved challenge is remembered, hints are counted.
import { describe, expect, it } from 'vitest';
import { createAppStore } from './index';
import { kit } from './kit-loader';
import { challengeModule } from './challenge-slice';
import { shell } from './shell-loader';

describe('challenge slice', () => {
  it('start, fail, fix from the console, solved; undo brings back the cluster from before', async () => {
    await Promise.all([kit.load(), challengeModule.load(), shell.load()]);
    const store = createAppStore();
    const before = store.getState().cluster;
    store.getState().startChallenge({ name: 'service-port' });
    const st = store.getState();
    expect(st.challenge?.name).toBe('service-port');
    expect(st.scenario.title).toBe('Challenge: Wrong door number');
    expect(st.challenge?.results?.map((r) => r.met)).toEqual([false]);
    expect(st.past.at(-1)?.label).toBe('start a challenge');

    store.getState().showChallengeHint();
    expect(store.getState().challenge?.hints).toBe(1);
    expect(store.getState().challengeProgress['service-port']).toEqual({ solved: false, hints: 1 });

    store
      .getState()
      .runConsole(`kubectl patch svc web --type json -p '[{"op":"replace","path":"/spec/ports/0/port","value":80}]'`);
    store.getState().checkChallenge();
    // kube-proxy has not synced yet: the nodes still catch port 8080 only
    expect(store.getState().challenge?.solved).toBe(false);
    for (let i = 0; i < 30; i++) store.getState().tick(100);
    store.getState().checkChallenge();
    expect(store.getState().challenge?.solved).toBe(true);
    expect(store.getState().challengeProgress['service-port'].solved).toBe(true);

    // Start over rebuilds the broken cluster, not the scenario it came from
    store.getState().resetCluster();
    store.getState().checkChallenge();
    expect(store.getState().challenge?.results?.map((r) => r.met)).toEqual([false]);
    expect(store.getState().cluster.objects.services['default/web'].spec.ports?.[0].port).toBe(8080);

    store.getState().undo();
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().cluster).toBe(before);
  }, 60_000);

  it('a challenge file with mistakes is not started; its errors are kept for the panel', async () => {
    await Promise.all([kit.load(), challengeModule.load(), shell.load()]);
    const store = createAppStore();
    const before = store.getState().cluster;
    store.getState().startChallenge({ yaml: 'kind: Challenge\n', source: 'mine.yaml' });
    expect(store.getState().cluster).toBe(before);
    expect(store.getState().challenge).toBeNull();
    expect(store.getState().challengeErrors?.[0]).toBe('mine.yaml: apiVersion: must be playground.k8s.local/v1alpha1');
    expect(store.getState().challengeErrors).toContain(
      'mine.yaml: objectives: Required value: at least one objective {text, run, times, expect}',
    );
  });
});
