// kubectl get: kinds, short names, several kinds at once, `all`, names or TYPE/NAME, -n/-A, -l,
// --field-selector, -o wide|name|yaml|json|jsonpath|custom-columns, --show-labels, -L, --sort-by.
import type { CmdResult, WatchSpec } from '../types';
import type { ClusterEvent } from '../../model/state';
import type { RowObject } from '../printers/get';
import type { JsonValue } from '../printers/goyaml';
import type { K } from './common';
import type { ResourceType } from './resources';
import { Out, fail } from '../output';
import { ALL_NS, FILENAME, OUTPUT, SELECTOR, isResult, parse } from './common';
import { bool, str, strs } from '../flags';
import {
  findType,
  getOne,
  listAll,
  nameOf,
  namespaceOf,
  labelsOf,
  notFoundText,
  parseResourceArgs,
  prefixOf,
} from './resources';
import {
  customColumns,
  kindTable,
  kindTableData,
  outputData,
  parseOutput,
  runJsonpath,
  serialize,
  apiJson,
} from './print';
import { noResourcesMessage, renderTable, sortForList } from '../printers/get';
import { ENDPOINTS_DEPRECATION_WARNING } from '../printers/endpoints';
import { parseSelector } from '../../model/selector';
import { readSources } from './sources';
import { kubectlJsonpath } from './jsonpath-range';

/**
 * The fields the apiserver lets a field selector use, per kind (the field label conversion functions
 * of core/v1). Other kinds accept only metadata.name and metadata.namespace, with another message.
 */
const FIELD_LABELS: Record<string, readonly string[]> = {
  Pod: [
    'metadata.name',
    'metadata.namespace',
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.podIPs',
    'status.nominatedNodeName',
  ],
  Node: ['metadata.name', 'spec.unschedulable'],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
    'metadata.namespace',
    'metadata.name',
  ],
  Namespace: ['status.phase', 'metadata.name'],
  Service: ['metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type'],
};

/** A field's value as the apiserver compares it: the text of a scalar, "" when unset. */
function fieldValue(obj: JsonValue, field: string): string {
  if (field === 'source') field = 'source.component';
  if (field === 'status.podIPs') {
    const ips = (obj as { status?: { podIPs?: { ip: string }[] } }).status?.podIPs ?? [];
    return ips.map((x) => x.ip).join(',');
  }
  let v: unknown = obj;
  for (const k of field.split('.'))
    v = v !== null && typeof v === 'object' && Object.hasOwn(v, k) ? (v as Record<string, unknown>)[k] : undefined;
  return v === undefined || v === null
    ? field === 'spec.hostNetwork' || field === 'spec.unschedulable'
      ? 'false'
      : ''
    : String(v);
}

export function fieldFilter(
  state: K['state'],
  sel: string,
  t: ResourceType,
): ((o: RowObject) => boolean) | { error: string } {
  const tests: ((o: JsonValue) => boolean)[] = [];
  const known = FIELD_LABELS[t.table];
  for (const part of sel.split(',').filter(Boolean)) {
    const m = part.match(/^([^=!]+?)(==|=|!=)(.*)$/);
    if (!m) return { error: `error: invalid field selector: '${part}'` };
    const [, label, op, value] = m;
    // old v1 clients' name for spec.nodeName
    const field = t.table === 'Pod' && label === 'spec.host' ? 'spec.nodeName' : label;
    if (!(known ?? ['metadata.name', 'metadata.namespace']).includes(field)) {
      const why = known
        ? `field label not supported: ${label}`
        : `"${label}" is not a known field selector: only "metadata.name", "metadata.namespace"`;
      return {
        error: `Error from server (BadRequest): Unable to find "${t.group ? `${t.group}/v1` : '/v1'}, Resource=${t.resource}" that match label selector "", field selector "${sel}": ${why}`,
      };
    }
    tests.push(op === '!=' ? (o) => fieldValue(o, field) !== value : (o) => fieldValue(o, field) === value);
  }
  return (o) => {
    const json = apiJson(state, o);
    return tests.every((f) => f(json));
  };
}

export function labelFilter(sel: string | undefined): ((o: RowObject) => boolean) | { error: string } {
  if (sel === undefined) return () => true;
  const f = parseSelector(sel);
  if (!f) return { error: `error: unable to parse requirement: found '${sel}', expected: ',', '=', '!=', or '=='` };
  return (o) => f(labelsOf(o));
}

function sortBy(s: K['state'], objs: RowObject[], expr: string): RowObject[] | { error: string } {
  const path = !expr.includes('{') ? `{${expr.startsWith('.') ? expr : '.' + expr}}` : expr;
  const list: { o: RowObject; v: string }[] = [];
  for (const o of objs) {
    try {
      list.push({ o, v: kubectlJsonpath(apiJson(s, o), path) });
    } catch (e) {
      return { error: `error: ${(e as Error).message}` };
    }
  }
  const numeric = list.every((x) => x.v === '' || !Number.isNaN(Number(x.v)));
  return list
    .sort((a, b) => (numeric ? Number(a.v) - Number(b.v) : a.v < b.v ? -1 : a.v > b.v ? 1 : 0))
    .map((x) => x.o);
}

