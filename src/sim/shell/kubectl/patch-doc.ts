// The three patch formats kubectl patch sends (and the apiserver applies): JSON merge patch (RFC 7386),
// JSON patch (RFC 6902) and the strategic merge patch, which merges lists of named things (ports,
// containers, env) by their merge key instead of replacing them.
//
// Merge keys are the `patchMergeKey` struct tags of k8s.io/api (core/v1 types.go): ServiceSpec.Ports
// merges on "port", PodSpec.Containers on "name", Container.Ports on "containerPort", Container.Env on
// "name". Lists without a merge key are replaced whole, as in apimachinery's strategicpatch.mergeMap.

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonMap = { [k: string]: Json };

const isMap = (v: unknown): v is JsonMap => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386: maps merge recursively, null deletes, anything else (lists too) replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isMap(patch)) return patch;
  const out: JsonMap = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k] ?? null, v);
  }
  return out;
}

/** The merge key of the list at `path` (keys joined by '.'), when the API type declares one. */
function mergeKeyOf(path: string): string | undefined {
  if (/(^|\.)spec\.ports$/.test(path) && !path.includes('template')) return 'port';
  if (/(^|\.)(containers|initContainers)$/.test(path)) return 'name';
  if (/containers\.ports$|initContainers\.ports$/.test(path)) return 'containerPort';
  if (/\.env$/.test(path)) return 'name';
  if (/\.volumes$|\.volumeMounts$/.test(path)) return path.endsWith('volumeMounts') ? 'mountPath' : 'name';
  if (/\.tolerations$|\.hostAliases$/.test(path)) return undefined;
  if (/(^|\.)metadata\.ownerReferences$/.test(path)) return 'uid';
  if (/status\.conditions$/.test(path)) return 'type';
  return undefined;
}

export class PatchError extends Error {}

function strategicList(target: Json, patch: Json[], path: string): Json[] {
  const key = mergeKeyOf(path);
  if (!key || !Array.isArray(target)) {
    // without a merge key the list is replaced; `$patch` directives make no sense there
    return patch.filter((x) => !(isMap(x) && x.$patch === 'delete'));
  }
  if (patch.some((x) => isMap(x) && x.$patch === 'replace'))
    return patch.filter((x) => !(isMap(x) && x.$patch)).map((x) => strip(x));
  const out: Json[] = [...target];
  for (const item of patch) {
    if (!isMap(item)) throw new PatchError(`unable to find api field in struct for the list at ${path}`);
    const id = item[key];
    if (id === undefined)
      throw new PatchError(`map: ${JSON.stringify(item)} does not contain declared merge key: ${key}`);
    const at = out.findIndex((x) => isMap(x) && x[key] === id);
    if (item.$patch === 'delete') {
      if (at >= 0) out.splice(at, 1);
      continue;
    }
    if (at >= 0) out[at] = strategicMerge(out[at], item, path);
    else out.push(strip(item));
  }
  return out;
}

/** Drop directive keys from something added whole. */
function strip(v: Json): Json {
  if (Array.isArray(v)) return v.map(strip);
  if (!isMap(v)) return v;
  const out: JsonMap = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$')) out[k] = strip(x);
  return out;
}

/** Strategic merge patch: as mergePatch, but lists with a merge key merge item by item. */
export function strategicMerge(target: Json, patch: Json, path = ''): Json {
  if (!isMap(patch)) return patch;
  if (patch.$patch === 'replace') return strip(patch);
  if (patch.$patch === 'delete') return null;
  const out: JsonMap = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    const p = path ? `${path}.${k}` : k;
    if (v === null) delete out[k];
    else if (Array.isArray(v)) out[k] = strategicList(out[k] ?? null, v, p);
    else out[k] = strategicMerge(out[k] ?? null, v, p);
  }
  return out;
}

/** RFC 6901 pointer tokens. */
function tokens(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(`JSON pointer must be empty or start with a "/": ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: Json, toks: string[], op: string, path: string): { parent: Json; last: string } {
  let cur: Json = doc;
  for (const t of toks.slice(0, -1)) {
    const next: Json | undefined = Array.isArray(cur) ? cur[Number(t)] : isMap(cur) ? cur[t] : undefined;
    if (next === undefined || next === null)
      throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    cur = next;
  }
  return { parent: cur, last: toks[toks.length - 1] };
}

function getAt(doc: Json, path: string, op: string): Json {
  let cur: Json = doc;
  for (const t of tokens(path)) {
    const next: Json | undefined = Array.isArray(cur) ? cur[Number(t)] : isMap(cur) ? cur[t] : undefined;
    if (next === undefined)
      throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    cur = next;
  }
  return cur;
}

function removeAt(doc: Json, path: string, op: string): Json {
  const { parent, last } = parentOf(doc, tokens(path), op, path);
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!Number.isInteger(i) || i < 0 || i >= parent.length)
      throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    return parent.splice(i, 1)[0];
  }
  if (!isMap(parent) || !(last in parent))
    throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  const v = parent[last];
  delete parent[last];
  return v;
}

function addAt(doc: Json, path: string, value: Json, op: string, replace: boolean): void {
  const { parent, last } = parentOf(doc, tokens(path), op, path);
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(i) || i < 0 || i > parent.length || (replace && i >= parent.length))
      throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    if (replace) parent[i] = value;
    else parent.splice(i, 0, value);
    return;
  }
  if (!isMap(parent))
    throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  if (replace && !(last in parent))
    throw new PatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
  parent[last] = value;
}

/** RFC 6902, as evanphx/json-patch applies it for the apiserver. */
export function jsonPatch(doc: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  const out = JSON.parse(JSON.stringify(doc)) as Json;
  for (const o of ops) {
    if (!isMap(o)) throw new PatchError('json: cannot unmarshal into Go value of type jsonpatch.Operation');
    const op = String(o.op ?? '');
    const path = typeof o.path === 'string' ? o.path : undefined;
    if (path === undefined) throw new PatchError(`${op} operation missing path`);
    const value = (o.value ?? null) as Json;
    switch (op) {
      case 'add':
        if (path === '') return value;
        addAt(out, path, value, op, false);
        break;
      case 'remove':
        removeAt(out, path, op);
        break;
      case 'replace':
        addAt(out, path, value, op, true);
        break;
      case 'move': {
        const v = removeAt(out, String(o.from ?? ''), op);
        addAt(out, path, v, op, false);
        break;
      }
      case 'copy':
        addAt(out, path, JSON.parse(JSON.stringify(getAt(out, String(o.from ?? ''), op))) as Json, op, false);
        break;
      case 'test':
        if (JSON.stringify(getAt(out, path, op)) !== JSON.stringify(value))
          throw new PatchError(`testing value ${path} failed: test failed`);
        break;
      default:
        throw new PatchError(`Unexpected kind: ${op}`);
    }
  }
  return out;
}
