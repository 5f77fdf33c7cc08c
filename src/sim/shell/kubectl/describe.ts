// kubectl describe: TYPE (all in the namespace), TYPE NAME (exact, else every object whose name
// starts with NAME, as kubectl does), TYPE/NAME, -l, -A.
import type { CmdResult } from '../types';
import type { RowObject } from '../printers/get';
import type { Deployment, EndpointSlice, Namespace, Node, Pod, ReplicaSet, Service } from '../../model/types';
import type { Endpoints } from '../printers/endpoints';
import type { K } from './common';
import type { ResourceType } from './resources';
import { Out, fail } from '../output';
import { ALL_NS, FILENAME, SELECTOR, isResult, parse } from './common';
import { bool, str, strs } from '../flags';
import { findType, getOne, listAll, nameOf, notFoundText, parseResourceArgs } from './resources';
import { labelFilter, requiredResource } from './get';
import { sortForList } from '../printers/get';
import { ENDPOINTS_DEPRECATION_WARNING } from '../printers/endpoints';
import {
  describeDeployment,
  describeEndpoints,
  describeEndpointSlice,
  describeNamespace,
  describeNode,
  describePod,
  describeReplicaSet,
  describeService,
  eventsFor,
  joinDescriptions,
} from '../printers/describe';
import { slicesOf } from '../../controllers/endpointslice';
import { noResourcesMessage } from '../printers/get';
import { readSources } from './sources';

function describeOne(k: K, t: ResourceType, o: RowObject, showEvents: boolean): string | null {
  const s = k.state;
  const ctx = { now: s.now, epoch: s.settings.epoch };
  const real = s.events.filter((e) => !e.sim);
  const ev = (obj: { kind: string; metadata: { name: string; namespace?: string; uid?: string } }) =>
    showEvents ? eventsFor(real, obj) : undefined;
  switch (t.table) {
    case 'Service': {
      const svc = o as Service;
      return describeService(svc, slicesOf(s, svc.metadata.namespace, svc.metadata.name), ev(svc), ctx);
    }
    case 'Pod':
      return describePod(o as Pod, ev(o as Pod), ctx);
    case 'Node': {
      const n = o as Node;
      const pods = Object.values(s.objects.pods).filter(
        (p) => p.spec.nodeName === n.metadata.name && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed',
      );
      return describeNode(n, ev(n), { ...ctx, pods });
    }
    case 'Endpoints':
      return describeEndpoints(o as Endpoints, showEvents ? [] : undefined, ctx);
    case 'EndpointSlice':
      return describeEndpointSlice(o as EndpointSlice, ev(o as EndpointSlice), ctx);
    case 'Deployment': {
      const d = o as Deployment;
      return describeDeployment(
        d,
        Object.values(s.objects.replicasets).filter((rs) => rs.metadata.namespace === d.metadata.namespace),
        ev(d),
        ctx,
      );
    }
    case 'ReplicaSet': {
      const rs = o as ReplicaSet;
      return describeReplicaSet(
        rs,
        Object.values(s.objects.pods).filter((p) => p.metadata.namespace === rs.metadata.namespace),
        ev(rs),
        ctx,
      );
    }
    case 'Namespace':
      return describeNamespace(o as Namespace);
    default:
      return null;
  }
}

export function describe(k: K, argv: string[]): CmdResult {
  const p = parse(k, 'kubectl describe', argv, [
    SELECTOR,
    ALL_NS,
    FILENAME,
    { name: 'show-events', type: 'bool' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'chunk-size', type: 'int' },
  ]);
  if (isResult(p)) return p;
  const all = bool(p, 'all-namespaces');
  const showEvents = p.flags['show-events'] !== false;
  const out = new Out();
  let items: { type: ResourceType; name?: string; ns?: string }[];
  const files = strs(p, 'filename');
  if (files.length) {
    const r = readSources(k, files, bool(p, 'recursive'));
    if (!r.ok) return fail(r.errors.join('\n'));
    items = r.sources.flatMap((s) =>
      s.objects.map((o) => ({ type: findType(o.kind)!, name: o.metadata?.name, ns: o.metadata?.namespace ?? k.ns })),
    );
  } else {
    if (!p.args.length) return requiredResource('describe');
    const r = parseResourceArgs(p.args);
    if ('error' in r) return fail(r.error);
    items = r.items;
  }
  const lf = labelFilter(str(p, 'selector'));
  if ('error' in lf) return fail(lf.error);
  if (items.some((i) => i.type.table === 'Endpoints')) out.err(ENDPOINTS_DEPRECATION_WARNING + '\n');
  const texts: string[] = [];
  const errors: string[] = [];
  for (const it of items) {
    if (it.type.table === 'Event')
      return fail('error: the playground does not describe events; use kubectl get events');
    let objs: RowObject[];
    if (it.name === undefined) {
      objs = sortForList(listAll(k.state, it.type, all ? undefined : k.ns).filter((o) => lf(o)));
      if (!objs.length) {
        out.err(noResourcesMessage(all || !it.type.namespaced ? undefined : k.ns));
        continue;
      }
    } else {
      const exact = getOne(k.state, it.type, it.ns ?? k.ns, it.name);
      // kubectl describe falls back to every object whose name starts with the argument
      objs = exact
        ? [exact]
        : sortForList(
            listAll(k.state, it.type, it.type.namespaced ? (it.ns ?? k.ns) : undefined).filter((o) =>
              nameOf(o).startsWith(it.name!),
            ),
          );
      if (!objs.length) {
        errors.push(notFoundText(it.type, it.name));
        continue;
      }
    }
    for (const o of objs) {
      const t = describeOne(k, it.type, o, showEvents);
      if (t !== null) texts.push(t);
    }
  }
  out.out(joinDescriptions(texts));
  for (const e of errors) out.err(e + '\n');
  return out.done(errors.length ? 1 : 0);
}
