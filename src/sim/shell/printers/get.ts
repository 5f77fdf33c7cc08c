// `kubectl get` output: the human-readable tables (cli-runtime's table printer decorating the
// server's rows: NAMESPACE first with -A, LABELS last with --show-labels, a kind prefix on NAME
// when several kinds are printed), `-o name`, and the "No resources found" text.
import type { ClusterEvent } from '../../model/state';
import { byteCompare, formatLabels } from './format';
import type { RowObject, TableKind } from './get-rows';
import { COLUMNS, eventName, rowCells } from './get-rows';
import { GET_TABWRITER, TabWriter } from './tabwriter';

export type { TableKind, RowObject } from './get-rows';
export { eventName } from './get-rows';

export interface TableOptions {
  /** virtual now, for AGE */
  now: number;
  wide?: boolean;
  showLabels?: boolean;
  /** -A: a NAMESPACE column first (namespaced kinds only) */
  allNamespaces?: boolean;
  /** prefix NAME with `service/`, `deployment.apps/`, ... (several kinds, or `get all`) */
  withKindPrefix?: boolean;
  noHeaders?: boolean;
  /** sort rows by namespace then name, as the apiserver lists them (default true) */
  sort?: boolean;
}

export interface Table {
  headers: string[];
  rows: string[][];
}

const NAMESPACED: Record<TableKind, boolean> = {
  Pod: true,
  Service: true,
  Endpoints: true,
  EndpointSlice: true,
  Deployment: true,
  ReplicaSet: true,
  Node: false,
  Namespace: false,
  Event: true,
};

/** Lower-cased `kind.group` that kubectl prefixes names with. */
export const KIND_PREFIX: Record<TableKind, string> = {
  Pod: 'pod',
  Service: 'service',
  Endpoints: 'endpoints',
  EndpointSlice: 'endpointslice.discovery.k8s.io',
  Deployment: 'deployment.apps',
  ReplicaSet: 'replicaset.apps',
  Node: 'node',
  Namespace: 'namespace',
  Event: 'event',
};

/** `kubectl get all`: the "all" category as discovery orders it (kinds the simulator has). */
export const GET_ALL_KINDS: TableKind[] = ['Pod', 'Service', 'Deployment', 'ReplicaSet'];

function isEvent(o: RowObject): o is ClusterEvent {
  return !('metadata' in o);
}

function namespaceOf(o: RowObject): string {
  if (isEvent(o)) return o.object.namespace ?? 'default';
  return o.metadata.namespace ?? '';
}

function nameOf(o: RowObject): string {
  return isEvent(o) ? eventName(o) : o.metadata.name;
}

function labelsOf(o: RowObject): Record<string, string> | undefined {
  return isEvent(o) ? undefined : o.metadata.labels;
}

/** Objects in the order the apiserver lists them: by namespace, then name (byte order). */
export function sortForList<T extends RowObject>(objects: T[]): T[] {
  return [...objects].sort((a, b) => byteCompare(namespaceOf(a), namespaceOf(b)) || byteCompare(nameOf(a), nameOf(b)));
}

/** The decorated table (headers upper-cased) without layout. */
export function tableFor(kind: TableKind, objects: RowObject[], opts: TableOptions): Table {
  const cols = COLUMNS[kind];
  const keep = cols.map((c) => c.priority === 0 || !!opts.wide);
  const withNs = !!opts.allNamespaces && NAMESPACED[kind];
  const headers = cols.filter((_, i) => keep[i]).map((c) => c.name.toUpperCase());
  if (withNs) headers.unshift('NAMESPACE');
  if (opts.showLabels) headers.push('LABELS');
  const list = opts.sort === false ? objects : sortForList(objects);
  const rows = list.map((o) => {
    const all = rowCells(kind, o, opts.now, !!opts.wide);
    const cells = all.filter((_, i) => keep[i]);
    // the Name column (Format "name") gets the kind prefix
    const nameIdx = kind === 'Event' ? -1 : 0;
    if (opts.withKindPrefix && nameIdx >= 0) cells[nameIdx] = `${KIND_PREFIX[kind]}/${cells[nameIdx]}`;
    if (withNs) cells.unshift(namespaceOf(o));
    if (opts.showLabels) cells.push(formatLabels(labelsOf(o)));
    return cells;
  });
  return { headers, rows };
}

/** Lay a table out as kubectl does (cells sanitized: a newline cuts the cell and adds "..."). */
export function renderTable(table: Table, noHeaders = false, remembered?: number[]): string {
  if (table.rows.length === 0) return '';
  const clean = (c: string) => {
    const i = c.search(/[\n\r\f]/);
    return i >= 0 ? c.slice(0, i) + '...' : c;
  };
  const w = new TabWriter({ ...GET_TABWRITER, remembered });
  if (!noHeaders) w.write(table.headers.join('\t') + '\n');
  for (const r of table.rows) w.write(r.map(clean).join('\t') + '\n');
  return w.toString();
}

/** One kind's table; '' when there are no objects (kubectl prints no header then). */
export function printTable(kind: TableKind, objects: RowObject[], opts: TableOptions): string {
  return renderTable(tableFor(kind, objects, opts), opts.noHeaders);
}

/** Several kinds (`get svc,ep`, `get all`): each its own table, a blank line between printed ones. */
export function printTables(sections: { kind: TableKind; objects: RowObject[] }[], opts: TableOptions): string {
  return sections
    .map((s) => printTable(s.kind, s.objects, opts))
    .filter((t) => t !== '')
    .join(opts.noHeaders ? '' : '\n');
}

/** `kubectl get all`: pods, services, deployments, replicasets, with kind prefixes. */
export function printGetAll(objects: Partial<Record<TableKind, RowObject[]>>, opts: TableOptions): string {
  return printTables(
    GET_ALL_KINDS.map((kind) => ({ kind, objects: objects[kind] ?? [] })),
    { ...opts, withKindPrefix: true },
  );
}

/** `-o name`: one `kind.group/name` per line. */
export function printNames(kind: TableKind, objects: RowObject[], opts: { sort?: boolean } = {}): string {
  const list = opts.sort === false ? objects : sortForList(objects);
  return list.map((o) => `${KIND_PREFIX[kind]}/${nameOf(o)}\n`).join('');
}

/** What kubectl get/describe print on stderr when nothing matched (namespace undefined with -A). */
export function noResourcesMessage(namespace: string | undefined): string {
  return namespace === undefined ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`;
}
