// A Pod card says what kubectl get pods says, at every stage of a Pod's life.
import { describe, expect, it } from 'vitest';
import { apply, withDefault } from '../../sim/testing';
import { advance } from '../../sim/step';
import { deleteObject } from '../../sim/apiserver/api';
import { shellOn } from '../../sim/shell/test-helpers';
import { podStatus } from './pod-status';

describe('podStatus', () => {
  it('matches kubectl get pods STATUS, with a tone for each', () => {
    const s = withDefault();
    apply(
      s,
      'apiVersion: v1\nkind: Pod\nmetadata: {name: loop}\nspec:\n  containers: [{name: loop, image: busybox}]\n',
      false,
    );
    const sh = shellOn(s);
    const seen = new Map<string, string>();
    for (let t = 0; t < 40_000; t += 250) {
      const pod = s.objects.pods['default/loop'];
      const kubectl = sh.run('kubectl get pod loop --no-headers').stdout.split(/\s+/)[2];
      expect(podStatus(pod).text).toBe(kubectl);
      seen.set(kubectl, podStatus(pod).tone);
      advance(s, 250);
    }
    expect(Object.fromEntries(seen)).toMatchObject({
      ContainerCreating: 'wait',
      Completed: 'gone',
      CrashLoopBackOff: 'bad',
    });
    deleteObject(s, 'Pod', 'default', 'db');
    expect(podStatus(s.objects.pods['default/db'])).toEqual({ text: 'Terminating', tone: 'gone' });
    expect(podStatus(s.objects.pods['default/busybox'])).toEqual({ text: 'Running', tone: 'ok' });
  });
});
