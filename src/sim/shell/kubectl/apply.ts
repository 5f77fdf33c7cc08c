// kubectl apply -f and kubectl create -f. Apply records the manifest in the
// kubectl.kubernetes.io/last-applied-configuration annotation and, like kubectl's three-way merge,
// keeps labels and annotations that someone else added (kubectl label) unless the manifest dropped them.
import type { CmdResult } from '../types';
import type { ManifestInput } from '../../model/types';
import { ENDPOINTS_DEPRECATION_WARNING } from '../printers/endpoints';
import type { K } from './common';
import { Out, fail } from '../output';
import { DRY_RUN, FILENAME, OUTPUT, RECURSIVE, dryRun, dryRunSuffix, isResult, parse } from './common';
import { bool, str, strs } from '../flags';
import { findType, prefixOf, qualified } from './resources';
import { readSources } from './sources';
import { getObject, writeObject } from '../../apiserver/api';
import { clone } from '../../model/meta';
import { LAST_APPLIED, lastAppliedOf } from '../../model/last-applied';

export { LAST_APPLIED, lastAppliedOf };

function merge3(
  live: Record<string, string> | undefined,
  last: Record<string, string> | undefined,
  next: Record<string, string> | undefined,
  skip?: string,
): Record<string, string> | undefined {
  const out: Record<string, string> = { ...(live ?? {}) };
  for (const k of Object.keys(last ?? {})) if (!next || !(k in next)) delete out[k];
  Object.assign(out, next ?? {});
  if (skip) delete out[skip];
  return Object.keys(out).length ? out : undefined;
}

const NS_MISMATCH = (objNs: string, ns: string) =>
  `error: the namespace from the provided object "${objNs}" does not match the namespace "${ns}". You must pass '--namespace=${objNs}' to perform this operation.`;

function writeAll(k: K, argv: string[], verb: 'apply' | 'create'): CmdResult {
  const p = parse(k, `kubectl ${verb}`, argv, [
    FILENAME,
    OUTPUT,
    DRY_RUN,
    RECURSIVE,
    { name: 'validate', type: 'string', noOpt: 'strict' },
    { name: 'save-config', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'server-side', type: 'bool' },
    { name: 'overwrite', type: 'bool' },
    { name: 'prune', type: 'bool' },
    { name: 'field-manager', type: 'string' },
    { name: 'edit', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'wait', type: 'bool' },
    { name: 'grace-period', type: 'int' },
  ]);
  if (isResult(p)) return p;
  const files = strs(p, 'filename');
  if (!files.length)
    return fail(
      verb === 'apply'
        ? 'error: must specify one of -f and -k'
        : `error: must specify one of -f and -k\n\nerror: Unexpected args: [${p.args.join(' ')}]\nSee 'kubectl create -h' for help and examples`,
    );
  const dr = dryRun(p);
  if (typeof dr === 'object') return fail(`error: ${dr.error}`);
  const output = str(p, 'output');
  if (output !== undefined && output !== 'name' && output !== 'yaml' && output !== 'json')
    return fail(
      `error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml`,
    );
  const r = readSources(k, files, bool(p, 'recursive'));
  if (!r.ok)
    return fail(
      r.errors.map((e) => e.replace('no objects passed to apply', `no objects passed to ${verb}`)).join('\n'),
    );
  // kubectl checks the namespaces before it writes anything
  for (const s of r.sources)
    for (const o of s.objects) {
      const t = findType(o.kind)!;
      const objNs = o.metadata?.namespace;
      if (t.namespaced && objNs && k.nsExplicit && objNs !== k.ns) return fail(NS_MISMATCH(objNs, k.ns));
    }
  const out = new Out();
  const errors: string[] = [...r.serverErrors];
  const target = dr === 'server' ? (clone(k.state) as typeof k.state) : k.state;
  for (const src of r.sources) {
    for (const note of src.notes) if (/objects/.test(note)) out.err(`Warning: the playground ignored ${note}\n`);
    for (const input of src.objects) {
      const t = findType(input.kind)!;
      // the apiserver's warning on every v1 Endpoints request; kubectl prints each warning once
      if (input.kind === 'Endpoints' && !out.chunks.some((c) => c.text === ENDPOINTS_DEPRECATION_WARNING + '\n'))
        out.err(ENDPOINTS_DEPRECATION_WARNING + '\n');
      const obj = clone(input);
      const meta = (obj.metadata = obj.metadata ?? {});
      const ns = meta.namespace || k.ns;
      const name = meta.name ?? '';
      const live = name ? getObject(k.state, input.kind, ns, name) : undefined;
      if (verb === 'apply' || bool(p, 'save-config')) {
        const lastText = lastAppliedOf(input, ns);
        if (live && verb === 'apply') {
          if (!live.metadata.annotations?.[LAST_APPLIED])
            out.err(
              `Warning: resource ${qualified(t)}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
            );
          let last: ManifestInput | undefined;
          try {
            last = JSON.parse(live.metadata.annotations?.[LAST_APPLIED] ?? 'null') ?? undefined;
          } catch {
            last = undefined;
          }
          meta.labels = merge3(live.metadata.labels, last?.metadata?.labels, input.metadata?.labels);
          meta.annotations = merge3(
            live.metadata.annotations,
            last?.metadata?.annotations,
            input.metadata?.annotations,
            LAST_APPLIED,
          );
          if (!meta.labels) delete meta.labels;
        }
        meta.annotations = { ...(meta.annotations ?? {}), [LAST_APPLIED]: lastText };
      }
      if (dr === 'client') {
        out.out(
          `${prefixOf(t)}/${name} ${live ? (verb === 'apply' ? 'configured' : 'created') : 'created'}${dryRunSuffix(dr)}\n`,
        );
        continue;
      }
      const w = writeObject(target, obj, verb === 'apply' ? 'apply' : 'create', k.ns);
      if (!w.ok) {
        const e = w.error;
        if (e.reason === 'Invalid' || e.text.startsWith('error:')) errors.push(e.text);
        else if (!live || e.reason === 'AlreadyExists')
          errors.push(`Error from server (${e.reason}): error when creating "${src.name}": ${e.message}`);
        else errors.push(e.text);
        continue;
      }
      // kubectl's warning handler prints what the server warned as it arrives
      for (const x of w.warnings ?? []) out.err(`Warning: ${x}\n`);
      if (output === 'name') out.out(`${prefixOf(t)}/${w.object.metadata.name}\n`);
      else out.out(`${prefixOf(t)}/${w.object.metadata.name} ${w.outcome}${dryRunSuffix(dr)}\n`);
    }
  }
  for (const e of errors) out.err(e + '\n');
  return out.done(errors.length ? 1 : 0);
}

export const apply = (k: K, argv: string[]): CmdResult => writeAll(k, argv, 'apply');
export const createFromFiles = (k: K, argv: string[]): CmdResult => writeAll(k, argv, 'create');
