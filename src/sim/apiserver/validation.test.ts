import { describe, expect, it } from 'vitest';
import type { Service, ServiceSpec } from '../model/types';
import { defaultService } from './defaults';
import { formatInvalid } from './fielderrors';
import { validateService } from './validation';
import { BAD_IP, DNS1035, DNS1123_LABEL, LABEL_VALUE, NAME_PART, SUBDOMAIN, svc, web } from './validation-fixtures';

/** What kubectl prints for creating (or, with `old`, updating to) this Service; '' when accepted. */
function kubectl(input: Service, old?: Service): string {
  const stored = old ? defaultService(old) : undefined;
  const errs = validateService(defaultService(input, stored), stored);
  return errs.length ? formatInvalid('Service', input.metadata?.name ?? '', errs) : '';
}

const one = (cause: string, name = 'frontend-svc') => `The Service "${name}" is invalid: ${cause}`;
const many = (causes: string[], name = 'frontend-svc') =>
  `The Service "${name}" is invalid: \n` + causes.map((c) => `* ${c}`).join('\n');
const with_ = (spec: ServiceSpec) => svc({ ...web, ...spec });

describe('valid Services are accepted', () => {
  it.each<[string, ServiceSpec]>([
    ['ClusterIP', web],
    ['NodePort', { ...web, type: 'NodePort' }],
    ['NodePort with a chosen nodePort', { ...web, type: 'NodePort', ports: [{ port: 80, nodePort: 31842 }] }],
    ['LoadBalancer, Local policy', { ...web, type: 'LoadBalancer', externalTrafficPolicy: 'Local' }],
    ['headless', { ...web, clusterIP: 'None' }],
    ['headless without selector or ports', { clusterIP: 'None' }],
    ['ExternalName with a trailing dot', { type: 'ExternalName', externalName: 'db.example.com.' }],
    [
      'two named ports, TCP and UDP on 53',
      {
        selector: { k: 'v' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP' },
          { name: 'dns-tcp', port: 53, protocol: 'TCP' },
        ],
      },
    ],
    ['named targetPort', { ...web, ports: [{ port: 80, targetPort: 'http-web' }] }],
    [
      'ClientIP affinity',
      { ...web, sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86400 } } },
    ],
    ['a chosen clusterIP', { ...web, clusterIP: '10.96.0.50' }],
    ['externalIPs', { ...web, externalIPs: ['192.0.2.10'] }],
    [
      'LB source ranges',
      { ...web, type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/8', ' 192.168.0.0/16 '] },
    ],
  ])('%s', (_n, spec) => expect(kubectl(svc(spec))).toBe(''));
});

