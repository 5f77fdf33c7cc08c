import { describe, expect, it } from 'vitest';
import { apply, withDefault } from '../testing';
import { serviceEnv } from './envvars';
import type { Service } from '../model/types';

describe('service environment variables', () => {
  it('match the chapter’s redis-master example', () => {
    const svc = {
      metadata: { name: 'redis-master', namespace: 'default' },
      spec: { clusterIP: '172.17.0.6', ports: [{ port: 6379, protocol: 'TCP' }] },
    } as unknown as Service;
    expect(serviceEnv(svc).map((e) => `${e.name}=${e.value}`)).toEqual([
      'REDIS_MASTER_SERVICE_HOST=172.17.0.6',
      'REDIS_MASTER_SERVICE_PORT=6379',
      'REDIS_MASTER_PORT=tcp://172.17.0.6:6379',
      'REDIS_MASTER_PORT_6379_TCP=tcp://172.17.0.6:6379',
      'REDIS_MASTER_PORT_6379_TCP_PROTO=tcp',
      'REDIS_MASTER_PORT_6379_TCP_PORT=6379',
      'REDIS_MASTER_PORT_6379_TCP_ADDR=172.17.0.6',
    ]);
  });

  it('names each named port', () => {
    const svc = {
      metadata: { name: 'kube-dns', namespace: 'kube-system' },
      spec: {
        clusterIP: '10.96.0.10',
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP' },
          { name: 'dns-tcp', port: 53, protocol: 'TCP' },
        ],
      },
    } as unknown as Service;
    const names = serviceEnv(svc).map((e) => `${e.name}=${e.value}`);
    expect(names).toContain('KUBE_DNS_SERVICE_PORT_DNS=53');
    expect(names).toContain('KUBE_DNS_SERVICE_PORT_DNS_TCP=53');
    expect(names).toContain('KUBE_DNS_PORT=udp://10.96.0.10:53');
    expect(names).toContain('KUBE_DNS_PORT_53_UDP_PROTO=udp');
  });

  it('only Services that existed when the container started, in its namespace, plus kubernetes', () => {
    const s = withDefault();
    const busybox = s.objects.pods['default/busybox'];
    const env = s.runtime[busybox.metadata.uid].serviceEnv!.map((e) => e.name);
    expect(env).toContain('KUBERNETES_SERVICE_HOST');
    expect(env).toContain('FRONTEND_SVC_SERVICE_HOST');
    expect(env).not.toContain('KUBE_DNS_SERVICE_HOST');
    apply(
      s,
      `apiVersion: v1
kind: Service
metadata: {name: late-svc}
spec:
  selector: {app: frontend}
  ports: [{port: 80, targetPort: 5000}]
`,
    );
    expect(s.runtime[busybox.metadata.uid].serviceEnv!.map((e) => e.name)).not.toContain('LATE_SVC_SERVICE_HOST');
    apply(
      s,
      `apiVersion: v1
kind: Pod
metadata: {name: newer}
spec:
  containers: [{name: c, image: busybox:1.28}]
`,
    );
    const newer = s.objects.pods['default/newer'];
    expect(s.runtime[newer.metadata.uid].serviceEnv!.map((e) => e.name)).toContain('LATE_SVC_SERVICE_HOST');
  });
});
