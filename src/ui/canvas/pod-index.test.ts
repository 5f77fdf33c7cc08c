// The canvas's Pod index is kept up to date from what changed (issue 12: a tick of a 100,000-Pod cluster
// must not regroup every Pod on the page's main thread). Kept up to date over random changes made the
// way the store makes them (immer: frozen, untouched objects shared), it must always equal an index
// built from scratch: every Pod's machine, lane, STATUS, the counts per cell and the Pods per IP.
import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { actions, advance, defaultCluster, settle, type ClusterState } from '../../sim';
import { scaleDeployment } from '../../sim/apiserver/api';
import { applyFrozen, identityDiff } from '../../store/tick-diff';
import { isSystemPod } from './graph';
import { PodIndex, UNSCHEDULED } from './pod-index';

/** what an index holds, as plain data */
function picture(ix: PodIndex) {
  const entries = [...ix.entries.values()].map((e) => `${e.key} ${e.machine} ${e.lane} ${e.status} ${e.shown}`).sort();
  const cells = [...ix.cells]
    .flatMap(([m, lanes]) =>
      [...lanes].map(([l, c]) => `${m}|${l}: ${[...c.keys].sort().join(',')} ${JSON.stringify([...c.status].sort())}`),
    )
    .sort();
  const ips = [...ix.byIp].map(([ip, keys]) => `${ip}=${[...keys].sort().join(',')}`).sort();
  return { entries, cells, ips };
}

describe('the canvas Pod index', () => {
  it('kept up to date over 150 random changes equals one built from scratch', () => {
    let s: ClusterState = produce(defaultCluster(), (d) => void settle(d));
    const kept = new PodIndex();
    let showSystem = false;
    let seed = 12345;
    const pick = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const changes = [
      (d: ClusterState) => void scaleDeployment(d, 'default', 'frontend', pick(400)),
      (d: ClusterState) => {
        const pods = Object.values(d.objects.pods);
        const p = pods[pick(pods.length)];
        if (p) actions.killPod(d, p.metadata.namespace ?? 'default', p.metadata.name);
      },
      (d: ClusterState) => {
        // a label taken off or put back: the Pod leaves its Service's lane or comes back
        const pods = Object.values(d.objects.pods).filter((p) => p.metadata.namespace === 'default');
        const p = pods[pick(pods.length)];
        if (!p) return;
        const labels = p.metadata.labels ?? (p.metadata.labels = {});
        if (labels.app) delete labels.app;
        else labels.app = 'frontend';
      },
      (d: ClusterState) => void advance(d, 1 + pick(20_000)),
      (d: ClusterState) => void (pick(2) ? actions.addNode(d) : actions.removeNode(d, `worker${1 + pick(3)}`)),
      (d: ClusterState) => {
        // a Service's selector changed: every Pod's lane may change
        const svc = Object.values(d.objects.services).find((v) => v.metadata.name === 'frontend');
        if (svc) svc.spec.selector = pick(2) ? { app: 'frontend' } : { app: 'backend' };
      },
      () => void (showSystem = !showSystem),
    ];
    let sawUnscheduled = false;
    for (let i = 0; i < 150; i++) {
      const change = changes[pick(changes.length)];
      // half of them as a command makes them (immer), half as a Worker tick's answer is applied (its
      // changed keys noted: the index then visits only those)
      const next = produce(s, (d) => void change(d));
      s = pick(2) ? next : applyFrozen(s, identityDiff(s, next));
      kept.update(s, showSystem, isSystemPod);
      const scratch = new PodIndex();
      scratch.update(s, showSystem, isSystemPod);
      expect(picture(kept), `after change ${i}`).toEqual(picture(scratch));
      if ((kept.cells.get(UNSCHEDULED)?.size ?? 0) > 0) sawUnscheduled = true;
    }
    // the changes did reach the cases that matter: Pods left unscheduled, and Pods gone
    expect(sawUnscheduled).toBe(true);
  });

  it('an unchanged cluster costs nothing: the same frozen Pods are not placed again', () => {
    const s: ClusterState = produce(defaultCluster(), (d) => void settle(d));
    const ix = new PodIndex();
    ix.update(s, false, isSystemPod);
    const before = [...ix.entries.values()];
    const next = produce(s, (d) => void advance(d, 1));
    ix.update(next, false, isSystemPod);
    // a Pod the tick did not touch keeps its entry object
    const same = [...ix.entries.values()].filter((e, i) => e === before[i]);
    expect(same.length).toBeGreaterThan(0);
    for (const e of same) expect(next.objects.pods[e.key]).toBe(e.pod);
  });
});
