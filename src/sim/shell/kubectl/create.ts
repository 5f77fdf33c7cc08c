// kubectl create deployment|namespace|service and kubectl expose: objects built the way kubectl's
// generators build them, then written (or printed with --dry-run=client -o yaml).
import type { CmdResult } from '../types';
import type {
  Deployment,
  KubeObject,
  ManifestInput,
  Namespace,
  Service,
  ServicePort,
  ServiceSpec,
  ServiceType,
  Protocol,
  Labels,
} from '../../model/types';
import type { K } from './common';
import { Out, fail } from '../output';
import { DRY_RUN, FILENAME, OUTPUT, dryRun, dryRunSuffix, isResult, parse, usageError } from './common';
import { int, str, strs } from '../flags';
import { createFromFiles } from './apply';
import { findType, notFoundText, prefixOf } from './resources';
import { writeObject } from '../../apiserver/api';
import { clone } from '../../model/meta';
import { outputData, serialize } from './print';
import { LAST_APPLIED, lastAppliedOf } from './apply';

/** kubectl's container name for an image: the last path element without tag or digest. */
export function containerNameFor(image: string): string {
  return image.split('@')[0].split('/').pop()!.split(':')[0];
}

/** An object kubectl's generators build: always named. */
export type Generated<T extends KubeObject = KubeObject> = ManifestInput<T> & { metadata: { name: string } };

/** Write (or dry-run) one generated object and print what kubectl prints. */
export function finish(
  k: K,
  obj: Generated,
  verb: string,
  p: { flags: Record<string, unknown> },
  out = new Out(),
): CmdResult {
  const dr = dryRun(p as never);
  if (typeof dr === 'object') return fail(`error: ${dr.error}`);
  const t = findType(obj.kind)!;
  const output = p.flags.output as string | undefined;
  if (p.flags['save-config'])
    obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED]: lastAppliedOf(obj, k.ns) };
  // --dry-run=client prints the manifest as generated, without the server's fields
  let written = obj as KubeObject;
  if (dr !== 'client') {
    const target = dr === 'server' ? (clone(k.state) as typeof k.state) : k.state;
    const r = writeObject(target, obj, 'create', k.ns);
    if (!r.ok) return out.err(r.error.text + '\n').done(1);
    for (const w of r.warnings ?? []) out.err(`Warning: ${w}\n`);
    written = r.object;
  }
  if (output === 'yaml' || output === 'json')
    return out.out(serialize(outputData(k.state, [written], true), output)).done(0);
  if (output === 'name') return out.out(`${prefixOf(t)}/${obj.metadata.name}\n`).done(0);
  if (output !== undefined && output !== '')
    return fail(
      `error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml`,
    );
  return out.out(`${prefixOf(t)}/${obj.metadata.name} ${verb}${dryRunSuffix(dr)}\n`).done(0);
}

const meta = (name: string, labels?: Labels) => ({ name, ...(labels ? { labels } : {}) }) as KubeObject['metadata'];

function createDeployment(k: K, argv: string[]): CmdResult {
  const p = parse(k, 'kubectl create deployment', argv, [
    { name: 'image', type: 'strings' },
    { name: 'replicas', short: 'r', type: 'int' },
    { name: 'port', type: 'int' },
    OUTPUT,
    DRY_RUN,
    { name: 'save-config', type: 'bool' },
    { name: 'validate', type: 'string', noOpt: 'strict' },
    { name: 'field-manager', type: 'string' },
  ]);
  if (isResult(p)) return p;
  const images = strs(p, 'image');
  const before = p.dashAt >= 0 ? p.args.slice(0, p.dashAt) : p.args;
  const command = p.dashAt >= 0 ? p.args.slice(p.dashAt) : [];
  if (!images.length) return fail('error: required flag(s) "image" not set');
  if (before.length !== 1)
    return usageError('kubectl create deployment', 'exactly one NAME is required, got ' + before.length);
  if (command.length && images.length > 1) return fail('error: cannot specify multiple --image options and command');
  const name = before[0];
  const labels = { app: name };
  const port = int(p, 'port');
  const d: Generated<Deployment> = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, labels),
    spec: {
      replicas: int(p, 'replicas') ?? 1,
      selector: { matchLabels: { ...labels } },
      template: {
        metadata: { labels: { ...labels } },
        spec: {
          containers: images.map((image) => ({
            name: containerNameFor(image),
            image,
            ...(command.length ? { command } : {}),
            ...(port !== undefined && port >= 0 ? { ports: [{ containerPort: port }] } : {}),
          })),
        },
      },
    },
  };
  return finish(k, d, 'created', p);
}

