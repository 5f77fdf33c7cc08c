// Which ports a container's program listens on (images.ts listeningPorts): a server the playground
// knows listens where its program does; a containerPort is informational and changes nothing there.
import { describe, expect, it } from 'vitest';
import type { Container, Pod } from '../model/types';
import { listeningPorts } from './images';

const pod = (...containers: Container[]): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers },
    status: {},
  }) as Pod;
const ports = (...containers: Container[]) => listeningPorts(pod(...containers)).map((p) => `${p.port}/${p.protocol}`);

describe('listeningPorts', () => {
  it('nginx listens on 80, whatever containerPort the Pod declares', () => {
    expect(ports({ name: 'web', image: 'nginx:1.29', ports: [{ containerPort: 8080 }] })).toEqual(['80/TCP']);
    expect(ports({ name: 'web', image: 'docker.io/library/httpd:2.4' })).toEqual(['80/TCP']);
  });
  it("a server's own command line moves it: redis --port, mysqld --port=, postgres -p / -c port= / PGPORT", () => {
    expect(ports({ name: 'r', image: 'redis:8.2', args: ['--port', '7000'] })).toEqual(['7000/TCP']);
    expect(ports({ name: 'r', image: 'redis:8.2', command: ['redis-server', '--port', '7001'] })).toEqual(['7001/TCP']);
    expect(ports({ name: 'm', image: 'mysql:8.4', args: ['--port=3307'] })).toEqual(['3307/TCP']);
    expect(ports({ name: 'pg', image: 'postgres:18', args: ['-p', '5433'] })).toEqual(['5433/TCP']);
    expect(ports({ name: 'pg', image: 'postgres:18', args: ['-c', 'port=6543'] })).toEqual(['6543/TCP']);
    expect(ports({ name: 'pg', image: 'postgres:18', env: [{ name: 'PGPORT', value: '6000' }] })).toEqual(['6000/TCP']);
    expect(ports({ name: 'r', image: 'redis:8.2', ports: [{ containerPort: 7000 }] })).toEqual(['6379/TCP']);
  });
  it('an image the playground does not know is taken at its word: every declared containerPort', () => {
    expect(
      ports({
        name: 'app',
        image: 'example.com/shop:1.0',
        ports: [{ containerPort: 8080 }, { containerPort: 53, protocol: 'UDP' }],
      }),
    ).toEqual(['8080/TCP', '53/UDP']);
    // agnhost netexec listens on its --http-port, declared or not
    expect(
      ports({
        name: 'f',
        image: 'registry.k8s.io/e2e-test-images/agnhost:2.53',
        args: ['netexec', '--http-port=5000'],
      }),
    ).toEqual(['5000/TCP']);
  });
  it('every container of the Pod counts', () => {
    expect(ports({ name: 'web', image: 'nginx' }, { name: 'cache', image: 'redis' })).toEqual(['80/TCP', '6379/TCP']);
  });
});
