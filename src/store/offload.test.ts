// The engine Worker gives the very cluster and link the page would compute itself: its requests are run
// here as the Worker runs them (offload-work.ts), every reply passed through structuredClone as
// postMessage does, and reassembled as the page does (offload.ts, state-parts.ts).
import { describe, expect, it } from 'vitest';
import { encodeShare, loadScenario, rebuildFromShare, shareFromState } from '../sim/scenario/kit';
import { fiftyObjectScenario } from '../sim/scenario/fixtures-50';
import { scaleDeployment } from '../sim/apiserver/api';
import { settle } from '../sim/step';
import type { ClusterState, SharePayload } from '../sim';
import { handleRequest } from './offload-work';
import { buildShared, openReceiver, openingText, type WorkerReply, type WorkerRequest } from './offload';
import { addPart, finishState, splitState } from './state-parts';
import { busyNow, onBusy, type Busy } from './busy';

function fifty(): ClusterState {
  const r = loadScenario(fiftyObjectScenario());
  if (!r.state) throw new Error('the 50-object scenario did not load');
  return r.state;
}

/** A cluster whose link needs Pod hints too (a scale-up after the objects were applied). */
function scaled(): ClusterState {
  const s = fifty();
  const d = Object.values(s.objects.deployments).find((x) => x.metadata.namespace === 'default')!;
  expect(scaleDeployment(s, d.metadata.namespace ?? 'default', d.metadata.name, 7).ok).toBe(true);
  settle(s);
  return s;
}

async function viaWorker(req: WorkerRequest): Promise<WorkerReply[]> {
  const replies: WorkerReply[] = [];
  await handleRequest(req, (m) => replies.push(structuredClone(m)));
  return replies;
}

describe('the engine Worker', () => {
  it.each([
    ['the 50-object scenario', fifty],
    ['a scaled Deployment (Pod hints)', scaled],
  ])(
    'opening a link of %s builds the same cluster as the page does',
    async (_, make) => {
      const payload: SharePayload = shareFromState(make()).payload;
      const direct = rebuildFromShare(structuredClone(payload));
      const seen: Busy[] = [];
      const take = openReceiver((b) => seen.push(b));
      let built = null;
      for (const m of await viaWorker({ id: 1, op: 'open', payload })) built = take(m) ?? built;
      expect(built).not.toBeNull();
      expect(built!.errors).toEqual(direct.errors);
      expect(built!.state).toEqual(direct.state);
      // the keys keep their order (the engine iterates records in insertion order)
      expect(Object.keys(built!.state.objects.pods)).toEqual(Object.keys(direct.state.objects.pods));
      expect(Object.keys(built!.state.runtime)).toEqual(Object.keys(direct.state.runtime));
      // frozen as the store would freeze it, so the store does not walk it again
      expect(Object.isFrozen(built!.state)).toBe(true);
      expect(Object.isFrozen(Object.values(built!.state.objects.pods)[0].metadata)).toBe(true);
      // progress: objects counted, then the cluster settling, then arriving
      const n = payload.objects.length;
      expect(seen[0].text).toBe(openingText(0, n));
      expect(seen.map((b) => b.text)).toContain(`Opening the link… the cluster is settling (${n} objects)`);
      expect(seen.at(-1)!.text).toBe(`Opening the link… drawing the cluster (${n} objects)`);
    },
    30_000,
  );

  it('a link with a refused object reports the same errors', async () => {
    const payload = shareFromState(fifty()).payload;
    payload.objects.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'Bad_Name' }, spec: {} } as never);
    const direct = rebuildFromShare(structuredClone(payload));
    expect(direct.errors.length).toBeGreaterThan(0);
    const take = openReceiver();
    let built = null;
    for (const m of await viaWorker({ id: 2, op: 'open', payload })) built = take(m) ?? built;
    expect(built!.errors).toEqual(direct.errors);
    expect(built!.state).toEqual(direct.state);
  });

  it('an error in the Worker reaches the page as an error, not a cluster', () => {
    const take = openReceiver();
    expect(() => take({ id: 3, type: 'error', message: 'boom' })).toThrow('boom');
  });

  it('making a link gives the same fragment as the page does', async () => {
    const s = scaled();
    const b = shareFromState(s);
    const want = await encodeShare(b.payload);
    const replies = await viaWorker({ id: 4, op: 'share', cluster: structuredClone(s), options: {} });
    expect(replies).toEqual([{ id: 4, type: 'share', fragment: want, exact: b.exact, differences: b.differences }]);
  }, 30_000);

  it('split into parts and put back, a cluster is the same cluster', () => {
    const s = scaled();
    const { skeleton, parts } = splitState(s);
    expect(parts.length).toBeGreaterThan(3);
    // the original is not touched
    expect(Object.keys(s.objects.pods).length).toBeGreaterThan(0);
    const back = structuredClone(skeleton);
    for (const p of parts) addPart(back, structuredClone(p));
    expect(finishState(back)).toEqual(s);
  });
});

describe('buildShared without a Worker (Node, or a Worker that failed)', () => {
  it('builds on the page, one job at a time, and says so while it runs', async () => {
    const payload = shareFromState(fifty()).payload;
    const seen: (string | null)[] = [];
    const stop = onBusy(() => seen.push(busyNow()?.text ?? null));
    const order: string[] = [];
    const job = (name: string) => () => {
      order.push(`${name} starts`);
      expect(busyNow()?.text).toBe(openingText(0, payload.objects.length));
      const r = rebuildFromShare(payload);
      order.push(`${name} ends`);
      return r;
    };
    const [a, b] = await Promise.all([buildShared(payload, job('a')), buildShared(payload, job('b'))]);
    stop();
    expect(order).toEqual(['a starts', 'a ends', 'b starts', 'b ends']);
    expect(a.state).toEqual(b.state);
    expect(busyNow()).toBeNull();
    expect(seen).toEqual([openingText(0, payload.objects.length), null, openingText(0, payload.objects.length), null]);
  });
});

describe("the store takes the Worker's cluster", () => {
  it('a link with a request opens from the frozen cluster, replays the request, and Undo brings the work back', async () => {
    const { createAppStore } = await import('./index');
    const { kit } = await import('./kit-loader');
    const { defaultCluster } = await import('../sim');
    await kit.load();
    const s = defaultCluster();
    const ip = s.objects.services['default/frontend-svc'].spec.clusterIP!;
    const payload = shareFromState(s, {
      trace: { source: { kind: 'pod', namespace: 'default', name: 'busybox' }, target: { ip, port: 80 } },
    }).payload;
    const take = openReceiver();
    let built = null;
    for (const m of await viaWorker({ id: 5, op: 'open', payload })) built = take(m) ?? built;
    expect(Object.isFrozen(built!.state)).toBe(true);

    const store = createAppStore();
    const before = store.getState().cluster;
    store.getState().openShared(payload, built!);
    const st = store.getState();
    expect(st.scenario.title).toBe('Shared link');
    expect(st.requests).toHaveLength(1);
    expect(st.requests[0].trace?.verdict).toBe('delivered');
    // the same as opening it on the page
    const direct = createAppStore();
    direct.getState().openShared(payload);
    expect(st.cluster).toEqual(direct.getState().cluster);
    expect(st.requests[0].trace).toEqual(direct.getState().requests[0].trace);
    st.undo();
    expect(store.getState().cluster).toBe(before);
  });
});
