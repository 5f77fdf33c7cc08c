// A large cluster ticks in the engine Worker (offload.ts tickInWorker, offload-work.ts): the Worker keeps
// a copy, is sent what changed (identityDiff), ticks, and answers what changed (deepDiff), which the
// page applies to its immutable cluster (applyFrozen). The page must end up with the very cluster it
// would have computed itself, key order included (the engine iterates objects in key order), sharing
// what did not change.
import { describe, expect, it, vi } from 'vitest';
import { produce } from 'immer';
import { actions, defaultCluster, nextWake, settle, type ClusterState } from '../sim';
import { scaleDeployment } from '../sim/apiserver/api';
import { applyFrozen, applyInPlace, deepDiff, identityDiff, same } from './tick-diff';
import { handleRequest } from './offload-work';
import { pageTick, workerTick } from './tick-testing';
import type { Patch } from './tick-diff';
import type { WorkerReply, WorkerRequest } from './offload';
import { shareFromState } from '../sim/scenario/kit';
import { createAppStore } from './index';
import { workOf } from './persist-base';

const json = (x: unknown) => JSON.stringify(x);

describe('patches between versions of the cluster', () => {
  const base = produce(
    { a: { x: 1, y: [1, 2, 3] }, b: { deep: { z: 'q' } }, list: [{ n: 1 }, { n: 2 }, { n: 3 }] },
    () => {},
  );

  it('the page: a change made with immer, found by identity and applied, gives the same tree sharing the rest', () => {
    const next = produce(base, (d) => {
      d.a.x = 2;
      (d as Record<string, unknown>).c = { new: true };
      d.list.shift();
      d.list.push({ n: 4 });
    });
    const patches = identityDiff(base, next);
    // the list: the old tail kept, one item added (not the whole list again)
    expect(patches.find((p) => p.p.join() === 'list')).toMatchObject({ keep: [1, 3] });
    const got = applyFrozen(base, patches);
    expect(json(got)).toBe(json(next));
    expect(got.b).toBe(base.b);
    expect(got.list[0]).toBe(base.list[1]);
    expect(Object.isFrozen(got) && Object.isFrozen(got.a) && Object.isFrozen((got as Record<string, unknown>).c)).toBe(
      true,
    );
  });

  it('the Worker: a change made in place, found against a copy and applied, gives the same tree, key order too', () => {
    const before = structuredClone(base) as unknown as Record<string, Record<string, unknown>>;
    const s = structuredClone(base) as unknown as Record<string, Record<string, unknown>>;
    delete s.a.x;
    s.a.x = 5; // (now after y: the order changed)
    (s.b.deep as Record<string, unknown>).w = 1;
    const patches = deepDiff(before, s);
    const got = applyFrozen(base, patches);
    expect(json(got)).toBe(json(s));
    expect(Object.keys(got.a)).toEqual(['y', 'x']);
    // and in place, as the Worker brings its copy in step
    const copy = structuredClone(base) as unknown as Record<string, unknown>;
    expect(json(applyInPlace(copy, patches))).toBe(json(s));
  });

  it('no change, no patch', () => {
    expect(identityDiff(base, base)).toEqual([]);
    expect(deepDiff(base, structuredClone(base))).toEqual([]);
    expect(same({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe(false);
  });
});

let lastWake: number | null | undefined;
async function worker(req: WorkerRequest): Promise<Patch[]> {
  const r = await workerTick(req);
  lastWake = r.wake;
  return r.patches;
}

describe('a large cluster ticked in the engine Worker', () => {
  it('gives the cluster the page would compute, tick after tick, with commands between and a result let go', async () => {
    let page = defaultCluster();
    settle(page);
    page = produce(page, (d) => void scaleDeployment(d, 'default', 'frontend', 320));
    let viaWorker = page;
    let synced: { cluster: ClusterState; base: 'mirror' | 'prev' } | null = null;
    const ticks = 60;
    for (let i = 0; i < ticks; i++) {
      const to = page.now + 250;
      const reconcileFirst = i % 10 === 0;
      const from = synced
        ? { base: synced.base, patches: identityDiff(synced.cluster, viaWorker) }
        : { base: 'full' as const, cluster: viaWorker };
      const patches = await worker({ id: i, op: 'tick', to, reconcile: reconcileFirst, ...from });
      if (i === 20) {
        // a command ran meanwhile: the page lets the result go, and the next tick starts from the command
        synced = { cluster: viaWorker, base: 'prev' };
        const kill = (c: ClusterState) =>
          produce(c, (d) => {
            const victim = Object.values(d.objects.pods).find((p) => p.metadata.name.startsWith('frontend-'))!;
            actions.killPod(d, 'default', victim.metadata.name);
          });
        viaWorker = kill(viaWorker);
        page = kill(page);
        continue;
      }
      const after = applyFrozen(viaWorker, patches);
      synced = { cluster: after, base: 'mirror' };
      // untouched parts are the very objects they were (what React's memo and undo rely on)
      for (const [k, pod] of Object.entries(after.objects.pods)) {
        const was = viaWorker.objects.pods[k];
        if (was && json(was) === json(pod)) expect(pod).toBe(was);
      }
      expect(Object.isFrozen(after.objects.pods)).toBe(true);
      viaWorker = after;
      page = pageTick(page, to, reconcileFirst);
      expect(json(viaWorker), `tick ${i}`).toBe(json(page));
      expect(lastWake, `tick ${i}: the next wake`).toBe(nextWake(page));
      if (i === 40) {
        const scale = (c: ClusterState) => produce(c, (d) => void scaleDeployment(d, 'default', 'frontend', 5));
        viaWorker = scale(viaWorker);
        page = scale(page);
      }
    }
    // the scale-up happened: hundreds of Pods, then the scale-down
    expect(Object.keys(page.objects.pods).length).toBeGreaterThan(5);
    expect(page.now).toBeGreaterThan(defaultCluster().now + 10_000);
  }, 60_000);

  it('a patch against a copy the Worker does not have is refused with a message, not applied', async () => {
    const replies: WorkerReply[] = [];
    // (a fresh module state cannot be had here; a 'prev' request after a 'full' one is fine, so use a path that is not there)
    await handleRequest(
      { id: 1, op: 'tick', to: 0, reconcile: false, base: 'full', cluster: defaultCluster() },
      () => {},
    );
    await handleRequest(
      { id: 2, op: 'tick', to: 0, reconcile: false, base: 'mirror', patches: [{ p: ['nothing', 'here', 'x'], v: 1 }] },
      (m) => replies.push(m),
    );
    expect(replies[0].type).toBe('error');
  });
});

describe("a large cluster's autosave made in the engine Worker", () => {
  it('is the text the page would write, and the cluster-less one for a full storage', async () => {
    const store = createAppStore();
    const c = produce(store.getState().cluster, (d) => void scaleDeployment(d, 'default', 'frontend', 40));
    const work = { ...workOf({ ...store.getState(), cluster: c }, '#x', false), cluster: null };
    const replies: WorkerReply[] = [];
    await handleRequest(structuredClone({ id: 7, op: 'save', work, base: 'full', cluster: c }), (m) => replies.push(m));
    const r = replies[0];
    if (r.type !== 'saved') throw new Error(r.type);
    const payload = shareFromState(c, { verify: false }).payload;
    const page = { ...workOf({ ...store.getState(), cluster: c }, '#x', false), payload };
    expect(r.text).toBe(JSON.stringify({ ...page, savedAt: work.savedAt }));
    expect(JSON.parse(r.withoutCluster!)).toMatchObject({
      cluster: null,
      payload: JSON.parse(JSON.stringify(payload)),
    });
    // then patches to its copy: a change on the page is in the next save
    const c2 = produce(c, (d) => void scaleDeployment(d, 'default', 'frontend', 41));
    replies.length = 0;
    await handleRequest(
      structuredClone({ id: 8, op: 'save', work, base: 'mirror', patches: identityDiff(c, c2) }),
      (m) => replies.push(m),
    );
    const r2 = replies[0];
    if (r2.type !== 'saved') throw new Error(r2.type);
    expect(JSON.parse(r2.text).cluster).toEqual(JSON.parse(JSON.stringify(c2)));
  });

  it('a cluster of surely too many Pods for storage is saved from its payload, not turned into text', async () => {
    // 11,000 Pods: at 500 characters each (their JSON is over 1,500) more than localStorage's 5 MB
    const store = createAppStore();
    const c = produce(store.getState().cluster, (d) => {
      const tpl = Object.values(d.objects.pods).find((p) => p.metadata.name.startsWith('frontend-'))!;
      for (let i = 0; i < 11_000; i++) {
        const p = structuredClone(JSON.parse(JSON.stringify(tpl)) as typeof tpl);
        p.metadata.name = `frontend-bulk-${i}`;
        d.objects.pods[`default/${p.metadata.name}`] = p;
      }
    });
    const work = { ...workOf({ ...store.getState(), cluster: c }, '#x', false), cluster: null };
    const replies: WorkerReply[] = [];
    const request = structuredClone({ id: 9, op: 'save' as const, work, base: 'full' as const, cluster: c });
    // (the 20 MB text of the whole cluster is never made)
    const stringify = vi.spyOn(JSON, 'stringify');
    await handleRequest(request, (m) => replies.push(m));
    const longest = Math.max(...stringify.mock.results.map((x) => String(x.value).length));
    stringify.mockRestore();
    expect(longest).toBeLessThan(5 * 1024 * 1024);
    const r = replies[0];
    if (r.type !== 'saved') throw new Error(r.type);
    expect(r.text).toBe(r.withoutCluster);
    expect(JSON.parse(r.text)).toMatchObject({ cluster: null });
    expect(JSON.parse(r.text).payload).toBeTruthy();
  }, 60_000);
});
