// Cluster DNS against the Kubernetes DNS specification, and the resolver's walk through the search path.
import { describe, expect, it } from 'vitest';
import { apply, svc, withDefault } from '../testing';
import { query, resolve } from './dns';
import { podResolv, renderResolv } from '../kubelet/resolv';

function cluster() {
  const s = withDefault();
  apply(
    s,
    `apiVersion: v1
kind: Namespace
metadata: {name: my-ns}
---
apiVersion: v1
kind: Service
metadata: {name: redis-master, namespace: my-ns}
spec:
  selector: {app: redis}
  ports: [{name: redis, port: 6379}]
---
apiVersion: v1
kind: Service
metadata: {name: my-db}
spec:
  type: ExternalName
  externalName: db.example.com
---
apiVersion: v1
kind: Service
metadata: {name: frontend-headless}
spec:
  clusterIP: None
  selector: {app: frontend}
  ports: [{name: http, port: 80, targetPort: 5000}]
`,
  );
  return s;
}

describe('cluster DNS', () => {
  const s = cluster();
  const pod = s.objects.pods['default/busybox'];
  const conf = podResolv(s, pod);

  it('writes the Pod resolv.conf as kubelet and containerd do', () => {
    expect(renderResolv(conf)).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
  });

  it.each([
    ['frontend-svc', 'frontend-svc.default.svc.cluster.local.', 1],
    ['frontend-svc.default', 'frontend-svc.default.svc.cluster.local.', 2],
    ['redis-master.my-ns', 'redis-master.my-ns.svc.cluster.local.', 2],
    ['redis-master.my-ns.svc.cluster.local', 'redis-master.my-ns.svc.cluster.local.', 4], // 4 dots < ndots:5: the search list is tried first,
  ])('resolves %s as %s after %i queries', (name, fq, tries) => {
    const r = resolve(s, name, conf);
    expect(r.steps.length).toBe(tries);
    expect(r.steps.at(-1)!.query).toBe(fq);
    expect(r.addresses).toHaveLength(1);
  });

  it('a short name from another namespace does not resolve', () => {
    expect(resolve(s, 'redis-master', conf).addresses).toEqual([]);
  });

  it('an A record holds the ClusterIP with TTL 30', () => {
    const a = query(s, 'db-svc.default.svc.cluster.local');
    expect(a.records).toEqual([
      { name: 'db-svc.default.svc.cluster.local.', type: 'A', ttl: 30, data: svc(s, 'db-svc').spec.clusterIP },
    ]);
  });

  it('a headless Service answers with its ready Pods', () => {
    const a = query(s, 'frontend-headless.default.svc.cluster.local');
    expect(a.records.map((r) => r.data).sort()).toEqual(
      Object.values(s.objects.pods)
        .filter((p) => p.metadata.labels?.app === 'frontend')
        .map((p) => p.status.podIP)
        .sort(),
    );
  });

  it('ExternalName is a CNAME', () => {
    const a = query(s, 'my-db.default.svc.cluster.local');
    expect(a.records[0]).toMatchObject({ type: 'CNAME', data: 'db.example.com.' });
  });

  it('SRV: _port._proto names a named port; the bare Service name answers for every port', () => {
    expect(query(s, '_redis._tcp.redis-master.my-ns.svc.cluster.local', 'SRV').records[0]).toMatchObject({
      type: 'SRV',
      port: 6379,
      data: 'redis-master.my-ns.svc.cluster.local.',
    });
    // Updated (issue 14): CoreDNS plugin/kubernetes/kubernetes.go matchPortAndProtocol lets an empty
    // port or protocol in the question match any ("permitting the 'a' inputs to be wild"), so a bare
    // SRV question gets every port, unnamed ones too, owned by the question's name
    expect(query(s, 'frontend-svc.default.svc.cluster.local', 'SRV').records).toEqual([
      {
        name: 'frontend-svc.default.svc.cluster.local.',
        type: 'SRV',
        ttl: 30,
        data: 'frontend-svc.default.svc.cluster.local.',
        port: 80,
        priority: 0,
        weight: 100,
      },
    ]);
  });

  it('unknown names are NXDOMAIN; dns-version is 1.1.0', () => {
    expect(query(s, 'nope.default.svc.cluster.local').rcode).toBe('NXDOMAIN');
    expect(query(s, 'dns-version.cluster.local', 'TXT').records[0].data).toBe('"1.1.0"');
  });

  it('reverse lookups of a ClusterIP name the Service', () => {
    const ip = svc(s, 'db-svc').spec.clusterIP!.split('.').reverse().join('.');
    expect(query(s, `${ip}.in-addr.arpa`, 'PTR').records[0].data).toBe('db-svc.default.svc.cluster.local.');
  });
});
