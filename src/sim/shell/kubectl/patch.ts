// kubectl patch, kubectl edit and kubectl set selector: the ways to change one field of a live object
// without writing its whole manifest. Messages are kubectl's (k8s.io/kubectl/pkg/cmd/patch, edit,
// set/set_selector.go): "service/frontend-svc patched", "... patched (no change)", "... edited",
// "Edit cancelled, no changes made.", "... selector updated".
import { parse as parseYaml } from 'yaml';
import type { ClusterState } from '../../model/state';
import type { CmdResult, EditRequest } from '../types';
import type { KubeObject } from '../../model/types';
import type { K } from './common';
import type { ResourceType } from './resources';
import type { Json } from './patch-doc';
import { Out, fail } from '../output';
import { DRY_RUN, FILENAME, OUTPUT, dryRun, dryRunSuffix, isResult, parse } from './common';
import { str, strs } from '../flags';
import { findType, getOne, notFoundText, parseResourceArgs, prefixOf } from './resources';
import { readSources } from './sources';
import { readFile } from '../fs';
import { writeObject } from '../../apiserver/api';
import { clone } from '../../model/meta';
import { PatchError, jsonPatch, mergePatch, strategicMerge } from './patch-doc';
import { apiJson, serialize } from './print';
import { parseManifests } from '../../scenario/manifest';

interface One {
  type: ResourceType;
  obj: KubeObject;
  ns: string;
  name: string;
}

/** The one object a command names (TYPE NAME, TYPE/NAME or -f FILE), or kubectl's error. */
function oneTarget(k: K, args: string[], files: string[], verb: string): One | CmdResult {
  let type: ResourceType | undefined;
  let name: string;
  let ns = k.ns;
  if (files.length) {
    const r = readSources(k, files);
    if (!r.ok) return fail(r.errors.join('\n'));
    const o = r.sources[0]?.objects[0];
    if (!o) return fail('error: no objects passed to ' + verb);
    type = findType(o.kind);
    name = o.metadata?.name ?? '';
    ns = o.metadata?.namespace ?? k.ns;
  } else {
    const r = parseResourceArgs(args, false);
    if ('error' in r) return fail(r.error);
    const it = r.items[0];
    if (!it) return fail(`error: you must specify the type of resource to ${verb}`);
    if (it.name === undefined) return fail('error: resource(s) were provided, but no name was specified');
    type = it.type;
    name = it.name;
  }
  if (!type) return fail(`error: the server doesn't have a resource type`);
  const obj = getOne(k.state, type, ns, name);
  if (!obj) return fail(notFoundText(type, name));
  if (!type.kind || !('metadata' in obj))
    return fail(`error: the playground derives ${type.resource} from other objects: change those instead`);
  return { type, obj: obj as KubeObject, ns, name };
}

/** The patched document is still an object of the kind patched (a JSON patch may replace it whole). */
function isObject(x: unknown): x is KubeObject {
  return typeof x === 'object' && x !== null && 'kind' in x && 'metadata' in x;
}

/** kubectl turns -p's YAML or JSON into JSON before sending it. */
function parsePatch(text: string): Json | { error: string } {
  try {
    return JSON.parse(text) as Json;
  } catch {
    try {
      return (parseYaml(text) ?? null) as Json;
    } catch (e) {
      return { error: `error: unable to parse "${text}": yaml: ${(e as Error).message.split('\n')[0]}` };
    }
  }
}

/** Write `next` in place of the live object; what kubectl says about it. */
function write(k: K, t: One, next: KubeObject, verb: string, out: Out, suffix: string, dry: boolean): number {
  const target = dry ? (clone(k.state) as ClusterState) : k.state;
  const w = writeObject(target, next, 'replace', t.ns);
  if (!w.ok) {
    out.err(w.error.text + '\n');
    return 1;
  }
  for (const x of w.warnings ?? []) out.err(`Warning: ${x}\n`);
  out.out(`${prefixOf(t.type)}/${t.name} ${verb}${w.outcome === 'unchanged' ? ' (no change)' : ''}${suffix}\n`);
  return 0;
}

