// A large cluster's ticks in the engine Worker find what changed among the Pods without comparing every
// Pod (tick-pods.ts): a Pod the scheduler has tried and left unbound changes only with a new
// resourceVersion. The page must still get the very cluster it would have computed itself, with
// Pods bound, adopted, released, deleted and created between ticks, and a tick's result let go. The
// store's test setup checks, tick after tick, that the patches rebuild the Worker's cluster exactly.
import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { advance, defaultCluster, nextWake, settle, type ClusterState } from '../sim';
import { deleteObject, scaleDeployment, setLabels } from '../sim/apiserver/api';
import { nextRV } from '../sim/model/meta';
import { applyFrozen, identityDiff, type Patch } from './tick-diff';
import { diffShadow, revert, shadowCheck, shadowOf } from './tick-pods';
import { pageTick, workerTick } from './tick-testing';

const json = (x: unknown) => JSON.stringify(x);

const worker = workerTick;

const frontend = (c: ClusterState) =>
  Object.values(c.objects.pods).filter((p) => p.metadata.name.startsWith('frontend-'));
const podPatches = (patches: Patch[]) => patches.filter((p) => p.p[0] === 'objects' && p.p[1] === 'pods');

describe('the Pods of a cluster past its room, ticked in the engine Worker', () => {
  it('give the cluster the page computes, through binding, adoption, release, deletion and a result let go', async () => {
    expect(shadowCheck.on).toBe(true);
    let page = defaultCluster();
    settle(page);
    page = produce(page, (d) => void scaleDeployment(d, 'default', 'frontend', 900));
    let viaWorker = page;
    let synced: { cluster: ClusterState; base: 'mirror' | 'prev' } | null = null;
    /** a command, on both sides; the Worker's next tick is told of it */
    const command = (f: (d: ClusterState) => void) => {
      viaWorker = produce(viaWorker, f);
      page = produce(page, f);
    };
    const pending = (c: ClusterState) => frontend(c).filter((p) => !p.spec.nodeName && !p.metadata.deletionTimestamp);
    const bound = (c: ClusterState) => frontend(c).filter((p) => p.spec.nodeName && !p.metadata.deletionTimestamp);
    for (let i = 0; i < 70; i++) {
      const to = page.now + [250, 1000, 40][i % 3];
      const reconcileFirst = synced === null || i % 5 === 0;
      const from = synced
        ? { base: synced.base, patches: identityDiff(synced.cluster, viaWorker) }
        : { base: 'full' as const, cluster: viaWorker };
      const r = await worker({ id: i, op: 'tick', to, reconcile: reconcileFirst, ...from });
      if (i === 30) {
        // a command ran meanwhile: the result is let go, the next tick starts from the copy before it
        synced = { cluster: viaWorker, base: 'prev' };
        command((d) => void deleteObject(d, 'Pod', 'default', pending(d)[3].metadata.name, { gracePeriodSeconds: 0 }));
        continue;
      }
      viaWorker = applyFrozen(viaWorker, r.patches);
      synced = { cluster: viaWorker, base: 'mirror' };
      page = pageTick(page, to, reconcileFirst);
      expect(json(viaWorker), `tick ${i}`).toBe(json(page));
      expect(r.wake, `tick ${i}: the next wake`).toBe(nextWake(page));
      // commands that change Pending Pods the Worker would otherwise skip
      const cmd = i % 10;
      if (i >= 12 && cmd === 2) command((d) => void deleteObject(d, 'Pod', 'default', bound(d)[0].metadata.name));
      if (i >= 12 && cmd === 4)
        command((d) => void deleteObject(d, 'Pod', 'default', bound(d)[1].metadata.name, { gracePeriodSeconds: 0 }));
      if (i >= 12 && cmd === 6)
        command((d) => void setLabels(d, 'Pod', 'default', pending(d)[5].metadata.name, { app: 'elsewhere' }, true));
      if (i >= 12 && cmd === 8)
        command(
          (d) =>
            void setLabels(d, 'Pod', 'default', pending(d).at(-1)!.metadata.name, { app: 'frontend', tier: 'x' }, true),
        );
      if (i === 55) command((d) => void scaleDeployment(d, 'default', 'frontend', 250));
    }
    expect(frontend(page).length).toBeGreaterThan(200);
    expect(pending(page).length).toBeGreaterThan(0);
  }, 120_000);

  it('a tick with nothing due sends no Pod (the thousand Pending ones are not compared one by one)', async () => {
    let c = defaultCluster();
    settle(c);
    c = produce(c, (d) => {
      scaleDeployment(d, 'default', 'frontend', 1200);
      advance(d, 8000);
    });
    expect(frontend(c).length).toBe(1200);
    let r = await worker({ id: 1, op: 'tick', to: c.now, reconcile: true, base: 'full', cluster: c });
    c = applyFrozen(c, r.patches);
    // the next thing due is far off: a tick only moves the clock
    r = await worker({ id: 2, op: 'tick', to: c.now + 100, reconcile: false, base: 'mirror', patches: [] });
    expect(podPatches(r.patches)).toEqual([]);
    expect(r.patches).toEqual([{ p: ['now'], v: c.now + 100 }]);
  }, 60_000);

  it('a tick let go is taken back: what it changed put back in its place, key order and all', () => {
    const s = defaultCluster();
    settle(s);
    scaleDeployment(s, 'default', 'frontend', 400);
    advance(s, 2500);
    const text = JSON.stringify(s);
    const before = shadowOf(structuredClone(s));
    // a tick that removes Pods (Pending ones at once), binds, creates and deletes others
    const bound = frontend(s).find((p) => p.spec.nodeName)!;
    deleteObject(s, 'Pod', 'default', bound.metadata.name, { gracePeriodSeconds: 0 });
    scaleDeployment(s, 'default', 'frontend', 150);
    advance(s, 3000);
    const patches = diffShadow(before, s, Object.values(s.objects.pods), new Set([`default/${bound.metadata.name}`]));
    expect(patches.some((x) => 'd' in x && x.p[1] === 'pods')).toBe(true);
    const back = revert(s, before, patches);
    expect(JSON.stringify(back)).toBe(text);
  });

  it('a Pod changed without a new resourceVersion would be missed, and the check says so', () => {
    const s = defaultCluster();
    settle(s);
    scaleDeployment(s, 'default', 'frontend', 300);
    advance(s, 3000);
    const shadow = shadowOf(structuredClone(s));
    const p = frontend(s).find((x) => !x.spec.nodeName)!;
    // a write the engine never makes: a tried, unbound Pod relabelled with no resourceVersion drawn
    p.metadata.labels = { ...p.metadata.labels, sneaky: 'yes' };
    expect(() => diffShadow(shadow, s, Object.values(s.objects.pods), new Set())).toThrow(/resourceVersion/);
    // with a resourceVersion drawn, as every write through the apiserver does, it is found
    p.metadata.resourceVersion = nextRV(s);
    const patches = diffShadow(shadow, s, Object.values(s.objects.pods), new Set());
    expect(podPatches(patches).map((x) => x.p[2])).toEqual([
      `default/${p.metadata.name}`,
      `default/${p.metadata.name}`,
    ]);
    // a bound Pod is compared whatever the resourceVersions say (a kubelet's status with none drawn)
    const again = shadowOf(structuredClone(s));
    const b = frontend(s).find((x) => x.spec.nodeName)!;
    b.status.hostIP = '10.9.9.9';
    const found = diffShadow(again, s, Object.values(s.objects.pods), new Set());
    expect(podPatches(found)).toEqual([
      { p: ['objects', 'pods', `default/${b.metadata.name}`, 'status', 'hostIP'], v: '10.9.9.9' },
    ]);
  });
});
