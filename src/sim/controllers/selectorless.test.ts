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