function createNamespace(k: K, argv: string[]): CmdResult {
  const p = parse(k, 'kubectl create namespace', argv, [
    OUTPUT,
    DRY_RUN,
    { name: 'save-config', type: 'bool' },
    { name: 'validate', type: 'string', noOpt: 'strict' },
  ]);
  if (isResult(p)) return p;
  if (p.args.length !== 1)
    return usageError('kubectl create namespace', 'exactly one NAME is required, got ' + p.args.length);
  const ns: Generated<Namespace> = { apiVersion: 'v1', kind: 'Namespace', metadata: meta(p.args[0]) };
  return finish(k, ns, 'created', p);
}

function createService(k: K, argv: string[]): CmdResult {
  const sub = argv[0];
  const types: Record<string, Service['spec']['type']> = {
    clusterip: 'ClusterIP',
    nodeport: 'NodePort',
    loadbalancer: 'LoadBalancer',
    externalname: 'ExternalName',
  };
  if (!sub || !types[sub])
    return fail(
      `error: ${sub ? `unknown command "${sub}" for "kubectl create service"` : 'must specify one of clusterip, externalname, loadbalancer or nodeport'}\nSee 'kubectl create service -h' for help and examples`,
    );
  const path = `kubectl create service ${sub}`;
  const p = parse(k, path, argv.slice(1), [
    { name: 'tcp', type: 'strings' },
    { name: 'node-port', type: 'int' },
    { name: 'clusterip', type: 'string' },
    { name: 'external-name', type: 'string' },
    OUTPUT,
    DRY_RUN,
    { name: 'save-config', type: 'bool' },
    { name: 'validate', type: 'string', noOpt: 'strict' },
  ]);
  if (isResult(p)) return p;
  if (p.args.length !== 1) return usageError(path, 'exactly one NAME is required, got ' + p.args.length);
  const name = p.args[0];
  const type = types[sub];
  const ports: ServicePort[] = [];
  for (const spec of strs(p, 'tcp')) {
    const [a, b] = spec.split(':');
    if (!/^\d+$/.test(a) || (b !== undefined && b === ''))
      return fail(`error: ${spec} is not a valid port:targetPort pair`);
    ports.push({
      name: `${a}-${b ?? a}`,
      protocol: 'TCP',
      port: Number(a),
      targetPort: b === undefined ? Number(a) : /^\d+$/.test(b) ? Number(b) : b,
      ...(int(p, 'node-port') ? { nodePort: int(p, 'node-port') } : {}),
    });
  }
  // create_service.go ServiceOptions.Validate: a headless Service may have no ports
  if (str(p, 'clusterip') === 'None' && type !== 'ClusterIP')
    return fail('error: ClusterIP=None can only be used with ClusterIP service type');
  if (str(p, 'clusterip') !== 'None' && type !== 'ExternalName' && !ports.length)
    return fail('error: at least one tcp port specifier must be provided');
  if (type === 'ExternalName' && !str(p, 'external-name')) return fail('error: --external-name must be specified');
  const svc: Generated<Service> = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name, { app: name }),
    spec: {
      type,
      ...(type === 'ExternalName'
        ? { externalName: str(p, 'external-name') }
        : { selector: { app: name }, ...(ports.length ? { ports } : {}) }),
      ...(str(p, 'clusterip') ? { clusterIP: str(p, 'clusterip') } : {}),
    },
  };
  return finish(k, svc, 'created', p);
}

const VALUE_FLAGS = new Set([
  '-n',
  '--namespace',
  '-o',
  '--output',
  '-f',
  '--filename',
  '--image',
  '--replicas',
  '-r',
  '--port',
  '--context',
  '--kubeconfig',
  '-l',
  '--selector',
]);

export function create(k: K, argv: string[]): CmdResult {
  let idx = -1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (VALUE_FLAGS.has(a)) i++;
      continue;
    }
    idx = i;
    break;
  }
  const sub = idx >= 0 ? argv[idx] : undefined;
  const rest = idx >= 0 ? [...argv.slice(0, idx), ...argv.slice(idx + 1)] : argv;
  switch (sub) {
    case 'deployment':
    case 'deploy':
      return createDeployment(k, rest);
    case 'namespace':
    case 'ns':
      return createNamespace(k, rest);
    case 'service':
    case 'svc':
      return createService(k, argv.slice(idx + 1).concat(argv.slice(0, idx)));
    case undefined:
      return createFromFiles(k, argv);
    default:
      return fail(
        `error: unknown command "${sub}" for "kubectl create"\nSee 'kubectl create -h' for help and examples`,
      );
  }
}

