// kubectl delete: TYPE NAME..., TYPE/NAME, -f, -l, --all, --ignore-not-found, --grace-period,
// --force, --now. Like kubectl it waits (--wait, on by default) until the objects are gone, so the
// virtual clock runs through a Pod's termination.
import type { CmdResult } from '../types';
import type { RowObject } from '../printers/get';
import type { Kind } from '../../model/types';
import type { K } from './common';
import type { ClusterState } from '../../model/state';
import type { ResourceType } from './resources';
import { Out, fail } from '../output';
import {
  ALL_NS,
  DRY_RUN,
  FILENAME,
  OUTPUT,
  RECURSIVE,
  SELECTOR,
  dryRun,
  dryRunSuffix,
  isResult,
  parse,
} from './common';
import { bool, int, str, strs } from '../flags';
import { findType, getOne, listAll, nameOf, namespaceOf, notFoundText, parseResourceArgs, prefixOf } from './resources';
import { labelFilter } from './get';
import { readSources } from './sources';
import { deleteObject, getObject } from '../../apiserver/api';
import { advance, nextWake, reconcile } from '../../step';
import { sortForList } from '../printers/get';
import { ENDPOINTS_DEPRECATION_WARNING } from '../printers/endpoints';

const IMMEDIATE =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

/** Let the virtual clock run until the objects are gone (kubectl delete --wait), for at most `limitMs`. */
export function waitGone(k: { state: ClusterState }, gone: () => boolean, limitMs: number): void {
  const s = k.state;
  const deadline = s.now + limitMs;
  for (;;) {
    // let the controllers and kubelets see the change before asking when the next thing happens
    reconcile(s);
    if (gone() || s.now >= deadline) break;
    const w = nextWake(s);
    const to = w === null ? deadline : Math.min(w, deadline);
    advance(s, Math.max(1, to - s.now));
  }
}