describe('Service rules, as kubectl prints them', () => {
  const cases: [string, Service, string][] = [
    [
      'port out of range (the reference example)',
      svc({ ...web, ports: [{ port: 70000, targetPort: 5000 }] }),
      one('spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive'),
    ],
    [
      'port 0',
      svc({ ...web, ports: [{ port: 0, targetPort: 80 }] }),
      one('spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive'),
    ],
    [
      'name not a DNS-1035 label',
      svc(web, 'Frontend'),
      one(`metadata.name: Invalid value: "Frontend": ${DNS1035}`, 'Frontend'),
    ],
    ['name starting with a digit', svc(web, '1web'), one(`metadata.name: Invalid value: "1web": ${DNS1035}`, '1web')],
    [
      'name too long',
      svc(web, 'a'.repeat(64)),
      one(`metadata.name: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`, 'a'.repeat(64)),
    ],
    ['missing name', svc(web, ''), one('metadata.name: Required value: name or generateName is required', '')],
    [
      'bad generateName',
      svc(web, 'ok', { generateName: 'Web-' }),
      one(`metadata.generateName: Invalid value: "Web-": ${DNS1035}`, 'ok'),
    ],
    ['no ports', svc({ selector: { app: 'web' } }), one('spec.ports: Required value')],
    [
      'two ports, one unnamed',
      with_({ ports: [{ name: 'http', port: 80 }, { port: 443 }] }),
      one('spec.ports[1].name: Required value'),
    ],
    [
      'two ports, neither named',
      with_({ ports: [{ port: 80 }, { port: 443 }] }),
      many(['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value']),
    ],
    [
      'duplicate port names',
      with_({
        ports: [
          { name: 'http', port: 80 },
          { name: 'http', port: 81 },
        ],
      }),
      one('spec.ports[1].name: Duplicate value: "http"'),
    ],
    [
      'port name not a DNS-1123 label',
      with_({ ports: [{ name: 'HTTP', port: 80 }] }),
      one(`spec.ports[0].name: Invalid value: "HTTP": ${DNS1123_LABEL}`),
    ],
    [
      'port name with a dot',
      with_({ ports: [{ name: 'a.b', port: 80 }] }),
      one('spec.ports[0].name: Invalid value: "a.b": must not contain dots'),
    ],
    [
      'protocol',
      with_({ ports: [{ port: 80, protocol: 'HTTP' as 'TCP' }] }),
      one('spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'),
    ],
    [
      'targetPort number out of range',
      with_({ ports: [{ port: 80, targetPort: 70000 }] }),
      one('spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive'),
    ],
    [
      'targetPort name: characters',
      with_({ ports: [{ port: 80, targetPort: 'my_port' }] }),
      one(
        'spec.ports[0].targetPort: Invalid value: "my_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      ),
    ],
    [
      'targetPort name: no letter',
      with_({ ports: [{ port: 80, targetPort: '8080' }] }),
      one('spec.ports[0].targetPort: Invalid value: "8080": must contain at least one letter (a-z)'),
    ],
    [
      'targetPort name: consecutive hyphens',
      with_({ ports: [{ port: 80, targetPort: 'a--b' }] }),
      one('spec.ports[0].targetPort: Invalid value: "a--b": must not contain consecutive hyphens'),
    ],
    [
      'targetPort name: leading hyphen',
      with_({ ports: [{ port: 80, targetPort: '-web' }] }),
      one('spec.ports[0].targetPort: Invalid value: "-web": must not begin or end with a hyphen'),
    ],
    [
      'targetPort name: too long, and every other rule',
      with_({ ports: [{ port: 80, targetPort: '-Very--Long_Name1-' }] }),
      many([
        'spec.ports[0].targetPort: Invalid value: "-Very--Long_Name1-": must be no more than 15 characters',
        'spec.ports[0].targetPort: Invalid value: "-Very--Long_Name1-": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'spec.ports[0].targetPort: Invalid value: "-Very--Long_Name1-": must not contain consecutive hyphens',
        'spec.ports[0].targetPort: Invalid value: "-Very--Long_Name1-": must not begin or end with a hyphen',
      ]),
    ],
    [
      'appProtocol',
      with_({ ports: [{ port: 80, appProtocol: 'a/b/c' }] }),
      one(
        `spec.ports[0].appProtocol: Invalid value: "a/b/c": a qualified name ${NAME_PART.replace('name part ', '')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
      ),
    ],
    [
      'duplicate (protocol, port)',
      with_({
        ports: [
          { name: 'a', port: 80 },
          { name: 'b', port: 80, targetPort: 8080 },
        ],
      }),
      one(
        'spec.ports[1]: Duplicate value: {"Name":"","Protocol":"TCP","AppProtocol":null,"Port":80,"TargetPort":0,"NodePort":0}',
      ),
    ],
    [
      'duplicate (protocol, nodePort)',
      with_({
        type: 'NodePort',
        ports: [
          { name: 'a', port: 80, nodePort: 30080 },
          { name: 'b', port: 81, nodePort: 30080 },
        ],
      }),
      one('spec.ports[1].nodePort: Duplicate value: 30080'),
    ],
    [
      'same nodePort, different protocols',
      with_({
        type: 'NodePort',
        ports: [
          { name: 'a', port: 53, nodePort: 30053 },
          { name: 'b', port: 53, protocol: 'UDP', nodePort: 30053 },
        ],
      }),
      '',
    ],
    [
      'type',
      with_({ type: 'Balanced' as 'NodePort' }),
      one(
        'spec.type: Unsupported value: "Balanced": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
      ),
    ],
    [
      'nodePort on ClusterIP',
      with_({ ports: [{ port: 80, nodePort: 30080 }] }),
      one("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"),
    ],
    [
      'headless NodePort',
      with_({ type: 'NodePort', clusterIP: 'None' }),
      one(`spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for NodePort services`),
    ],
    [
      'headless LoadBalancer',
      with_({ type: 'LoadBalancer', clusterIP: 'None' }),
      one(`spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for LoadBalancer services`),
    ],
    ['ExternalName without a name', svc({ type: 'ExternalName' }), one('spec.externalName: Required value')],
    [
      'ExternalName not a subdomain',
      svc({ type: 'ExternalName', externalName: 'my_db.example.com' }),
      one(`spec.externalName: Invalid value: "my_db.example.com": ${SUBDOMAIN}`),
    ],
    [
      'ExternalName with clusterIP, families and policy',
      svc({
        type: 'ExternalName',
        externalName: 'db.example.com',
        clusterIP: '10.96.0.5',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
      }),
      many([
        'spec.clusterIPs: Forbidden: may not be set for ExternalName services',
        'spec.ipFamilies: Forbidden: may not be set for ExternalName services',
        'spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services',
      ]),
    ],
    [
      'session affinity value',
      with_({ sessionAffinity: 'Sticky' as 'None' }),
      one('spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"'),
    ],
    [
      'ClientIP timeout 0',
      with_({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } }),
      one(
        'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400',
      ),
    ],
    [
      'ClientIP timeout 86401',
      with_({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86401 } } }),
      one(
        'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400',
      ),
    ],
    [
      'clusterIPs[0] must match clusterIP',
      with_({ clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.6'] }),
      one('spec.clusterIPs: Invalid value: ["10.96.0.6"]: first value must match `clusterIP`'),
    ],
    [
      'None not alone',
      with_({ clusterIP: 'None', clusterIPs: ['None', '10.96.0.5'] }),
      one(`spec.clusterIPs: Invalid value: ["None","10.96.0.5"]: 'None' must be the first and only value`),
    ],
    [
      'more than two clusterIPs',
      with_({ clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.5', 'fd00::5', '10.96.0.6'] }),
      one('spec.clusterIPs: Invalid value: ["10.96.0.5","fd00::5","10.96.0.6"]: may only hold up to 2 values'),
    ],
    [
      'two IPv4 clusterIPs',
      with_({ clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.5', '10.96.0.6'], ipFamilyPolicy: 'PreferDualStack' }),
      one(
        'spec.clusterIPs: Invalid value: ["10.96.0.5","10.96.0.6"]: may specify no more than one IP for each IP family',
      ),
    ],
    // The allocator checks IPs first and stops the request: the bad port is never reported.
    [
      'malformed clusterIP hides other errors',
      with_({ clusterIP: '10.96.0.999', ports: [{ port: 70000 }] }),
      one(`spec.clusterIPs[0]: Invalid value: "10.96.0.999": ${BAD_IP}`),
    ],
    [
      'clusterIP of a family the cluster lacks',
      with_({ clusterIP: 'fd00::10' }),
      one('spec.clusterIPs[0]: Invalid value: ["fd00::10"]: IPv6 is not configured on this cluster'),
    ],
    [
      'RequireDualStack on a single-stack cluster',
      with_({ ipFamilyPolicy: 'RequireDualStack' }),
      one(
        'spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
      ),
    ],
    [
      'IPv6 family',
      with_({ ipFamilies: ['IPv6'] }),
      one('spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster'),
    ],
    [
      'IPv4 family with an IPv6 clusterIP',
      with_({ clusterIP: 'fd00::10', ipFamilies: ['IPv4'] }),
      one('spec.clusterIPs[0]: Invalid value: "fd00::10": expected an IPv4 value as indicated by `ipFamilies[0]`'),
    ],
    [
      'ipFamilyPolicy value',
      with_({ ipFamilyPolicy: 'DualStack' as 'SingleStack' }),
      one(
        'spec.ipFamilyPolicy: Unsupported value: "DualStack": supported values: "PreferDualStack", "RequireDualStack", "SingleStack"',
      ),
    ],
    [
      'SingleStack with two IPs',
      with_({ clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.5', 'fd00::5'], ipFamilyPolicy: 'SingleStack' }),
      many([
        "spec.ipFamilyPolicy: Invalid value: \"SingleStack\": must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified",
        'spec.clusterIPs[1]: Invalid value: ["10.96.0.5","fd00::5"]: IPv6 is not configured on this cluster',
      ]),
    ],
    [
      'externalIP unspecified',
      with_({ externalIPs: ['0.0.0.0'] }),
      one('spec.externalIPs[0]: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)'),
    ],
    [
      'externalIP loopback',
      with_({ externalIPs: ['127.0.0.1'] }),
      one('spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)'),
    ],
    [
      'externalIP link-local',
      with_({ externalIPs: ['169.254.169.254'] }),
      one(
        'spec.externalIPs[0]: Invalid value: "169.254.169.254": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
      ),
    ],
    [
      'externalIP link-local multicast',
      with_({ externalIPs: ['224.0.0.18'] }),
      one(
        'spec.externalIPs[0]: Invalid value: "224.0.0.18": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)',
      ),
    ],
    [
      'IPv6 externalIPs',
      with_({ externalIPs: ['::', '::1', 'fe80::1', 'ff02::1'] }),
      many([
        'spec.externalIPs[0]: Invalid value: "::": may not be unspecified (::)',
        'spec.externalIPs[1]: Invalid value: "::1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
        'spec.externalIPs[2]: Invalid value: "fe80::1": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
        'spec.externalIPs[3]: Invalid value: "ff02::1": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)',
      ]),
    ],
    [
      'malformed externalIP',
      with_({ externalIPs: ['1.2.3'] }),
      one(`spec.externalIPs[0]: Invalid value: "1.2.3": ${BAD_IP}`),
    ],
    [
      'Local policy on ClusterIP',
      with_({ externalTrafficPolicy: 'Local' }),
      one('spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services'),
    ],
    [
      'externalTrafficPolicy value',
      with_({ type: 'NodePort', externalTrafficPolicy: 'Global' as 'Local' }),
      one('spec.externalTrafficPolicy: Unsupported value: "Global": supported values: "Cluster", "Local"'),
    ],
    [
      'internalTrafficPolicy value',
      with_({ internalTrafficPolicy: 'Node' as 'Local' }),
      one('spec.internalTrafficPolicy: Unsupported value: "Node": supported values: "Cluster", "Local"'),
    ],
    [
      'healthCheckNodePort without LB+Local',
      with_({ type: 'NodePort', healthCheckNodePort: 32000 }),
      one(
        "spec.healthCheckNodePort: Invalid value: 32000: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
      ),
    ],
    [
      'LB source ranges on NodePort',
      with_({ type: 'NodePort', loadBalancerSourceRanges: ['10.0.0.0/8'] }),
      one("spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'"),
    ],
    [
      'LB source range not a CIDR',
      with_({ type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/33'] }),
      one(
        'spec.LoadBalancerSourceRanges[0]: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
      ),
    ],
    [
      'allocateLoadBalancerNodePorts on ClusterIP',
      with_({ allocateLoadBalancerNodePorts: false }),
      one("spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'"),
    ],
    [
      'loadBalancerClass on NodePort',
      with_({ type: 'NodePort', loadBalancerClass: 'example.com/lb' }),
      one("spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'"),
    ],
    [
      'trafficDistribution',
      with_({ trafficDistribution: 'Nearest' }),
      one(
        'spec.trafficDistribution: Unsupported value: "Nearest": supported values: "PreferClose", "PreferSameZone", "PreferSameNode"',
      ),
    ],
    [
      'selector value',
      with_({ selector: { app: 'web app' } }),
      one(`spec.selector: Invalid value: "web app": ${LABEL_VALUE}`),
    ],
    [
      'label key and value',
      svc(web, 'frontend-svc', { labels: { '-tier': 'x'.repeat(64) } }),
      many([
        `metadata.labels: Invalid value: "-tier": ${NAME_PART}`,
        `metadata.labels: Invalid value: "${'x'.repeat(64)}": must be no more than 63 characters`,
      ]),
    ],
    [
      'label key prefix',
      svc(web, 'frontend-svc', { labels: { 'Example.com/tier': 'web' } }),
      one(`metadata.labels: Invalid value: "Example.com/tier": prefix part ${SUBDOMAIN}`),
    ],
    [
      'several causes, in ValidateService order',
      with_({
        type: 'NodePort',
        ports: [{ port: 70000, protocol: 'HTTP' as 'TCP' }],
        sessionAffinity: 'Sticky' as 'None',
      }),
      many([
        'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
        'spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
        // targetPort was defaulted from port, so it is out of range too.
        'spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
        'spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"',
      ]),
    ],
  ];
  it.each(cases)('%s', (_n, input, want) => expect(kubectl(input)).toBe(want));
});

describe('Service updates', () => {
  const stored = svc({
    ...web,
    type: 'NodePort',
    clusterIP: '10.96.0.10',
    ports: [{ port: 80, targetPort: 5000, nodePort: 31842 }],
  });

  it('re-applying the manifest without the allocated values is accepted', () => {
    expect(kubectl(svc({ ...web, type: 'NodePort' }), stored)).toBe('');
  });
  it('a changed clusterIP (the reference example)', () => {
    expect(kubectl(svc({ ...web, type: 'NodePort', clusterIP: '10.96.0.5' }), stored)).toBe(
      one('spec.clusterIPs[0]: Invalid value: ["10.96.0.5"]: may not change once set'),
    );
  });
  it('a changed clusterIP, with clusterIPs left as stored', () => {
    const next = svc({ ...web, type: 'NodePort', clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.10'] });
    expect(kubectl(next, stored)).toBe(
      one('spec.clusterIPs[0]: Invalid value: ["10.96.0.5"]: may not change once set'),
    );
  });
  it('switching to ClusterIP drops the nodePorts the server allocated', () => {
    expect(
      kubectl(svc({ ...web, type: 'ClusterIP', ports: [{ port: 80, targetPort: 5000, nodePort: 31842 }] }), stored),
    ).toBe('');
  });
  it('switching to ClusterIP with a new nodePort is refused', () => {
    expect(
      kubectl(svc({ ...web, type: 'ClusterIP', ports: [{ port: 80, targetPort: 5000, nodePort: 31000 }] }), stored),
    ).toBe(one("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"));
  });
  it('switching to ExternalName releases the clusterIP', () => {
    expect(
      kubectl(svc({ type: 'ExternalName', externalName: 'db.example.com', clusterIP: '10.96.0.10' }), stored),
    ).toBe('');
  });
  it('loadBalancerClass may not change', () => {
    const lb = svc({ ...web, type: 'LoadBalancer', loadBalancerClass: 'example.com/a' });
    expect(kubectl(svc({ ...web, type: 'LoadBalancer', loadBalancerClass: 'example.com/b' }), lb)).toBe(
      one('spec.loadBalancerClass: Invalid value: "example.com/b": may not change once set'),
    );
  });
  it('an invalid label reported by both metadata checks prints once', () => {
    expect(kubectl(svc({ ...web, type: 'NodePort' }, 'frontend-svc', { labels: { app: 'a b' } }), stored)).toBe(
      one(`metadata.labels: Invalid value: "a b": ${LABEL_VALUE}`),
    );
  });
});