/** kubectl expose (deployment|replicaset|pod|service) NAME --port=P [--target-port] [--type] [--name]. */
export function expose(k: K, argv: string[]): CmdResult {
  const p = parse(k, 'kubectl expose', argv, [
    FILENAME,
    OUTPUT,
    DRY_RUN,
    { name: 'port', type: 'string' },
    { name: 'target-port', type: 'string' },
    { name: 'protocol', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'selector', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'external-ip', type: 'string' },
    { name: 'cluster-ip', type: 'string' },
    { name: 'session-affinity', type: 'string' },
    { name: 'save-config', type: 'bool' },
    { name: 'load-balancer-ip', type: 'string' },
    { name: 'override-type', type: 'string' },
    { name: 'overrides', type: 'string' },
  ]);
  if (isResult(p)) return p;
  let typeName: string | undefined, name: string | undefined;
  if (p.args.length === 1 && p.args[0].includes('/')) [typeName, name] = p.args[0].split('/');
  else [typeName, name] = p.args;
  if (!typeName || !name)
    return usageError(
      'kubectl expose',
      "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  const t = findType(typeName);
  if (!t) return fail(`error: the server doesn't have a resource type "${typeName}"`);
  if (!['Pod', 'Service', 'Deployment', 'ReplicaSet'].includes(t.table))
    return fail(`error: cannot expose a ${t.table === 'Node' ? 'Node' : t.table}`);
  const obj = k.state.objects[
    ({ Pod: 'pods', Service: 'services', Deployment: 'deployments', ReplicaSet: 'replicasets' } as const)[
      t.table as 'Pod'
    ]
  ][`${k.ns}/${name}`] as KubeObject | undefined;
  if (!obj) return fail(notFoundText(t, name));
  // selector: --selector, or the object's own (pod labels, a controller's matchLabels, a Service's selector)
  let selector: Labels | undefined;
  const sel = str(p, 'selector');
  if (sel !== undefined) selector = Object.fromEntries(sel.split(',').map((x) => x.split('=') as [string, string]));
  else if (obj.kind === 'Pod') {
    if (!obj.metadata.labels || !Object.keys(obj.metadata.labels).length)
      return fail(
        "error: couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed",
      );
    selector = { ...obj.metadata.labels };
  } else if (obj.kind === 'Service') {
    if (!obj.spec.selector)
      return fail(
        "error: couldn't retrieve selectors via --selector flag or introspection: the service has no pod selector set",
      );
    selector = { ...obj.spec.selector };
  } else if (obj.kind === 'Deployment' || obj.kind === 'ReplicaSet') {
    if (obj.spec.selector.matchExpressions?.length)
      return fail(
        `error: couldn't retrieve selectors via --selector flag or introspection: couldn't convert expressions - "${JSON.stringify(obj.spec.selector.matchExpressions)}" to map: expressions are not supported`,
      );
    selector = { ...(obj.spec.selector.matchLabels ?? {}) };
  }
  // ports: --port, or introspection of the containers (or the Service's ports)
  const protocol = (str(p, 'protocol') ?? undefined) as Protocol | undefined;
  const target = str(p, 'target-port');
  const intOr = (v: string) => (/^\d+$/.test(v) ? Number(v) : v);
  let ports: ServicePort[];
  const portFlag = str(p, 'port');
  if (portFlag !== undefined) {
    ports = portFlag.split(',').map((x, i, all) => ({
      ...(all.length > 1 ? { name: `port-${i + 1}` } : {}),
      protocol: protocol ?? 'TCP',
      port: Number(x),
      targetPort: target !== undefined ? intOr(target) : Number(x),
    }));
  } else {
    const found: { port: number; protocol: Protocol }[] = [];
    if (obj.kind === 'Service')
      for (const sp of obj.spec.ports ?? []) found.push({ port: sp.port, protocol: sp.protocol ?? 'TCP' });
    else {
      const spec = obj.kind === 'Pod' ? obj.spec : (obj as Deployment).spec.template.spec;
      for (const c of spec.containers)
        for (const cp of c.ports ?? []) found.push({ port: cp.containerPort, protocol: cp.protocol ?? 'TCP' });
    }
    if (!found.length)
      return fail(
        "error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples",
      );
    ports = found.map((f, i) => ({
      ...(found.length > 1 ? { name: `port-${i + 1}` } : {}),
      protocol: protocol ?? f.protocol,
      port: f.port,
      targetPort: target !== undefined ? intOr(target) : f.port,
    }));
  }
  const labelsFlag = str(p, 'labels');
  const labels =
    labelsFlag !== undefined
      ? Object.fromEntries(labelsFlag.split(',').map((x) => x.split('=') as [string, string]))
      : obj.metadata.labels;
  // --type and --session-affinity are passed on as given: the apiserver's validation names a bad value
  const svc: Generated<Service> = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: str(p, 'name') ?? name,
      ...(labels && Object.keys(labels).length ? { labels: { ...labels } } : {}),
    },
    spec: {
      ports,
      selector,
      ...(str(p, 'type') ? { type: str(p, 'type') as ServiceType } : {}),
      ...(str(p, 'external-ip') ? { externalIPs: str(p, 'external-ip')!.split(',') } : {}),
      ...(str(p, 'cluster-ip') ? { clusterIP: str(p, 'cluster-ip') } : {}),
      ...(str(p, 'session-affinity')
        ? { sessionAffinity: str(p, 'session-affinity') as ServiceSpec['sessionAffinity'] }
        : {}),
    },
  };
  return finish(k, svc, 'exposed', p);
}
