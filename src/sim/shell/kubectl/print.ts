// kubectl's -o formats over a list of objects: tables (with -L label columns), name, yaml, json,
// jsonpath, custom-columns; and the API JSON of Events, which the printers' serializer leaves out.
import type { ClusterState, ClusterEvent } from '../../model/state';
import type { JsonValue } from '../printers/goyaml';
import type { RowObject, Table, TableKind } from '../printers/get';
import type { Serializable } from '../printers/serialize';
import { listOf, toApiJson, toJson, toYaml } from '../printers/serialize';
import { renderTable, sortForList, tableFor } from '../printers/get';
import { formatLabels } from '../printers/format';
import { relaxedJsonPathExpression } from '../printers/jsonpath';
import { GET_TABWRITER, TabWriter } from '../printers/tabwriter';
import { rfc3339 } from '../../time/clock';
import { eventName } from '../printers/get';
import { kubectlJsonpath, JsonPathError } from './jsonpath-range';
import { labelsOf } from './resources';

export type OutputFormat =
  | { t: 'table'; wide: boolean }
  | { t: 'name' }
  | { t: 'yaml' }
  | { t: 'json' }
  | { t: 'jsonpath'; template: string }
  | { t: 'custom-columns'; spec: string };

const ALLOWED =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

export function parseOutput(o: string | undefined): OutputFormat | { error: string } {
  if (o === undefined || o === '') return { t: 'table', wide: false };
  if (o === 'wide') return { t: 'table', wide: true };
  if (o === 'name' || o === 'yaml' || o === 'json') return { t: o };
  const m = o.match(/^(jsonpath|custom-columns)=(.*)$/s);
  if (m && m[1] === 'jsonpath') return { t: 'jsonpath', template: m[2] };
  if (m) return { t: 'custom-columns', spec: m[2] };
  if (o === 'jsonpath' || o === 'custom-columns')
    return {
      error: `error: ${o} format specified but no ${o === 'jsonpath' ? 'jsonpath template' : 'custom columns'} given`,
    };
  return {
    error: `error: unable to match a printer suitable for the output format "${o}", allowed formats are: ${ALLOWED}`,
  };
}

function eventJson(e: ClusterEvent, epoch: number): JsonValue {
  const t = rfc3339(epoch, e.at);
  const source: Record<string, string> = { component: e.source };
  if (e.host) source.host = e.host;
  const involved: Record<string, string> = { kind: e.object.kind, name: e.object.name };
  if (e.object.namespace) involved.namespace = e.object.namespace;
  if (e.object.uid) involved.uid = e.object.uid;
  return {
    apiVersion: 'v1',
    count: e.count,
    eventTime: null,
    firstTimestamp: t,
    involvedObject: involved,
    kind: 'Event',
    lastTimestamp: rfc3339(epoch, e.lastAt),
    message: e.message,
    metadata: {
      creationTimestamp: t,
      name: eventName(e),
      namespace: e.object.namespace ?? 'default',
      resourceVersion: String(1000 + e.id),
    },
    reason: e.reason,
    reportingComponent: e.source,
    reportingInstance: e.host ?? '',
    source,
    type: e.type,
  };
}

export function apiJson(s: ClusterState, o: RowObject): JsonValue {
  if (!('metadata' in o)) return eventJson(o as ClusterEvent, s.settings.epoch);
  return toApiJson(o as Serializable, s.settings.epoch);
}

/** The data -o yaml/json/jsonpath print: the object itself, or a List. */
export function outputData(s: ClusterState, objs: RowObject[], single: boolean): JsonValue {
  if (single && objs.length === 1) return apiJson(s, objs[0]);
  return listOf(objs.map((o) => apiJson(s, o)));
}

export function serialize(data: JsonValue, f: 'yaml' | 'json'): string {
  return f === 'json' ? toJson(data) : toYaml(data);
}

export function runJsonpath(data: JsonValue, template: string): { text: string } | { error: string } {
  try {
    return { text: kubectlJsonpath(data, template) };
  } catch (e) {
    if (e instanceof JsonPathError || e instanceof SyntaxError)
      return { error: `error: error parsing jsonpath ${template}, ${e.message}` };
    throw e;
  }
}

export interface TableOpts {
  now: number;
  wide: boolean;
  showLabels: boolean;
  allNamespaces: boolean;
  withKindPrefix: boolean;
  noHeaders: boolean;
  labelColumns: string[];
  sort: boolean;
}

/** One kind's table with kubectl's decorations: -L label columns, then --show-labels' LABELS. */
export function kindTableData(kind: TableKind, objs: RowObject[], o: Omit<TableOpts, 'noHeaders'>): Table {
  const ordered = o.sort ? sortForList(objs) : objs;
  const t = tableFor(kind, ordered, {
    now: o.now,
    wide: o.wide,
    allNamespaces: o.allNamespaces,
    withKindPrefix: o.withKindPrefix,
    sort: false,
  });
  for (const key of o.labelColumns) t.headers.push(key.split('/').pop()!.toUpperCase());
  if (o.showLabels) t.headers.push('LABELS');
  t.rows.forEach((row, i) => {
    const labels = labelsOf(ordered[i]) ?? {};
    for (const key of o.labelColumns) row.push(labels[key] ?? '');
    if (o.showLabels) row.push(formatLabels(labels));
  });
  return t;
}

/** The table as text; `remembered`: the column widths kubectl keeps for `get -w` (see TabWriterOptions). */
export function kindTable(kind: TableKind, objs: RowObject[], o: TableOpts, remembered?: number[]): string {
  return renderTable(kindTableData(kind, objs, o), o.noHeaders, remembered);
}

/** -o custom-columns=NAME:.metadata.name,IP:.status.podIP */
export function customColumns(
  s: ClusterState,
  objs: RowObject[],
  spec: string,
  noHeaders: boolean,
): { text: string } | { error: string } {
  const cols: { title: string; expr: string }[] = [];
  for (const part of spec.split(',')) {
    const i = part.indexOf(':');
    if (i < 0) return { error: `error: unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>` };
    try {
      cols.push({ title: part.slice(0, i), expr: relaxedJsonPathExpression(part.slice(i + 1)) });
    } catch (e) {
      return { error: `error: ${(e as Error).message}` };
    }
  }
  const w = new TabWriter(GET_TABWRITER);
  if (!noHeaders) w.write(cols.map((c) => c.title).join('\t') + '\n');
  for (const o of objs) {
    const data = apiJson(s, o);
    const cells = cols.map((c) => {
      try {
        const v = kubectlJsonpath(data, c.expr);
        return v === '' ? '<none>' : v.replace(/ /g, ',');
      } catch {
        return '<none>';
      }
    });
    w.write(cells.join('\t') + '\n');
  }
  return { text: w.toString() };
}
