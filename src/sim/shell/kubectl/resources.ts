// kubectl's view of the API: resource names and short names (what `kubectl api-resources` lists for
// the kinds the simulator has), and listing objects of a type the way a list request returns them.
import type { ClusterState, ClusterEvent } from '../../model/state';
import type { Kind, KubeObject, Service } from '../../model/types';
import type { RowObject, TableKind } from '../printers/get';
import type { Endpoints } from '../printers/endpoints';
import { endpointsFromSlices, hasEndpointsObject } from '../printers/endpoints';
import { slicesOf } from '../../controllers/endpointslice';
import { eventName } from '../printers/get';

export interface ResourceType {
  table: TableKind;
  /** the engine's kind, when the object is stored (Endpoints and Events are derived) */
  kind?: Kind;
  resource: string;
  singular: string;
  short: string[];
  group: string;
  namespaced: boolean;
}

export const TYPES: ResourceType[] = [
  { table: 'Pod', kind: 'Pod', resource: 'pods', singular: 'pod', short: ['po'], group: '', namespaced: true },
  {
    table: 'Service',
    kind: 'Service',
    resource: 'services',
    singular: 'service',
    short: ['svc'],
    group: '',
    namespaced: true,
  },
  { table: 'Endpoints', resource: 'endpoints', singular: 'endpoints', short: ['ep'], group: '', namespaced: true },
  {
    table: 'EndpointSlice',
    kind: 'EndpointSlice',
    resource: 'endpointslices',
    singular: 'endpointslice',
    short: [],
    group: 'discovery.k8s.io',
    namespaced: true,
  },
  {
    table: 'Deployment',
    kind: 'Deployment',
    resource: 'deployments',
    singular: 'deployment',
    short: ['deploy'],
    group: 'apps',
    namespaced: true,
  },
  {
    table: 'ReplicaSet',
    kind: 'ReplicaSet',
    resource: 'replicasets',
    singular: 'replicaset',
    short: ['rs'],
    group: 'apps',
    namespaced: true,
  },
  { table: 'Node', kind: 'Node', resource: 'nodes', singular: 'node', short: ['no'], group: '', namespaced: false },
  {
    table: 'Namespace',
    kind: 'Namespace',
    resource: 'namespaces',
    singular: 'namespace',
    short: ['ns'],
    group: '',
    namespaced: false,
  },
  { table: 'Event', resource: 'events', singular: 'event', short: ['ev'], group: '', namespaced: true },
];

/** A type name as the user typed it: plural, singular, short name, Kind, or any of them with `.group`. */
export function findType(name: string): ResourceType | undefined {
  const n = name.toLowerCase();
  for (const t of TYPES) {
    const names = [t.resource, t.singular, ...t.short, t.table.toLowerCase()];
    if (names.includes(n)) return t;
    if (t.group && names.some((x) => n === `${x}.${t.group}` || (t.group === 'apps' && n === `${x}.apps/v1`))) return t;
  }
  return undefined;
}

export const typeOf = (table: TableKind): ResourceType => TYPES.find((t) => t.table === table)!;

/** `services`, `deployments.apps`: how errors name a resource. */
export const qualified = (t: ResourceType): string => (t.group ? `${t.resource}.${t.group}` : t.resource);
/** `service`, `deployment.apps`: the prefix of `-o name` and of success messages. */
export const prefixOf = (t: ResourceType): string => (t.group ? `${t.singular}.${t.group}` : t.singular);

export function notFoundText(t: ResourceType, name: string): string {
  return `Error from server (NotFound): ${qualified(t)} "${name}" not found`;
}

/** The Endpoints object of each Service that has one (derived from its EndpointSlices). */
export function endpointsOf(s: ClusterState, svc: Service): Endpoints | null {
  const slices = slicesOf(s, svc.metadata.namespace, svc.metadata.name);
  return hasEndpointsObject(svc, slices) ? endpointsFromSlices(svc, slices) : null;
}

