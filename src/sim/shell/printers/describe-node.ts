// kubectl describe node (kubectl pkg/describe: describeNode, describeNodeLease, describeNodeResource).
import type { ClusterEvent } from '../../model/state';
import type { Node, Pod } from '../../model/types';
import { age, byteCompare, rfc1123z } from './format';
import { DescribeWriter, writeAnnotations, writeEvents, writeLabels } from './describe-writer';
import type { DescribeContext } from './describe-pod';
import { nodeRoles } from './get-rows';
import type { Quantity } from './quantity';
import { addQuantity, formatQuantity, parseQuantity, quantityValue, ZERO } from './quantity';

export interface NodeLease {
  holderIdentity?: string;
  acquireTime?: number;
  renewTime?: number;
}

export interface DescribeNodeOptions extends DescribeContext {
  /** the node's non-terminated Pods (all namespaces); listed in namespace/name order */
  pods: Pod[];
  /**
   * The node's Lease in kube-node-lease. The model has none: by default the holder is the node
   * and the renew time is the Ready condition's last heartbeat.
   */
  lease?: NodeLease;
}

type Resources = { limits?: Record<string, string>; requests?: Record<string, string> };

/** Sum into a map as Go does: the first value is copied (keeping its text), later ones Add. */
function accumulate(into: Record<string, Quantity>, k: string, q: Quantity): void {
  into[k] = into[k] ? addQuantity(into[k], q) : q;
}

/** resourcehelper.PodRequestsAndLimits, for the simulator's pods (containers only). */
function podRequestsAndLimits(p: Pod): { req: Record<string, Quantity>; lim: Record<string, Quantity> } {
  const req: Record<string, Quantity> = {};
  const lim: Record<string, Quantity> = {};
  for (const c of p.spec.containers) {
    const r = (c.resources ?? {}) as Resources;
    for (const [k, v] of Object.entries(r.requests ?? {})) accumulate(req, k, parseQuantity(v));
    for (const [k, v] of Object.entries(r.limits ?? {})) accumulate(lim, k, parseQuantity(v));
  }
  return { req, lim };
}

/** int64(float64(x) / float64(alloc) * 100), guarding a zero allocatable. */
const pct = (x: number, alloc: number): number => (alloc === 0 ? 0 : Math.trunc((x / alloc) * 100));