const REQUIRED = (verb: string) =>
  `You must specify the type of resource to ${verb}. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl ${verb} -h' for help and examples`;
export const requiredResource = (verb: string): CmdResult => fail(REQUIRED(verb));

export function get(k: K, argv: string[]): CmdResult {
  const p = parse(k, 'kubectl get', argv, [
    OUTPUT,
    SELECTOR,
    ALL_NS,
    FILENAME,
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'watch-only', type: 'bool' },
    { name: 'show-labels', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'show-kind', type: 'bool' },
    { name: 'field-selector', type: 'string' },
    { name: 'label-columns', short: 'L', type: 'strings' },
    { name: 'sort-by', type: 'string' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'chunk-size', type: 'int' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'server-print', type: 'bool' },
    { name: 'show-managed-fields', type: 'bool' },
  ]);
  if (isResult(p)) return p;
  const out = new Out();
  const fmt = parseOutput(str(p, 'output'));
  if ('error' in fmt) return fail(fmt.error);
  const all = bool(p, 'all-namespaces');
  const ns = all ? undefined : k.ns;
  const selector = str(p, 'selector');
  const files = strs(p, 'filename');

  let items: { type: ResourceType; name?: string; ns?: string }[];
  let multi: boolean;
  let single: boolean;
  if (files.length) {
    const r = readSources(k, files, bool(p, 'recursive'));
    if (!r.ok) return fail(r.errors.join('\n'));
    items = [];
    for (const s of r.sources)
      for (const o of s.objects) {
        const t = findType(o.kind)!;
        items.push({ type: t, name: o.metadata?.name, ns: o.metadata?.namespace ?? k.ns });
      }
    multi = new Set(items.map((i) => i.type)).size > 1;
    single = items.length === 1;
  } else {
    if (!p.args.length) return requiredResource('get');
    const r = parseResourceArgs(p.args);
    if ('error' in r) return fail(r.error);
    items = r.items;
    multi = r.multi;
    single = r.items.length === 1 && r.items[0].name !== undefined;
    if (selector !== undefined && items.some((i) => i.name !== undefined))
      return fail('error: name cannot be provided when a selector is specified');
  }
  const lf = labelFilter(selector);
  if ('error' in lf) return fail(lf.error);
  if (items.some((i) => i.type.table === 'Endpoints')) out.err(ENDPOINTS_DEPRECATION_WARNING + '\n');

  // gather per type, in the order asked
  // a list comes back in the apiserver's order (by namespace and name); named objects in the order asked
  const sections: { type: ResourceType; objects: RowObject[]; listed: boolean }[] = [];
  const errors: string[] = [];
  const section = (t: ResourceType) => {
    let s = sections.find((x) => x.type === t);
    if (!s) {
      s = { type: t, objects: [], listed: false };
      sections.push(s);
    }
    return s;
  };
  for (const it of items) {
    const sec = section(it.type);
    const fsel = str(p, 'field-selector');
    const ff = fsel ? fieldFilter(k.state, fsel, it.type) : () => true;
    if (typeof ff !== 'function') return fail(ff.error);
    if (it.name === undefined) {
      sec.objects.push(...listAll(k.state, it.type, ns).filter((o) => lf(o) && ff(o)));
      sec.listed = true;
      continue;
    }
    const o = getOne(k.state, it.type, it.ns ?? k.ns, it.name);
    if (o) {
      if (!sec.objects.includes(o)) sec.objects.push(o);
    } else if (!bool(p, 'ignore-not-found')) errors.push(notFoundText(it.type, it.name));
  }
  const found = sections.flatMap((s) => s.objects);
  const sortExpr = str(p, 'sort-by');
  if (sortExpr) {
    for (const s of sections) {
      const r = sortBy(k.state, sortForList(s.objects), sortExpr);
      if ('error' in r) return fail(r.error);
      s.objects = r;
    }
  } else for (const s of sections) if (s.listed) s.objects = sortForList(s.objects);
  const ordered = sections.flatMap((s) => s.objects);

  const tableOpts = {
    wide: fmt.t === 'table' && fmt.wide,
    showLabels: bool(p, 'show-labels'),
    allNamespaces: all,
    withKindPrefix: multi || bool(p, 'show-kind'),
    labelColumns: strs(p, 'label-columns'),
  };
  // the widths the table's columns took: a watch's later rows keep to them (kubectl's tabwriter remembers)
  const widths: number[] = [];
  if (fmt.t === 'table') {
    const tables = sections
      .filter((s) => s.objects.length)
      .map((s) =>
        kindTable(
          s.type.table,
          s.objects,
          { now: k.state.now, ...tableOpts, noHeaders: bool(p, 'no-headers'), sort: false },
          sections.length === 1 ? widths : undefined,
        ),
      );
    out.out(tables.join(bool(p, 'no-headers') ? '' : '\n'));
    if (!found.length && !errors.length && !(single && bool(p, 'ignore-not-found'))) {
      const clusterScoped = items.every((i) => !i.type.namespaced);
      out.err(noResourcesMessage(all || clusterScoped ? undefined : k.ns));
    }
  } else if (fmt.t === 'name') {
    for (const s of sections) for (const o of s.objects) out.out(`${prefixOf(s.type)}/${nameOf(o)}\n`);
  } else if (fmt.t === 'custom-columns') {
    const r = customColumns(k.state, ordered, fmt.spec, bool(p, 'no-headers'));
    if ('error' in r) return fail(r.error);
    if (ordered.length) out.out(r.text);
  } else {
    const data: JsonValue = outputData(k.state, ordered, single);
    if (single && !ordered.length) {
      // nothing to print for a missing named object
    } else if (fmt.t === 'jsonpath') {
      const r = runJsonpath(data, fmt.template);
      if ('error' in r) return fail(r.error);
      out.out(r.text);
    } else out.out(serialize(data, fmt.t));
  }
  for (const e of errors) out.err(e + '\n');
  const res = out.done(errors.length ? 1 : 0);
  // -w: the console keeps printing a row for each change (the table output of one kind)
  const watching = bool(p, 'watch') || bool(p, 'watch-only');
  if (watching && fmt.t === 'table' && sections.length === 1 && !errors.length) {
    const t = sections[0].type;
    const spec: WatchSpec = {
      resource: t.resource,
      namespace: ns,
      selector,
      fieldSelector: str(p, 'field-selector'),
      names: items.every((i) => i.name !== undefined) ? items.map((i) => i.name!) : null,
      table: tableOpts,
      widths,
      seen: {},
    };
    for (const o of sections[0].objects)
      spec.seen[watchKey(o)] = { v: versionOf(o), cells: watchCells(k.state, t, spec, o) };
    if (bool(p, 'watch-only')) return { code: 0, chunks: [], watch: spec };
    res.watch = spec;
  }
  return res;
}

