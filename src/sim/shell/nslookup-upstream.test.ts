// nslookup as busybox 1.28, busybox >= 1.29 and BIND print it against CoreDNS's kubernetes plugin
// (issue 14, item 6). Sources: busybox networking/nslookup.c (1.28: nslookup_main, print_host; >= 1.29:
// nslookup_main's option loop, parse_reply, send_queries), CoreDNS plugin/kubernetes (kubernetes.go
// findServices / matchPortAndProtocol, reverse.go serviceRecordForIP) and plugin/backend_lookup.go SRV.
import { beforeAll, describe, expect, it } from 'vitest';
import { shellOn } from './test-helpers';

const OBJECTS = `apiVersion: v1
kind: Service
metadata: {name: pets}
spec:
  clusterIP: None
  selector: {app: frontend}
  ports: [{name: http, port: 80, targetPort: 5000}]
---
apiVersion: v1
kind: Service
metadata: {name: ext}
spec:
  type: ExternalName
  externalName: example.com
`;

describe('nslookup against the cluster DNS', () => {
  const sh = shellOn();
  let podIPs: string[] = [];
  beforeAll(() => {
    sh.run(`cat > /root/o.yaml <<'EOF'\n${OBJECTS}EOF`);
    sh.run('kubectl apply -f /root/o.yaml');
    sh.run('kubectl run bb29 --image=busybox:1.29 -- sleep 3600');
    sh.run('kubectl run ag --image=registry.k8s.io/e2e-test-images/agnhost:2.53 -- netexec');
    sh.settle();
    podIPs = Object.values(sh.state.objects.pods)
      .filter((p) => p.metadata.labels?.app === 'frontend')
      .map((p) => p.status.podIP!)
      .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  });
  const dashed = (ip: string) => ip.replace(/\./g, '-');

  it("busybox 1.28 has no options: -type=srv prints its usage (nslookup_main: argv[1][0] == '-')", () => {
    expect(sh.run('kubectl exec busybox -- nslookup -type=srv pets')).toMatchObject({
      stdout: '',
      stderr:
        'BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\nUsage: nslookup [HOST] [SERVER]\n\n' +
        'Query the nameserver for the IP address of the given HOST\noptionally using a specified DNS server\n' +
        'command terminated with exit code 1\n',
      exitCode: 1,
    });
  });

  it("busybox 1.28 names each address by its PTR: a headless Service's Pods by their dashed IP (print_host + getnameinfo)", () => {
    const out = sh.run('kubectl exec busybox -- nslookup pets').stdout;
    expect(out).toBe(
      'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      pets\n' +
        podIPs.map((ip, i) => `Address ${i + 1}: ${ip} ${dashed(ip)}.pets.default.svc.cluster.local\n`).join(''),
    );
    // reverse.go: no ClusterIP matches, so every Service's endpoints with that address answer
    expect(sh.run(`dig +short -x ${podIPs[0]} @10.96.0.10`).stdout).toBe(
      `${dashed(podIPs[0])}.pets.default.svc.cluster.local.\n${dashed(podIPs[0])}.frontend-svc.default.svc.cluster.local.\n`,
    );
  });

  it('busybox >= 1.29 takes -type=srv and prints each SRV as parse_reply does, per search domain', () => {
    const r = sh.run('kubectl exec bb29 -- nslookup -type=srv pets');
    const w = Math.floor(100 / podIPs.length);
    expect(r.stdout).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n' +
        podIPs
          .map(
            (ip) =>
              `pets.default.svc.cluster.local\tservice = 0 ${w} 5000 ${dashed(ip)}.pets.default.svc.cluster.local\n`,
          )
          .join('') +
        '\n' +
        "** server can't find pets.svc.cluster.local: NXDOMAIN\n\n** server can't find pets.cluster.local: NXDOMAIN\n\n",
    );
    // any NXDOMAIN reply sets G.exitcode
    expect(r.exitCode).toBe(1);
    expect(sh.run('kubectl exec bb29 -- nslookup -type=srv frontend-svc.default.svc.cluster.local').stdout).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n' +
        'frontend-svc.default.svc.cluster.local\tservice = 0 100 80 frontend-svc.default.svc.cluster.local\n\n',
    );
    expect(sh.run('kubectl exec bb29 -- nslookup -type=bogus pets').stderr).toBe(
      'nslookup: invalid query type "bogus"\ncommand terminated with exit code 1\n',
    );
  });

  it('busybox >= 1.29 prints an ExternalName\'s CNAME as "NAME\\tcanonical name = TARGET"', () => {
    const out = sh.run('kubectl exec bb29 -- nslookup ext.default.svc.cluster.local').stdout;
    expect(out).toMatch(
      /^Server:\t\t10\.96\.0\.10\nAddress:\t10\.96\.0\.10:53\n\next\.default\.svc\.cluster\.local\tcanonical name = example\.com\nName:\texample\.com\nAddress: \d+\.\d+\.\d+\.\d+\n\n/,
    );
    // the AAAA reply carries the CNAME too
    expect(out.match(/canonical name = example\.com/g)).toHaveLength(2);
  });

  it('BIND nslookup (agnhost) takes -type=srv with its search list, targets keeping the final dot', () => {
    expect(sh.run('kubectl exec ag -- nslookup -type=srv frontend-svc').stdout).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n' +
        'frontend-svc.default.svc.cluster.local\tservice = 0 100 80 frontend-svc.default.svc.cluster.local.\n\n',
    );
  });
});