export function describeNode(n: Node, events: ClusterEvent[] | undefined, opts: DescribeNodeOptions): string {
  const { now, epoch } = opts;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${n.metadata.name}\n`);
  w.write(0, `Roles:\t${nodeRoles(n).join(',') || '<none>'}\n`);
  writeLabels(w, 'Labels', n.metadata.labels);
  writeAnnotations(w, 'Annotations', n.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(epoch, n.metadata.creationTimestamp)}\n`);
  // Taints, sorted by "effect,key"; printed as key=value:effect
  w.write(0, 'Taints:\t');
  const taints = [...(n.spec.taints ?? [])].sort((a, b) => byteCompare(`${a.effect},${a.key}`, `${b.effect},${b.key}`));
  if (taints.length === 0) w.line('<none>');
  taints.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`);
  });
  w.write(0, `Unschedulable:\t${n.spec.unschedulable ? 'true' : 'false'}\n`);

  const ready = n.status.conditions.find((c) => c.type === 'Ready');
  const lease = opts.lease ?? { holderIdentity: n.metadata.name, renewTime: ready?.lastHeartbeatTime };
  w.write(0, 'Lease:\n');
  w.write(1, `HolderIdentity:\t${lease.holderIdentity ?? '<unset>'}\n`);
  w.write(1, `AcquireTime:\t${lease.acquireTime !== undefined ? rfc1123z(epoch, lease.acquireTime) : '<unset>'}\n`);
  w.write(1, `RenewTime:\t${lease.renewTime !== undefined ? rfc1123z(epoch, lease.renewTime) : '<unset>'}\n`);

  if (n.status.conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of n.status.conditions) {
      w.write(
        1,
        `${c.type} \t${c.status} \t${rfc1123z(epoch, c.lastHeartbeatTime)} \t${rfc1123z(epoch, c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      );
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of n.status.addresses) w.write(1, `${a.type}:\t${a.address}\n`);

  const writeList = (list: Record<string, string>) => {
    for (const k of Object.keys(list).sort(byteCompare)) w.write(0, `  ${k}:\t${list[k]}\n`);
  };
  const capacity = n.status.capacity ?? {};
  const allocatableText = Object.keys(n.status.allocatable ?? {}).length ? n.status.allocatable! : capacity;
  if (Object.keys(capacity).length) {
    w.write(0, 'Capacity:\n');
    writeList(capacity);
  }
  if (Object.keys(n.status.allocatable ?? {}).length) {
    w.write(0, 'Allocatable:\n');
    writeList(n.status.allocatable!);
  }
  const info = n.status.nodeInfo as Node['status']['nodeInfo'] & {
    machineID?: string;
    systemUUID?: string;
    bootID?: string;
  };
  w.write(0, 'System Info:\n');
  w.write(0, `  Machine ID:\t${info.machineID ?? ''}\n`);
  w.write(0, `  System UUID:\t${info.systemUUID ?? ''}\n`);
  w.write(0, `  Boot ID:\t${info.bootID ?? ''}\n`);
  w.write(0, `  Kernel Version:\t${info.kernelVersion}\n`);
  w.write(0, `  OS Image:\t${info.osImage}\n`);
  w.write(0, `  Operating System:\t${info.operatingSystem}\n`);
  w.write(0, `  Architecture:\t${info.architecture}\n`);
  w.write(0, `  Container Runtime Version:\t${info.containerRuntimeVersion}\n`);
  w.write(0, `  Kubelet Version:\t${info.kubeletVersion}\n`);
  w.write(0, `  Kube-Proxy Version:\t${info.kubeProxyVersion ?? ''}\n`);
  if (n.spec.podCIDR) w.write(0, `PodCIDR:\t${n.spec.podCIDR}\n`);
  if (n.spec.podCIDRs?.length) w.write(0, `PodCIDRs:\t${n.spec.podCIDRs.join(',')}\n`);
  const providerID = (n.spec as { providerID?: string }).providerID;
  if (providerID) w.write(0, `ProviderID:\t${providerID}\n`);

  // describeNodeResource
  const alloc = (k: string) => parseQuantity(allocatableText[k]);
  const allocCpu = alloc('cpu').milli;
  const allocMem = quantityValue(alloc('memory'));
  const pods = [...opts.pods].sort(
    (a, b) =>
      byteCompare(a.metadata.namespace ?? '', b.metadata.namespace ?? '') ||
      byteCompare(a.metadata.name, b.metadata.name),
  );
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const reqs: Record<string, Quantity> = {};
  const limits: Record<string, Quantity> = {};
  for (const p of pods) {
    const { req, lim } = podRequestsAndLimits(p);
    const cpuReq = req.cpu ?? ZERO,
      cpuLim = lim.cpu ?? ZERO,
      memReq = req.memory ?? ZERO,
      memLim = lim.memory ?? ZERO;
    w.write(
      1,
      `${p.metadata.namespace ?? ''}\t${p.metadata.name}\t\t${formatQuantity(cpuReq)} (${pct(cpuReq.milli, allocCpu)}%)\t${formatQuantity(cpuLim)} (${pct(cpuLim.milli, allocCpu)}%)\t${formatQuantity(memReq)} (${pct(quantityValue(memReq), allocMem)}%)\t${formatQuantity(memLim)} (${pct(quantityValue(memLim), allocMem)}%)\t${age(now, p.metadata.creationTimestamp)}\n`,
    );
    for (const [k, q] of Object.entries(req)) accumulate(reqs, k, q);
    for (const [k, q] of Object.entries(lim)) accumulate(limits, k, q);
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  const row = (name: string, value: (q: Quantity) => number, allocated: number) => {
    const r = reqs[name] ?? ZERO,
      l = limits[name] ?? ZERO;
    w.write(
      1,
      `${name}\t${formatQuantity(r)} (${pct(value(r), allocated)}%)\t${formatQuantity(l)} (${pct(value(l), allocated)}%)\n`,
    );
  };
  row('cpu', (q) => q.milli, allocCpu);
  row('memory', quantityValue, allocMem);
  row('ephemeral-storage', quantityValue, quantityValue(alloc('ephemeral-storage')));
  const names = Object.keys(allocatableText).sort(byteCompare);
  for (const hp of names.filter((k) => k.startsWith('hugepages-'))) row(hp, quantityValue, quantityValue(alloc(hp)));
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods']);
  for (const ext of names.filter((k) => !standard.has(k) && !k.startsWith('hugepages-'))) {
    w.write(1, `${ext}\t${formatQuantity(reqs[ext] ?? ZERO)}\t${formatQuantity(limits[ext] ?? ZERO)}\n`);
  }
  writeEvents(w, events, now);
  return w.toString();
}
