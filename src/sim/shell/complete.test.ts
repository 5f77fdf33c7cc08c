import { describe, expect, it } from 'vitest';
import { complete } from './complete';
import { shellOn } from './test-helpers';

describe('complete', () => {
  const sh = shellOn();
  const c = (line: string) => complete(sh.state, sh.session, line);
  it('commands, kubectl verbs, resource types and object names', () => {
    expect(c('kub')).toEqual(['kubectl']);
    expect(c('ipt')).toEqual(['iptables', 'iptables-save']);
    expect(c('kubectl ge')).toEqual(['get']);
    expect(c('kubectl get sv')).toEqual(['svc']);
    expect(c('kubectl get s')).toEqual(['services', 'svc']);
    expect(c('kubectl get svc ')).toEqual(['db-svc', 'frontend-svc', 'kubernetes']);
    expect(c('kubectl describe svc fr')).toEqual(['frontend-svc']);
    expect(c('kubectl get svc -n kube-system ')).toEqual(['kube-dns']);
    expect(c('kubectl get svc/d')).toEqual(['svc/db-svc']);
    expect(c('kubectl exec b')).toEqual(['busybox']);
    expect(c('kubectl get pods -o ')).toEqual(['custom-columns=', 'json', 'jsonpath=', 'name', 'wide', 'yaml']);
    expect(c('kubectl -n ')).toContain('kube-system');
    expect(c('ssh w')).toEqual(['worker1', 'worker2']);
    expect(c('trace pod/b')).toEqual(['pod/busybox']);
    expect(c('kubectl get pods | gr')).toEqual(['grep']);
  });
  it("inside a Pod, the image's programs", () => {
    const s = shellOn(sh.state);
    s.run('kubectl exec -it busybox -- sh');
    const names = complete(s.state, s.session, '');
    expect(names).toContain('wget');
    expect(names).toContain('nslookup');
    expect(names).not.toContain('curl');
    expect(names).not.toContain('kubectl');
  });
});
