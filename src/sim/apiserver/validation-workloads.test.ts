import { describe, expect, it } from 'vitest';
import type { Deployment, Namespace, Pod, ReplicaSet } from '../model/types';
import { defaultDeployment, defaultNamespace, defaultPod, defaultReplicaSet } from './defaults';
import { formatInvalid } from './fielderrors';
import { validateDeployment, validateNamespace, validatePod, validateReplicaSet } from './validation';
import { DNS1123_LABEL, LABEL_VALUE, SUBDOMAIN, deployment, pod } from './validation-fixtures';

const text = (kind: string, name: string, errs: ReturnType<typeof validatePod>) =>
  errs.length ? formatInvalid(kind, name, errs) : '';
const podErr = (p: Pod, old?: Pod) => text('Pod', p.metadata.name, validatePod(defaultPod(p), old && defaultPod(old)));
const deployErr = (d: Deployment, old?: Deployment) =>
  text('Deployment', d.metadata.name, validateDeployment(defaultDeployment(d), old && defaultDeployment(old)));
const one = (kind: string, name: string, cause: string) => `The ${kind} "${name}" is invalid: ${cause}`;
const many = (kind: string, name: string, causes: string[]) =>
  `The ${kind} "${name}" is invalid: \n` + causes.map((c) => `* ${c}`).join('\n');
const ctr = (c: Partial<Pod['spec']['containers'][number]>) => ({ name: 'web', image: 'nginx:1.27', ...c });