export function patch(k: K, argv: string[]): CmdResult {
  const p = parse(k, 'kubectl patch', argv, [
    { name: 'patch', short: 'p', type: 'string' },
    { name: 'patch-file', type: 'string' },
    { name: 'type', type: 'string' },
    FILENAME,
    OUTPUT,
    DRY_RUN,
    { name: 'local', type: 'bool' },
    { name: 'subresource', type: 'string' },
    { name: 'field-manager', type: 'string' },
    { name: 'record', type: 'bool' },
  ]);
  if (isResult(p)) return p;
  const kind = str(p, 'type') ?? 'strategic';
  if (!['json', 'merge', 'strategic'].includes(kind))
    return fail(`error: --type must be one of [json merge strategic], not "${kind}"`);
  let text = str(p, 'patch');
  const pf = str(p, 'patch-file');
  if (pf !== undefined) {
    if (text !== undefined) return fail('error: --patch and --patch-file are mutually exclusive');
    const t = readFile(k.ctx, pf);
    if (t === null) return fail(`error: unable to read patch file: open ${pf}: no such file or directory`);
    text = t;
  }
  if (!text) return fail('error: must specify --patch or --patch-file containing the contents of the patch');
  const dr = dryRun(p);
  if (typeof dr === 'object') return fail(`error: ${dr.error}`);
  const t = oneTarget(k, p.args, strs(p, 'filename'), 'patch');
  if (isResult(t)) return t;
  const doc = parsePatch(text);
  if (doc !== null && typeof doc === 'object' && 'error' in doc && typeof doc.error === 'string')
    return fail(doc.error);
  const live = JSON.parse(JSON.stringify(t.obj)) as Json;
  let next: Json;
  try {
    if (kind === 'json') next = jsonPatch(live, doc);
    else if (kind === 'merge') next = mergePatch(live, doc);
    else {
      if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
        return fail(
          `error: unable to parse "${text}": json: cannot unmarshal into Go value of type map[string]interface {}`,
        );
      next = strategicMerge(live, doc);
    }
  } catch (e) {
    if (!(e instanceof PatchError)) throw e;
    if (kind === 'json')
      return fail('The request is invalid: the server rejected our request due to an error in our request');
    return fail(`Error from server: ${e.message}`);
  }
  const obj: unknown = next;
  if (!isObject(obj) || obj.kind !== t.obj.kind || obj.metadata?.name !== t.name)
    return fail(
      `Error from server (BadRequest): the name of the object (${isObject(obj) ? obj.metadata?.name : ''}) does not match the name on the URL (${t.name})`,
    );
  const out = new Out();
  if (dr === 'client') {
    out.out(`${prefixOf(t.type)}/${t.name} patched${dryRunSuffix(dr)}\n`);
    return out.done(0);
  }
  const code = write(k, t, obj, 'patched', out, dryRunSuffix(dr), dr === 'server');
  return out.done(code);
}

/** kubectl set selector (only Services have a selector you may set): the whole selector is replaced. */
/** `kubectl set selector` (the `set` verb itself lives in rollout.ts beside `set image`). */
export function setSelector(k: K, argv: string[]): CmdResult {
  const sub = argv[0];
  if (sub !== 'selector') {
    if (sub === undefined || sub.startsWith('-'))
      return fail("error: Unexpected args: []\nSee 'kubectl set -h' for help and examples");
    if (['image', 'env', 'resources', 'serviceaccount', 'subject'].includes(sub))
      return fail(`error: the playground has kubectl set selector only; for ${sub}, use kubectl patch or kubectl edit`);
    return fail(`error: unknown command "${sub}" for "kubectl set"`);
  }
  const p = parse(k, 'kubectl set selector', argv.slice(1), [
    FILENAME,
    OUTPUT,
    DRY_RUN,
    { name: 'all', type: 'bool' },
    { name: 'local', type: 'bool' },
    { name: 'resource-version', type: 'string' },
    { name: 'record', type: 'bool' },
  ]);
  if (isResult(p)) return p;
  const files = strs(p, 'filename');
  const exprIndex = files.length ? 0 : p.args.length - 1;
  const expr = p.args[exprIndex];
  if (expr === undefined || (!files.length && p.args.length < 2))
    return fail(
      "error: one or more resources must be specified as <resource> <name> or <resource>/<name>\nSee 'kubectl set selector -h' for help and examples",
    );
  const selector: Record<string, string> = {};
  for (const part of expr.split(',').filter(Boolean)) {
    const m = part.match(/^([A-Za-z0-9][-A-Za-z0-9_./]*)=([-A-Za-z0-9_.]*)$/);
    if (!m) return fail(`error: invalid selector: ${part}`);
    selector[m[1]] = m[2];
  }
  const t = oneTarget(
    k,
    p.args.filter((_, i) => i !== exprIndex),
    files,
    'set selector',
  );
  if (isResult(t)) return t;
  if (t.obj.kind !== 'Service')
    return fail(
      `error: the selector of ${prefixOf(t.type)}/${t.name} cannot be changed: selectors can only be set on Service objects`,
    );
  const next = clone(t.obj);
  if (next.kind === 'Service') next.spec.selector = selector;
  const dr = dryRun(p);
  if (typeof dr === 'object') return fail(`error: ${dr.error}`);
  const out = new Out();
  if (dr === 'client') return out.out(`${prefixOf(t.type)}/${t.name} selector updated (dry run)\n`).done(0);
  const target = dr === 'server' ? (clone(k.state) as ClusterState) : k.state;
  const w = writeObject(target, next, 'replace', t.ns);
  if (!w.ok) return fail(w.error.text);
  return out.out(`${prefixOf(t.type)}/${t.name} selector updated${dryRunSuffix(dr)}\n`).done(0);
}