export function deleteCmd(k: K, argv: string[]): CmdResult {
  const p = parse(k, 'kubectl delete', argv, [
    FILENAME,
    SELECTOR,
    ALL_NS,
    OUTPUT,
    DRY_RUN,
    RECURSIVE,
    { name: 'all', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'grace-period', type: 'int' },
    { name: 'force', type: 'bool' },
    { name: 'now', type: 'bool' },
    { name: 'wait', type: 'bool' },
    { name: 'cascade', type: 'string', noOpt: 'background' },
    { name: 'timeout', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'interactive', short: 'i', type: 'bool' },
  ]);
  if (isResult(p)) return p;
  const dr = dryRun(p);
  if (typeof dr === 'object') return fail(`error: ${dr.error}`);
  const files = strs(p, 'filename');
  const selector = str(p, 'selector');
  const allFlag = bool(p, 'all');
  const allNs = bool(p, 'all-namespaces');
  let grace = int(p, 'grace-period') ?? -1;
  const force = bool(p, 'force');
  if (bool(p, 'now')) {
    if (grace !== -1) return fail('error: --now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (force && grace < 0) grace = 0;
  if (grace === 0 && !force) grace = 1; // kubectl: immediate deletion needs --force
  const cascade = str(p, 'cascade') ?? 'background';
  if (!['background', 'foreground', 'orphan', 'true', 'false'].includes(cascade))
    return fail(`error: invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan".`);

  const targets: { type: ResourceType; obj?: RowObject; name: string; ns: string }[] = [];
  const errors: string[] = [];
  if (files.length) {
    const r = readSources(k, files, bool(p, 'recursive'));
    if (!r.ok) return fail(r.errors.join('\n'));
    for (const s of r.sources)
      for (const o of s.objects) {
        const t = findType(o.kind)!;
        const ns = o.metadata?.namespace ?? k.ns;
        const name = o.metadata?.name ?? '';
        targets.push({ type: t, obj: getOne(k.state, t, ns, name), name, ns });
      }
  } else {
    if (!p.args.length)
      return fail(
        `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
      );
    const r = parseResourceArgs(p.args);
    if ('error' in r) return fail(r.error);
    const named = r.items.some((i) => i.name !== undefined);
    if (!named && selector === undefined && !allFlag && !str(p, 'field-selector'))
      return fail('error: resource(s) were provided, but no name was specified');
    if (named && (allFlag || selector !== undefined))
      return fail(
        allFlag
          ? 'error: a resource cannot be retrieved by name across all namespaces'
          : 'error: name cannot be provided when a selector is specified',
      );
    const lf = labelFilter(selector);
    if ('error' in lf) return fail(lf.error);
    for (const it of r.items) {
      if (it.name !== undefined) {
        targets.push({ type: it.type, obj: getOne(k.state, it.type, k.ns, it.name), name: it.name, ns: k.ns });
        continue;
      }
      for (const o of sortForList(listAll(k.state, it.type, allNs ? undefined : k.ns).filter(lf)))
        targets.push({ type: it.type, obj: o, name: nameOf(o), ns: namespaceOf(o) ?? k.ns });
    }
    if (!targets.length) return new Out().err('No resources found\n').done(0);
  }
  const out = new Out();
  if (force && grace === 0 && targets.some((t) => t.obj)) out.err(IMMEDIATE);
  const waitFor: { kind: Kind; ns: string; name: string; uid: string }[] = [];
  for (const t of targets) {
    if (!t.obj) {
      if (!bool(p, 'ignore-not-found')) errors.push(notFoundText(t.type, t.name));
      continue;
    }
    if (t.type.table === 'Endpoints' && k.state.objects.endpoints?.[`${t.ns}/${t.name}`]) {
      // v1 Endpoints someone wrote (a Service without a selector): deleting them takes the mirrored slices away
      out.err(ENDPOINTS_DEPRECATION_WARNING + '\n');
      if (dr === 'none') deleteObject(k.state, 'Endpoints', t.ns, t.name);
      out.out(`endpoints "${t.name}" deleted from ${t.ns} namespace${dryRunSuffix(dr)}\n`);
      continue;
    }
    if (!t.type.kind) {
      errors.push(`error: the playground derives ${t.type.resource} from other objects; delete those instead`);
      continue;
    }
    const where = t.type.namespaced ? ` from ${t.ns} namespace` : '';
    if (dr !== 'none') {
      out.out(`${prefixOf(t.type)} "${t.name}" deleted${where}${dryRunSuffix(dr)}\n`);
      continue;
    }
    if (cascade === 'orphan' || cascade === 'false') {
      const uid = (t.obj as { metadata: { uid: string } }).metadata.uid;
      for (const coll of [k.state.objects.replicasets, k.state.objects.pods] as Record<
        string,
        { metadata: { ownerReferences?: { uid: string }[] } }
      >[]) {
        for (const o of Object.values(coll))
          if (o.metadata.ownerReferences?.some((r) => r.uid === uid))
            o.metadata.ownerReferences = o.metadata.ownerReferences.filter((r) => r.uid !== uid);
      }
    }
    const r = deleteObject(
      k.state,
      t.type.kind,
      t.type.namespaced ? t.ns : undefined,
      t.name,
      grace >= 0 ? { gracePeriodSeconds: grace } : {},
    );
    if (!r.ok) {
      errors.push(r.error.text);
      continue;
    }
    out.out(`${prefixOf(t.type)} "${t.name}" ${force && grace === 0 ? 'force deleted' : 'deleted'}${where}\n`);
    waitFor.push({ kind: t.type.kind, ns: t.ns, name: t.name, uid: r.object.metadata.uid });
  }
  if (p.flags.wait !== false && waitFor.length) {
    const gone = () => waitFor.every((w) => getObject(k.state, w.kind, w.ns, w.name)?.metadata.uid !== w.uid);
    waitGone(k, gone, Math.max(1, grace < 0 ? 30 : grace) * 1000 + 5000);
  }
  for (const e of errors) out.err(e + '\n');
  return out.done(errors.length ? 1 : 0);
}
