// The canvas keeps the Pods' creation order from one picture to the next and merges only newcomers in
// (graph.ts podsInOrder): it must always be the very order sorting them all gives, whatever happened in
// between: Pods made, gone, made again under the same name later, changed, system Pods shown or hidden.
import { describe, expect, it } from 'vitest';
import { defaultCluster, settle, type Pod } from '../../sim';
import { isSystemPod } from './graph';
import { podsInOrder } from './pod-order';

const collate = new Intl.Collator().compare;
const full = (pods: Record<string, Pod>, showSystem: boolean) =>
  Object.values(pods)
    .filter((p) => showSystem || !p.metadata.namespace?.startsWith('kube-'))
    .sort(
      (a, b) =>
        a.metadata.creationTimestamp - b.metadata.creationTimestamp ||
        collate(`${a.metadata.namespace}/${a.metadata.name}`, `${b.metadata.namespace}/${b.metadata.name}`),
    );

describe('Pods in creation order, kept between pictures', () => {
  it('equals a full sort over 400 random changes', () => {
    const s = defaultCluster();
    settle(s);
    const tpl = Object.values(s.objects.pods).find((p) => p.metadata.name.startsWith('frontend-'))!;
    let pods: Record<string, Pod> = { ...s.objects.pods };
    let x = 7;
    const r = (k: number) => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) % k;
    };
    let t = 1_000_000;
    for (let step = 0; step < 400; step++) {
      pods = { ...pods };
      const op = r(5);
      const keys = Object.keys(pods);
      if (op <= 1) {
        // a burst: several Pods at one instant, names in no order
        t += r(3) * 1000;
        for (let i = 0, n = 1 + r(8); i < n; i++) {
          const name = `web-${r(60).toString(36)}${'abcxyz'[r(6)]}`;
          pods[`default/${name}`] = {
            ...tpl,
            metadata: { ...tpl.metadata, name, namespace: 'default', creationTimestamp: t },
          };
        }
      } else if (op === 2 && keys.length) delete pods[keys[r(keys.length)]];
      else if (op === 3 && keys.length) {
        const k = keys[r(keys.length)];
        pods[k] = { ...pods[k], status: { ...pods[k].status, phase: 'Running' } };
      }
      const showSystem = r(10) === 0;
      expect(
        podsInOrder(pods, showSystem, isSystemPod).map(
          (p) => `${p.metadata.namespace}/${p.metadata.name}@${p.metadata.creationTimestamp}`,
        ),
        `step ${step}`,
      ).toEqual(
        full(pods, showSystem).map((p) => `${p.metadata.namespace}/${p.metadata.name}@${p.metadata.creationTimestamp}`),
      );
    }
  });
});
