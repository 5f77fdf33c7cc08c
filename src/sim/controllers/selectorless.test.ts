// A Service without a selector gets its endpoints from an EndpointSlice someone writes, linked by the
// kubernetes.io/service-name label (the endpointslice controller leaves slices it does not manage alone:
// pkg/controller/endpointslice reconciler, managed-by label). kube-proxy routes to them like any others,
// addresses outside the Pod network included. Validation as pkg/apis/discovery/validation
// ValidateEndpointSlice; defaults as SetDefaults_EndpointPort.
import { describe, expect, it } from 'vitest';
import { withDefault } from '../testing';
import { shellOn } from '../shell/test-helpers';

const SLICE = (addr: string, port: number, extra = '') => `apiVersion: v1
kind: Service
metadata: {name: legacy}
spec:
  ports: [{port: 80, targetPort: ${port}}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: legacy-1
  labels: {kubernetes.io/service-name: legacy}
addressType: IPv4
ports: [{port: ${port}}]
endpoints:
- addresses: ["${addr}"]${extra}
`;

function applied(yaml: string) {
  const sh = shellOn(withDefault());
  sh.run(`cat > /root/legacy.yaml <<'EOF'\n${yaml}EOF`);
  const r = sh.run('kubectl apply -f /root/legacy.yaml');
  sh.settle();
  return { sh, r };
}

