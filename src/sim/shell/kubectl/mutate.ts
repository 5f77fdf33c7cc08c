// kubectl scale, label and annotate.
import type { CmdResult } from '../types';
import type { KubeObject, ReplicaSet } from '../../model/types';
import type { RowObject } from '../printers/get';
import type { K } from './common';
import type { ResourceType } from './resources';
import { Out, fail } from '../output';
import { ALL_NS, FILENAME, OUTPUT, SELECTOR, isResult, parse } from './common';
import { bool, int, str, strs } from '../flags';
import { getOne, listAll, nameOf, namespaceOf, notFoundText, parseResourceArgs, prefixOf, findType } from './resources';
import { labelFilter } from './get';
import { readSources } from './sources';
import { scaleDeployment, setLabels, writeObject } from '../../apiserver/api';
import { clone } from '../../model/meta';
import { sortForList } from '../printers/get';

type Target = { type: ResourceType; obj?: RowObject; name: string; ns: string };

function targets(
  k: K,
  args: string[],
  files: string[],
  selector: string | undefined,
  all: boolean,
  allNs: boolean,
): Target[] | CmdResult {
  const out: Target[] = [];
  if (files.length) {
    const r = readSources(k, files);
    if (!r.ok) return fail(r.errors.join('\n'));
    for (const s of r.sources)
      for (const o of s.objects) {
        const t = findType(o.kind)!;
        const ns = o.metadata?.namespace ?? k.ns;
        const name = o.metadata?.name ?? '';
        out.push({ type: t, obj: getOne(k.state, t, ns, name), name, ns });
      }
    return out;
  }
  const r = parseResourceArgs(args, false);
  if ('error' in r) return fail(r.error);
  const lf = labelFilter(selector);
  if ('error' in lf) return fail(lf.error);
  for (const it of r.items) {
    if (it.name !== undefined) {
      out.push({ type: it.type, obj: getOne(k.state, it.type, k.ns, it.name), name: it.name, ns: k.ns });
      continue;
    }
    if (selector === undefined && !all) return fail('error: resource(s) were provided, but no name was specified');
    for (const o of sortForList(listAll(k.state, it.type, allNs ? undefined : k.ns).filter(lf)))
      out.push({ type: it.type, obj: o, name: nameOf(o), ns: namespaceOf(o) ?? k.ns });
  }
  return out;
}