describe('Pods', () => {
  const cases: [string, Pod, string][] = [
    ['valid', pod(), ''],
    ['no containers', pod({ containers: [] }), one('Pod', 'web', 'spec.containers: Required value')],
    [
      'container without a name',
      pod({ containers: [ctr({ name: '' })] }),
      one('Pod', 'web', 'spec.containers[0].name: Required value'),
    ],
    [
      'container without an image',
      pod({ containers: [ctr({ image: '' })] }),
      one('Pod', 'web', 'spec.containers[0].image: Required value'),
    ],
    [
      'containerPort 0',
      pod({ containers: [ctr({ ports: [{ containerPort: 0 }] })] }),
      one('Pod', 'web', 'spec.containers[0].ports[0].containerPort: Required value'),
    ],
    [
      'containerPort out of range',
      pod({ containers: [ctr({ ports: [{ containerPort: 70000 }] })] }),
      one(
        'Pod',
        'web',
        'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      ),
    ],
    [
      'pod name not a subdomain',
      pod({}, 'My_Pod'),
      one('Pod', 'My_Pod', `metadata.name: Invalid value: "My_Pod": ${SUBDOMAIN}`),
    ],
    [
      'container name not a label',
      pod({ containers: [ctr({ name: 'Web' })] }),
      one('Pod', 'web', `spec.containers[0].name: Invalid value: "Web": ${DNS1123_LABEL}`),
    ],
    [
      'duplicate container names',
      pod({ containers: [ctr({}), ctr({})] }),
      one('Pod', 'web', 'spec.containers[1].name: Duplicate value: "web"'),
    ],
    [
      'container port name',
      pod({ containers: [ctr({ ports: [{ name: 'HTTP', containerPort: 80 }] })] }),
      many('Pod', 'web', [
        'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain at least one letter (a-z)',
      ]),
    ],
    [
      'duplicate container port names',
      pod({
        containers: [
          ctr({
            ports: [
              { name: 'http', containerPort: 80 },
              { name: 'http', containerPort: 81 },
            ],
          }),
        ],
      }),
      one('Pod', 'web', 'spec.containers[0].ports[1].name: Duplicate value: "http"'),
    ],
    [
      'container port protocol',
      pod({ containers: [ctr({ ports: [{ containerPort: 80, protocol: 'HTTP' as 'TCP' }] })] }),
      one(
        'Pod',
        'web',
        'spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      ),
    ],
    [
      'restartPolicy',
      pod({ restartPolicy: 'Sometimes' as 'Always' }),
      one(
        'Pod',
        'web',
        'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      ),
    ],
    [
      'dnsPolicy',
      pod({ dnsPolicy: 'Cluster' as 'Default' }),
      one(
        'Pod',
        'web',
        'spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
      ),
    ],
    [
      'dnsPolicy None needs a dnsConfig',
      pod({ dnsPolicy: 'None' }),
      one('Pod', 'web', 'spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None'),
    ],
    [
      'imagePullPolicy',
      pod({ containers: [ctr({ imagePullPolicy: 'Sometimes' as 'Never' })] }),
      one(
        'Pod',
        'web',
        'spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
      ),
    ],
    [
      'image with spaces',
      pod({ containers: [ctr({ image: ' nginx' })] }),
      one(
        'Pod',
        'web',
        'spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace',
      ),
    ],
    [
      'env name',
      pod({ containers: [ctr({ env: [{ name: 'A=B', value: '1' }] })] }),
      one(
        'Pod',
        'web',
        `spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
      ),
    ],
    [
      'hostNetwork hostPort',
      pod({ hostNetwork: true, containers: [ctr({ ports: [{ containerPort: 80, hostPort: 8080 }] })] }),
      one(
        'Pod',
        'web',
        'spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true',
      ),
    ],
    [
      'hostPort conflict',
      pod({
        containers: [
          ctr({ ports: [{ containerPort: 80, hostPort: 8080 }] }),
          ctr({ name: 'b', ports: [{ containerPort: 81, hostPort: 8080 }] }),
        ],
      }),
      one('Pod', 'web', 'spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"'),
    ],
    [
      'subdomain',
      pod({ subdomain: 'My_Sub' }),
      one('Pod', 'web', `spec.subdomain: Invalid value: "My_Sub": ${DNS1123_LABEL}`),
    ],
    [
      'label value',
      { ...pod(), metadata: { ...pod().metadata, labels: { app: 'web app' } } },
      one('Pod', 'web', `metadata.labels: Invalid value: "web app": ${LABEL_VALUE}`),
    ],
  ];
  it.each(cases)('%s', (_n, p, want) => expect(podErr(p)).toBe(want));

  it('an image change is a valid update', () => {
    expect(podErr(pod({ containers: [ctr({ image: 'nginx:1.28', ports: [{ containerPort: 80 }] })] }), pod())).toBe('');
  });
  it('adding a container is refused', () => {
    expect(podErr(pod({ containers: [ctr({ ports: [{ containerPort: 80 }] }), ctr({ name: 'b' })] }), pod())).toBe(
      one('Pod', 'web', 'spec.containers: Forbidden: pod updates may not add or remove containers'),
    );
  });
  it('other spec changes are refused', () => {
    expect(podErr(pod({ restartPolicy: 'Never' }), pod())).toMatch(
      /^The Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,`spec.initContainers\[\*\].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` \(only additions to existing tolerations\),`spec.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n/,
    );
  });
});

describe('Deployments', () => {
  const tpl = (labels: Record<string, string>, spec: Partial<Deployment['spec']['template']['spec']> = {}) => ({
    metadata: { labels },
    spec: { containers: [ctr({})], ...spec },
  });
  const cases: [string, Deployment, string][] = [
    ['valid', deployment(), ''],
    [
      'selector does not match the template',
      deployment({ template: tpl({ app: 'wrong-app-name' }) }),
      one(
        'Deployment',
        'web',
        'spec.template.metadata.labels: Invalid value: {"app":"wrong-app-name"}: `selector` does not match template `labels`',
      ),
    ],
    [
      'no selector',
      deployment({ selector: undefined as unknown as Deployment['spec']['selector'] }),
      many('Deployment', 'web', [
        'spec.selector: Required value',
        'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
      ]),
    ],
    [
      'empty selector',
      deployment({ selector: {} }),
      one('Deployment', 'web', 'spec.selector: Invalid value: {}: empty selector is invalid for deployment'),
    ],
    [
      'template without labels',
      deployment({ template: { spec: { containers: [ctr({})] } } }),
      one(
        'Deployment',
        'web',
        'spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`',
      ),
    ],
    [
      'template container without a name',
      deployment({ template: tpl({ app: 'web' }, { containers: [ctr({ name: '' })] }) }),
      one('Deployment', 'web', 'spec.template.spec.containers[0].name: Required value'),
    ],
    [
      'template restartPolicy',
      deployment({ template: tpl({ app: 'web' }, { restartPolicy: 'Never' }) }),
      one(
        'Deployment',
        'web',
        'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      ),
    ],
    [
      'template label value',
      deployment({ template: tpl({ app: 'web', tier: 'a b' }) }),
      one('Deployment', 'web', `spec.template.labels: Invalid value: "a b": ${LABEL_VALUE}`),
    ],
    [
      'negative replicas',
      deployment({ replicas: -1 }),
      one('Deployment', 'web', 'spec.replicas: Invalid value: -1: must be greater than or equal to 0'),
    ],
    [
      'maxSurge and maxUnavailable both 0',
      deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }),
      one(
        'Deployment',
        'web',
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
      ),
    ],
    [
      'maxUnavailable over 100%',
      deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '150%' } } }),
      one(
        'Deployment',
        'web',
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%',
      ),
    ],
    [
      'maxSurge not a percent',
      deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 'abc', maxUnavailable: '25%' } } }),
      one(
        'Deployment',
        'web',
        `spec.strategy.rollingUpdate.maxSurge: Invalid value: "abc": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
      ),
    ],
    [
      'strategy type',
      deployment({ strategy: { type: 'BlueGreen' as 'Recreate' } }),
      one(
        'Deployment',
        'web',
        'spec.strategy: Unsupported value: {"Type":"BlueGreen","RollingUpdate":null}: supported values: "Recreate", "RollingUpdate"',
      ),
    ],
    [
      'Recreate with rollingUpdate',
      deployment({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }),
      one(
        'Deployment',
        'web',
        "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
      ),
    ],
    [
      'selector label value',
      deployment({ selector: { matchLabels: { app: 'a b' } }, template: tpl({ app: 'a b' }) }),
      many('Deployment', 'web', [
        `spec.selector.matchLabels: Invalid value: "a b": ${LABEL_VALUE}`,
        'spec.selector: Invalid value: {"matchLabels":{"app":"a b"}}: invalid label selector',
      ]),
    ],
    [
      'selector operator',
      deployment({ selector: { matchExpressions: [{ key: 'app', operator: 'Has' as 'In', values: ['web'] }] } }),
      many('Deployment', 'web', [
        'spec.selector.matchExpressions[0].operator: Invalid value: "Has": not a valid selector operator',
        'spec.selector: Invalid value: {"matchExpressions":[{"key":"app","operator":"Has","values":["web"]}]}: invalid label selector',
      ]),
    ],
    [
      'In without values',
      deployment({ selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In' }] } }),
      many('Deployment', 'web', [
        "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        'spec.selector: Invalid value: {"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"In"}]}: invalid label selector',
      ]),
    ],
    [
      'matchExpressions that match',
      deployment({
        selector: {
          matchExpressions: [
            { key: 'app', operator: 'In', values: ['web', 'api'] },
            { key: 'canary', operator: 'DoesNotExist' },
          ],
        },
      }),
      '',
    ],
    [
      'progressDeadlineSeconds 0',
      deployment({ progressDeadlineSeconds: 0 }),
      one('Deployment', 'web', 'spec.progressDeadlineSeconds: Invalid value: 0: must be greater than minReadySeconds'),
    ],
    [
      'name not a subdomain',
      deployment({}, 'Web_App'),
      one('Deployment', 'Web_App', `metadata.name: Invalid value: "Web_App": ${SUBDOMAIN}`),
    ],
  ];
  it.each(cases)('%s', (_n, d, want) => expect(deployErr(d)).toBe(want));

  it('a changed selector is immutable', () => {
    const next = deployment({ selector: { matchLabels: { app: 'web2' } }, template: tpl({ app: 'web2' }) });
    expect(deployErr(next, deployment())).toBe(
      one('Deployment', 'web', 'spec.selector: Invalid value: {"matchLabels":{"app":"web2"}}: field is immutable'),
    );
  });
  it('scaling is a valid update', () => expect(deployErr(deployment({ replicas: 5 }), deployment())).toBe(''));
});

describe('ReplicaSets and Namespaces', () => {
  const rs = (labels: Record<string, string>, sel = { app: 'web' }): ReplicaSet => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-7c5ddbdf54', namespace: 'default', uid: '', resourceVersion: '', creationTimestamp: 0 },
    spec: { selector: { matchLabels: sel }, template: { metadata: { labels }, spec: { containers: [ctr({})] } } },
    status: { replicas: 0 },
  });
  const rsErr = (r: ReplicaSet, old?: ReplicaSet) =>
    text('ReplicaSet', r.metadata.name, validateReplicaSet(defaultReplicaSet(r), old && defaultReplicaSet(old)));
  it('a valid ReplicaSet', () => expect(rsErr(rs({ app: 'web' }))).toBe(''));
  it('mismatched template', () =>
    expect(rsErr(rs({ tier: 'nginx' }))).toBe(
      one(
        'ReplicaSet',
        'web-7c5ddbdf54',
        'spec.template.metadata.labels: Invalid value: {"tier":"nginx"}: `selector` does not match template `labels`',
      ),
    ));
  it('selector immutable', () =>
    expect(rsErr(rs({ app: 'x' }, { app: 'x' }), rs({ app: 'web' }))).toBe(
      one(
        'ReplicaSet',
        'web-7c5ddbdf54',
        'spec.selector: Invalid value: {"matchLabels":{"app":"x"}}: field is immutable',
      ),
    ));

  const ns = (name: string): Namespace => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, uid: '', resourceVersion: '', creationTimestamp: 0 },
    status: { phase: 'Active' },
  });
  const nsErr = (n: Namespace) => text('Namespace', n.metadata.name, validateNamespace(defaultNamespace(n)));
  it.each([
    ['valid', 'team-a', ''],
    [
      'not a DNS-1123 label',
      'Team_A',
      one('Namespace', 'Team_A', `metadata.name: Invalid value: "Team_A": ${DNS1123_LABEL}`),
    ],
    ['dots', 'team.a', one('Namespace', 'team.a', 'metadata.name: Invalid value: "team.a": must not contain dots')],
    ['missing name', '', one('Namespace', '', 'metadata.name: Required value: name or generateName is required')],
  ])('namespace %s', (_n, name, want) => expect(nsErr(ns(name))).toBe(want));
});