describe('Services without selectors: hand-written EndpointSlices', () => {
  it('are accepted, kept, listed, and routed to, even outside the Pod network', () => {
    // worker1's kube-proxy health server on 10256: a machine address, not a Pod
    const { sh, r } = applied(SLICE('10.40.41.11', 10256));
    expect(r.stdout).toBe('service/legacy created\nendpointslice.discovery.k8s.io/legacy-1 created\n');
    const slice = sh.state.objects.endpointslices['default/legacy-1'];
    expect(slice.ports).toEqual([{ name: '', port: 10256, protocol: 'TCP' }]); // SetDefaults_EndpointPort
    expect(sh.run('kubectl get endpointslice legacy-1').stdout).toMatch(
      /^legacy-1 +IPv4 +10256 +10\.40\.41\.11 +\S+\n$/m,
    );
    expect(sh.run('kubectl get endpoints legacy').stdout).toMatch(/^legacy +10\.40\.41\.11:10256 +\S+\n$/m);
    expect(sh.run('iptables-save -t nat').stdout).toContain(
      '-m comment --comment "default/legacy" -m tcp -j DNAT --to-destination 10.40.41.11:10256',
    );
    const got = sh.run('kubectl exec busybox -- wget -qO- legacy/healthz');
    expect(got.exitCode).toBe(0);
    expect(got.stdout).toContain('"nodeEligible": true');
    // the endpointslice controller does not touch a slice it does not manage
    sh.run('kubectl delete pod -l app=frontend --wait=false');
    sh.settle();
    expect(sh.state.objects.endpointslices['default/legacy-1'].endpoints[0].addresses).toEqual(['10.40.41.11']);
  });

  it('an address to a Pod works like a selected one; deleting the slice empties the Service', () => {
    const sh = shellOn(withDefault());
    const db = sh.state.objects.pods['default/db'].status.podIP!;
    sh.run(`cat > /root/l.yaml <<'EOF'\n${SLICE(db, 6379)}EOF`);
    sh.run('kubectl apply -f /root/l.yaml');
    sh.settle();
    const ip = sh.state.objects.services['default/legacy'].spec.clusterIP!;
    const t = sh.run(`trace pod/busybox ${ip}:80`).stdout;
    expect(t).toContain(`verdict: delivered to default/db at ${db}:6379`);
    expect(sh.run('kubectl delete endpointslice legacy-1').stdout).toBe(
      'endpointslice.discovery.k8s.io "legacy-1" deleted from default namespace\n',
    );
    sh.settle();
    // the filter table's REJECT for a Service with no endpoints
    expect(sh.run('iptables-save -t filter').stdout).toContain(
      '-m comment --comment "default/legacy has no endpoints" -m tcp --dport 80 -j REJECT',
    );
  });

  it.each([
    ['300.1.1.1', 'endpoints[0].addresses[0]: Invalid value: "300.1.1.1": must be a valid IPv4 address'],
    [
      '127.0.0.1',
      'endpoints[0].addresses[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    ],
    [
      '169.254.1.1',
      'endpoints[0].addresses[0]: Invalid value: "169.254.1.1": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
    ],
  ])('refuses %s as the apiserver does', (addr, msg) => {
    const { r } = applied(SLICE(addr, 80));
    expect(r.stderr).toBe(`The EndpointSlice "legacy-1" is invalid: ${msg}\n`);
    expect(r.exitCode).toBe(1);
  });
});

const ENDPOINTS = `apiVersion: v1
kind: Service
metadata: {name: legacy}
spec:
  ports: [{port: 80, targetPort: 10256}]
---
apiVersion: v1
kind: Endpoints
metadata: {name: legacy, labels: {team: a}}
subsets:
- addresses: [{ip: 10.40.41.11}, {ip: 10.40.41.12}]
  notReadyAddresses: [{ip: 10.40.41.10}]
  ports: [{port: 10256}]
`;

describe('v1 Endpoints mirrored into EndpointSlices (pkg/controller/endpointslicemirroring)', () => {
  it('a slice per port set, managed by the mirroring controller, owned by the Endpoints, routed to', () => {
    const { sh, r } = applied(ENDPOINTS);
    expect(r.stdout).toBe('service/legacy created\nendpoints/legacy created\n');
    expect(r.stderr).toBe('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
    const slices = Object.values(sh.state.objects.endpointslices).filter(
      (e) => e.metadata.labels?.['kubernetes.io/service-name'] === 'legacy',
    );
    expect(slices).toHaveLength(1);
    const [sl] = slices;
    expect(sl.metadata.name).toMatch(/^legacy-[a-z0-9]{5}$/);
    expect(sl.metadata.labels).toEqual({
      team: 'a',
      'kubernetes.io/service-name': 'legacy',
      'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io',
    });
    expect(sl.metadata.ownerReferences).toEqual([
      expect.objectContaining({ apiVersion: 'v1', kind: 'Endpoints', name: 'legacy', controller: true }),
    ]);
    // addressToEndpoint sets only `ready`
    expect(sl.endpoints).toEqual([
      { addresses: ['10.40.41.11'], conditions: { ready: true } },
      { addresses: ['10.40.41.12'], conditions: { ready: true } },
      { addresses: ['10.40.41.10'], conditions: { ready: false } },
    ]);
    expect(sl.ports).toEqual([{ name: '', port: 10256, protocol: 'TCP' }]);
    const nat = sh.run('iptables-save -t nat').stdout;
    expect(nat).toContain('-j DNAT --to-destination 10.40.41.11:10256');
    expect(nat).toContain('-j DNAT --to-destination 10.40.41.12:10256');
    expect(nat).not.toContain('--to-destination 10.40.41.10:10256'); // not ready
    expect(sh.run('kubectl exec busybox -- wget -qO- legacy/healthz').stdout).toContain('"nodeEligible": true');
    // deleting the Endpoints takes the mirrored slice with it
    expect(sh.run('kubectl delete endpoints legacy').stdout).toBe(
      'endpoints "legacy" deleted from default namespace\n',
    );
    sh.settle();
    expect(Object.values(sh.state.objects.endpointslices).some((e) => e.metadata.name.startsWith('legacy-'))).toBe(
      false,
    );
  });

  it('is not mirrored for a Service with a selector (the endpoints controller owns those)', () => {
    const { sh } = applied(ENDPOINTS.replace('spec:\n  ports', 'spec:\n  selector: {app: legacy}\n  ports'));
    expect(
      Object.values(sh.state.objects.endpointslices).some(
        (e) =>
          e.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === 'endpointslicemirroring-controller.k8s.io',
      ),
    ).toBe(false);
  });
});
