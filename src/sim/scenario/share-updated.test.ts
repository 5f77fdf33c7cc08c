// A Service edited after it was created (its resourceVersion moved out of its batch's window) still
// goes back to its creation place, so the link reproduces the Pods drawn around it.
import { describe, expect, it } from 'vitest';
import { clone } from '../model/meta';
import { advance } from '../step';
import { writeObject } from '../apiserver/api';
import type { Service } from '../model/types';
import { defaultCluster } from './apply';
import { shareFromState, scenarioFromShare } from './share-state';

describe('share links after an edit', () => {
  it('frontend-svc changed to NodePort after the load: the rebuilt cluster has the same Pods and nodePort', () => {
    const s = defaultCluster();
    advance(s, 3000);
    const svc = clone(s.objects.services['default/frontend-svc']) as Service;
    svc.spec.type = 'NodePort';
    expect(writeObject(s, svc, 'apply').ok).toBe(true);
    advance(s, 5000);
    const b = shareFromState(s);
    expect(b.differences).toEqual([]);
    expect(b.exact).toBe(true);
    const r = scenarioFromShare(b.payload);
    expect(Object.keys(r.objects.pods).sort()).toEqual(Object.keys(s.objects.pods).sort());
    expect(r.objects.services['default/frontend-svc'].spec.ports?.[0].nodePort).toBe(
      svc.spec.ports?.[0].nodePort ?? s.objects.services['default/frontend-svc'].spec.ports?.[0].nodePort,
    );
  });
});