const watchKey = (o: RowObject): string => `${namespaceOf(o) ?? ''}/${nameOf(o)}`;
/** What changes when the object does: its resourceVersion (an event: its count and last time). */
const versionOf = (o: RowObject): string =>
  'metadata' in o
    ? ((o as { metadata: { resourceVersion?: string } }).metadata.resourceVersion ?? '')
    : `${(o as ClusterEvent).count}@${(o as ClusterEvent).lastAt}`;

function watchCells(state: K['state'], t: ResourceType, w: WatchSpec, o: RowObject): string[] {
  return kindTableData(t.table, [o], { now: state.now, ...w.table, sort: false }).rows[0];
}

/**
 * One step of a running `kubectl get -w`: a row for each watched object that is new or changed since
 * the last step, and the last row again for one that is gone (the watch's DELETED event).
 */
export function watchStep(
  state: K['state'],
  w: WatchSpec,
): { text: string; seen: WatchSpec['seen']; widths: number[] } {
  const t = findType(w.resource);
  const unchanged = { text: '', seen: w.seen, widths: w.widths };
  if (!t) return unchanged;
  const lf = labelFilter(w.selector);
  const ff = w.fieldSelector ? fieldFilter(state, w.fieldSelector, t) : () => true;
  if ('error' in lf || typeof ff !== 'function') return unchanged;
  // each row is written and flushed on its own, as each watch event is, with the widths remembered so far
  const widths = [...w.widths];
  const line = (cells: string[]) => renderTable({ headers: [], rows: [cells] }, true, widths);
  const objs = w.names
    ? w.names.map((n) => getOne(state, t, w.namespace ?? 'default', n)).filter((o): o is RowObject => !!o)
    : listAll(state, t, w.namespace).filter((o) => lf(o) && ff(o));
  const seen: WatchSpec['seen'] = {};
  let text = '';
  for (const o of sortForList(objs)) {
    const key = watchKey(o);
    const v = versionOf(o);
    const before = w.seen[key];
    if (before && before.v === v) {
      seen[key] = before;
      continue;
    }
    const cells = watchCells(state, t, w, o);
    seen[key] = { v, cells };
    text += line(cells);
  }
  for (const [key, before] of Object.entries(w.seen)) if (!seen[key]) text += line(before.cells);
  // nothing new: the same records, so the caller can tell
  return text ? { text, seen, widths } : unchanged;
}