export function scale(k: K, argv: string[]): CmdResult {
  const p = parse(k, 'kubectl scale', argv, [
    { name: 'replicas', type: 'int' },
    { name: 'current-replicas', type: 'int' },
    { name: 'resource-version', type: 'string' },
    SELECTOR,
    FILENAME,
    OUTPUT,
    { name: 'all', type: 'bool' },
    { name: 'timeout', type: 'string' },
    { name: 'dry-run', type: 'string', noOpt: 'unchanged' },
  ]);
  if (isResult(p)) return p;
  const replicas = int(p, 'replicas');
  if (replicas === undefined) return fail('error: required flag(s) "replicas" not set');
  if (replicas < 0)
    return fail('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  if (!p.args.length && !strs(p, 'filename').length)
    return fail('error: resource(s) were provided, but no name was specified');
  const ts = targets(k, p.args, strs(p, 'filename'), str(p, 'selector'), bool(p, 'all'), false);
  if (isResult(ts)) return ts;
  const out = new Out();
  const errors: string[] = [];
  for (const t of ts) {
    if (!t.obj) {
      errors.push(notFoundText(t.type, t.name));
      continue;
    }
    if (t.type.table !== 'Deployment' && t.type.table !== 'ReplicaSet') {
      errors.push(`error: no scaler has been implemented for {"${t.type.group}" "${t.type.table}"}`);
      continue;
    }
    const cur = (t.obj as { spec: { replicas?: number } }).spec.replicas ?? 1;
    const want = int(p, 'current-replicas');
    if (want !== undefined && want !== -1 && want !== cur) {
      errors.push(`error: Expected replicas to be ${want}, was ${cur}`);
      continue;
    }
    if (p.flags['dry-run'] !== undefined) {
      out.out(`${prefixOf(t.type)}/${t.name} scaled (dry run)\n`);
      continue;
    }
    if (t.type.table === 'Deployment') {
      const r = scaleDeployment(k.state, t.ns, t.name, replicas);
      if (!r.ok) {
        errors.push(r.error.text);
        continue;
      }
    } else {
      const rs = clone(t.obj) as ReplicaSet;
      rs.spec.replicas = replicas;
      const r = writeObject(k.state, rs, 'replace', t.ns);
      if (!r.ok) {
        errors.push(r.error.text);
        continue;
      }
    }
    out.out(`${prefixOf(t.type)}/${t.name} scaled\n`);
  }
  for (const e of errors) out.err(e + '\n');
  return out.done(errors.length ? 1 : 0);
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** kubectl label / annotate: KEY=VALUE sets, KEY- removes; --overwrite to change an existing value. */
function metaEdit(k: K, argv: string[], what: 'label' | 'annotate'): CmdResult {
  const p = parse(k, `kubectl ${what}`, argv, [
    { name: 'overwrite', type: 'bool' },
    SELECTOR,
    ALL_NS,
    FILENAME,
    OUTPUT,
    { name: 'all', type: 'bool' },
    { name: 'list', type: 'bool' },
    { name: 'resource-version', type: 'string' },
    { name: 'dry-run', type: 'string', noOpt: 'unchanged' },
    { name: 'local', type: 'bool' },
  ]);
  if (isResult(p)) return p;
  const specs = p.args.filter((a, i) => i > 0 && (a.includes('=') || a.endsWith('-')));
  const resArgs = p.args.filter((a) => !specs.includes(a));
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const s of specs) {
    if (s.includes('=')) {
      const parts = s.split('=');
      if (parts.length !== 2) return fail(`error: invalid ${what === 'label' ? 'label' : 'annotation'} spec: ${s}`);
      if (what === 'label' && !LABEL_VALUE.test(parts[1]))
        return fail(`error: invalid label value: "${s}": ${LABEL_VALUE_MSG}`);
      set[parts[0]] = parts[1];
    } else remove.push(s.slice(0, -1));
  }
  if (remove.some((r) => r in set))
    return fail(
      `error: can not both modify and remove ${what === 'label' ? 'a label' : 'an annotation'} in the same command`,
    );
  if (!resArgs.length && !strs(p, 'filename').length)
    return fail('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (!specs.length && !bool(p, 'list'))
    return fail(`error: at least one ${what === 'label' ? 'label' : 'annotation'} update is required`);
  const ts = targets(k, resArgs, strs(p, 'filename'), str(p, 'selector'), bool(p, 'all'), bool(p, 'all-namespaces'));
  if (isResult(ts)) return ts;
  const out = new Out();
  const errors: string[] = [];
  for (const t of ts) {
    if (!t.obj) {
      errors.push(notFoundText(t.type, t.name));
      continue;
    }
    if (!t.type.kind) {
      errors.push(`error: the playground derives ${t.type.resource} from other objects`);
      continue;
    }
    const obj = t.obj as KubeObject;
    const cur = (what === 'label' ? obj.metadata.labels : obj.metadata.annotations) ?? {};
    if (bool(p, 'list')) {
      for (const [key, v] of Object.entries(cur)) out.out(`${key}=${v}\n`);
      continue;
    }
    if (!bool(p, 'overwrite')) {
      const clash = Object.keys(set).filter((key) => key in cur);
      if (clash.length) {
        errors.push(
          ...clash.map((key) => `error: '${key}' already has a value (${cur[key]}), and --overwrite is false`),
        );
        continue;
      }
    }
    for (const r of remove)
      if (!(r in cur)) out.out(`${what === 'label' ? 'label' : 'annotation'} "${r}" not found.\n`);
    const next = { ...cur, ...set };
    for (const r of remove) delete next[r];
    const changed = JSON.stringify(Object.entries(next).sort()) !== JSON.stringify(Object.entries(cur).sort());
    const verb = what === 'label' ? 'labeled' : 'annotated';
    if (!changed || p.flags['dry-run'] !== undefined) {
      out.out(`${prefixOf(t.type)}/${t.name} ${changed ? verb : `not ${verb}`}${changed ? ' (dry run)' : ''}\n`);
      continue;
    }
    if (what === 'label') {
      const changes: Record<string, string | null> = { ...set };
      for (const r of remove) changes[r] = null;
      const r = setLabels(k.state, t.type.kind, t.type.namespaced ? t.ns : undefined, t.name, changes, true);
      if (!r.ok) {
        errors.push(r.error.text);
        continue;
      }
    } else if (obj.kind === 'Node' || obj.kind === 'EndpointSlice') {
      obj.metadata.annotations = next;
    } else {
      const c = clone(obj);
      c.metadata.annotations = next;
      if (!Object.keys(next).length) delete c.metadata.annotations;
      const r = writeObject(k.state, c, 'replace', t.ns);
      if (!r.ok) {
        errors.push(r.error.text);
        continue;
      }
    }
    out.out(`${prefixOf(t.type)}/${t.name} ${verb}\n`);
  }
  for (const e of errors) out.err(e + '\n');
  return out.done(errors.length ? 1 : 0);
}

export const label = (k: K, argv: string[]): CmdResult => metaEdit(k, argv, 'label');
export const annotate = (k: K, argv: string[]): CmdResult => metaEdit(k, argv, 'annotate');