const EDIT_HEADER =
  "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n";

/** The file kubectl edit writes for the editor. */
export function editRequest(
  s: ClusterState,
  t: { type: ResourceType; obj: KubeObject; ns: string; name: string },
): EditRequest {
  const ref = `${prefixOf(t.type)}/${t.name}`;
  const n = (s.counters.conn % 9000) + 1000;
  return {
    ref,
    kind: t.obj.kind,
    namespace: t.type.namespaced ? t.ns : undefined,
    name: t.name,
    path: `/tmp/kubectl-edit-${n}${n * 7}.yaml`,
    text: EDIT_HEADER + serialize(apiJson(s, t.obj), 'yaml'),
  };
}

const uncommented = (text: string): string =>
  text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('\n');

/**
 * The editor closed with `saved`: apply it as kubectl edit does. An unchanged or empty file cancels;
 * a changed name or kind is refused; the apiserver's refusal is returned as kubectl prints it.
 */
export function finishEdit(s: ClusterState, req: EditRequest, saved: string | null): CmdResult {
  if (saved === null) return fail('error: there was a problem with the editor "vi"');
  const body = uncommented(saved);
  if (!body.trim() || body === uncommented(req.text)) return fail('Edit cancelled, no changes made.');
  const parsed = parseManifests(body, { source: req.path });
  if (parsed.errors.length)
    return fail(
      `error: ${req.ref.split('/')[0]}s "${req.name}" is invalid\n${parsed.errors.map((e) => e.message).join('\n')}`,
    );
  const obj = parsed.objects[0];
  if (parsed.objects.length !== 1 || !obj) return fail('error: the edited file must contain exactly one object');
  if (
    obj.kind !== req.kind ||
    obj.metadata?.name !== req.name ||
    (req.namespace && (obj.metadata.namespace ?? req.namespace) !== req.namespace)
  )
    return fail('error: At least one of apiVersion, kind and name was changed');
  const w = writeObject(s, obj, 'replace', req.namespace ?? 'default');
  if (!w.ok) return fail(`${w.error.text}\nerror: Edit cancelled, no valid changes were saved.`);
  if (w.outcome === 'unchanged') return fail('Edit cancelled, no changes made.');
  return new Out().out(`${req.ref} edited\n`).done(0);
}

export function edit(k: K, argv: string[]): CmdResult {
  const p = parse(k, 'kubectl edit', argv, [
    FILENAME,
    OUTPUT,
    { name: 'output-patch', type: 'bool' },
    { name: 'windows-line-endings', type: 'bool' },
    { name: 'save-config', type: 'bool' },
    { name: 'validate', type: 'string', noOpt: 'strict' },
    { name: 'subresource', type: 'string' },
    { name: 'field-manager', type: 'string' },
    { name: 'record', type: 'bool' },
  ]);
  if (isResult(p)) return p;
  const t = oneTarget(k, p.args, strs(p, 'filename'), 'edit');
  if (isResult(t)) return t;
  const req = editRequest(k.state, t);
  const editor = k.ctx.io.editor;
  if (!editor) return fail('error: there was a problem with the editor "vi"');
  const saved = editor(req);
  if (saved === undefined) return new Out().done(0); // the editor is open elsewhere; finishEdit ends it
  return finishEdit(k.state, req, saved);
}