function metaOf(o: RowObject): { name: string; namespace?: string; labels?: Record<string, string> } {
  if ('metadata' in o) return o.metadata;
  const e = o as ClusterEvent;
  return { name: eventName(e), namespace: e.object.namespace ?? 'default' };
}

export const nameOf = (o: RowObject): string => metaOf(o).name;
export const namespaceOf = (o: RowObject): string | undefined => metaOf(o).namespace;
export const labelsOf = (o: RowObject): Record<string, string> | undefined => metaOf(o).labels;

/** Every object of a type, in `namespace` (undefined: all namespaces). */
export function listAll(s: ClusterState, t: ResourceType, namespace: string | undefined): RowObject[] {
  const inNs = (o: RowObject) => !t.namespaced || namespace === undefined || namespaceOf(o) === namespace;
  let list: RowObject[];
  switch (t.table) {
    case 'Endpoints':
      list = Object.values(s.objects.services)
        .map((svc) => endpointsOf(s, svc))
        .filter((e): e is Endpoints => e !== null);
      break;
    case 'Event':
      list = s.events.filter((e) => !e.sim);
      break;
    default:
      list = Object.values(
        s.objects[
          (
            {
              Pod: 'pods',
              Service: 'services',
              EndpointSlice: 'endpointslices',
              Deployment: 'deployments',
              ReplicaSet: 'replicasets',
              Node: 'nodes',
              Namespace: 'namespaces',
            } as const
          )[t.table as 'Pod']
        ],
      ) as KubeObject[];
  }
  return list.filter(inNs);
}

export function getOne(s: ClusterState, t: ResourceType, namespace: string, name: string): RowObject | undefined {
  if (t.table === 'Endpoints') {
    const svc = s.objects.services[`${namespace}/${name}`];
    return svc ? (endpointsOf(s, svc) ?? undefined) : undefined;
  }
  return listAll(s, t, t.namespaced ? namespace : undefined).find((o) => nameOf(o) === name);
}

/** `kubectl get all`: the kinds in the "all" category that the simulator has. */
export const ALL_TYPES: ResourceType[] = ['Pod', 'Service', 'Deployment', 'ReplicaSet'].map((k) =>
  typeOf(k as TableKind),
);

export type ParsedArgs =
  { items: { type: ResourceType; name?: string }[]; types: ResourceType[]; multi: boolean } | { error: string };

/**
 * kubectl's resource arguments: `TYPE[,TYPE...] [NAME...]` or `TYPE/NAME ...` (not mixed).
 * Names apply to each type given.
 */
export function parseResourceArgs(args: string[], allowAll = true): ParsedArgs {
  if (!args.length) return { items: [], types: [], multi: false };
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length) {
    if (slashed.length !== args.length)
      return {
        error: `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
      };
    const items: { type: ResourceType; name?: string }[] = [];
    for (const a of args) {
      const [tn, ...rest] = a.split('/');
      const name = rest.join('/');
      const t = findType(tn);
      if (!t) return { error: `error: the server doesn't have a resource type "${tn}"` };
      if (!name) return { error: `error: arguments in resource/name form must have a single resource and name` };
      items.push({ type: t, name });
    }
    const types = [...new Set(items.map((i) => i.type))];
    return { items, types, multi: types.length > 1 };
  }
  const typeNames = args[0].split(',').filter(Boolean);
  const types: ResourceType[] = [];
  let all = false;
  for (const tn of typeNames) {
    if (tn.toLowerCase() === 'all' && allowAll) {
      all = true;
      types.push(...ALL_TYPES);
      continue;
    }
    const t = findType(tn);
    if (!t) return { error: `error: the server doesn't have a resource type "${tn}"` };
    types.push(t);
  }
  const uniq = [...new Set(types)];
  const names = args.slice(1);
  const items = names.length
    ? uniq.flatMap((type) => names.map((name) => ({ type, name })))
    : uniq.map((type) => ({ type }));
  return { items, types: uniq, multi: all || uniq.length > 1 };
}
