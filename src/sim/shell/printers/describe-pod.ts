// kubectl describe pod, and the container and pod-template sections Deployments and ReplicaSets
// reuse (kubectl pkg/describe: describePod, describeContainers, DescribePodTemplate).
import type { ClusterEvent } from '../../model/state';
import type {
  Container,
  ContainerState,
  ContainerStatus,
  Pod,
  PodTemplateSpec,
  Probe,
  Volume,
} from '../../model/types';
import { byteCompare, controllerOf, rfc1123z } from './format';
import { DescribeWriter, writeAnnotations, writeEvents, writeLabels, writeTolerations } from './describe-writer';
import { humanDuration } from '../../time/clock';

export interface DescribeContext {
  /** virtual now, for ages */
  now: number;
  /** ClusterSettings.epoch, for absolute timestamps */
  epoch: number;
}

type Resources = { limits?: Record<string, string>; requests?: Record<string, string> };
const resourcesOf = (c: Container): Resources => (c.resources ?? {}) as Resources;

function writeResourceList(
  w: DescribeWriter,
  level: number,
  title: string,
  list: Record<string, string> | undefined,
): void {
  const names = Object.keys(list ?? {}).sort(byteCompare);
  if (names.length === 0) return;
  w.write(level, `${title}:\n`);
  for (const n of names) w.write(level + 1, `${n}:\t${list![n]}\n`);
}

function writeState(w: DescribeWriter, name: string, st: ContainerState | undefined, epoch: number): void {
  if (st?.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(epoch, st.running.startedAt)}\n`);
  } else if (st?.waiting) {
    w.write(2, `${name}:\tWaiting\n`);
    if (st.waiting.reason) w.write(3, `Reason:\t${st.waiting.reason}\n`);
  } else if (st?.terminated) {
    const t = st.terminated;
    w.write(2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    w.write(3, `Exit Code:\t${t.exitCode}\n`);
    if (t.signal) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(epoch, t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(epoch, t.finishedAt)}\n`);
  } else {
    w.write(2, `${name}:\tWaiting\n`);
  }
}

/** describeContainers: `space` is "" for a pod, "  " inside a pod template. */
export function writeContainers(
  w: DescribeWriter,
  label: string,
  containers: Container[],
  statuses: ContainerStatus[] | undefined,
  space: string,
  epoch: number,
): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  w.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const st = statuses ? byName.get(c.name) : undefined;
    w.write(1, `${space ? ' ' : ''}${c.name}:\n`);
    if (st) w.write(2, `Container ID:\t${st.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image}\n`);
    if (st) w.write(2, `Image ID:\t${st.imageID}\n`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
    w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
    w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
    if (c.command?.length) {
      w.write(2, 'Command:\n');
      for (const x of c.command) for (const s of x.split('\n')) w.write(3, `${s}\n`);
    }
    if (c.args?.length) {
      w.write(2, 'Args:\n');
      for (const x of c.args) for (const s of x.split('\n')) w.write(3, `${s}\n`);
    }
    if (st) {
      writeState(w, 'State', st.state, epoch);
      if (st.lastState?.terminated) writeState(w, 'Last State', st.lastState, epoch);
      w.write(2, `Ready:\t${st.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${st.restartCount}\n`);
    }
    const res = resourcesOf(c);
    writeResourceList(w, 2, 'Limits', res.limits);
    writeResourceList(w, 2, 'Requests', res.requests);
    if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    w.write(2, `Environment:${c.env?.length ? '' : '\t<none>'}\n`);
    for (const e of c.env ?? []) {
      (e.value ?? '').split('\n').forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
    }
    // describeContainerVolumes: sorted by mount path, "(ro)" / "(rw)" and a sub-path
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1));
    w.write(2, `Mounts:${mounts.length ? '' : '\t<none>'}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [JSON.stringify(m.subPath).replace(/^/, 'path=')] : [])];
      w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
    }
  }
}

/** describeVolumes with printProjectedVolumeSource (kubectl describe.go) for the sources the playground has. */
function writeVolumes(w: DescribeWriter, volumes: Volume[] | undefined): void {
  if (!volumes?.length) {
    w.write(0, 'Volumes:\t<none>\n');
    return;
  }
  w.write(0, 'Volumes:\n');
  for (const v of volumes) {
    w.write(1, `${v.name}:\n`);
    if (v.projected) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const src of v.projected.sources) {
        if (src.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
        else if (src.configMap)
          w.write(2, `ConfigMapName:\t${src.configMap.name}\n    Optional:\t${src.configMap.optional === true}\n`);
        else if (src.serviceAccountToken)
          w.write(2, `TokenExpirationSeconds:\t${src.serviceAccountToken.expirationSeconds ?? 3600}\n`);
      }
    } else if (v.emptyDir) {
      const e = v.emptyDir;
      w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n");
      w.write(2, `Medium:\t${e.medium ?? ''}\n`);
      w.write(2, `SizeLimit:\t${e.sizeLimit ?? '<unset>'}\n`);
    } else w.write(1, '<unknown>\n');
  }
}

/** DescribePodTemplate, as Deployments and ReplicaSets show it. */
export function writePodTemplate(w: DescribeWriter, template: PodTemplateSpec | undefined, epoch: number): void {
  w.write(0, 'Pod Template:\n');
  if (!template) {
    w.write(1, '<unset>');
    return;
  }
  writeLabels(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0)
    writeAnnotations(w, '  Annotations', template.metadata?.annotations);
  if (template.spec.serviceAccountName) w.write(1, `Service Account:\t${template.spec.serviceAccountName}\n`);
  writeContainers(w, 'Containers', template.spec.containers, undefined, '  ', epoch);
  w.write(0, '  Volumes:\t<none>\n');
  writeLabels(w, '  Node-Selectors', undefined);
  writeTolerations(w, 'Tolerations', template.spec.tolerations, '  ');
}

/** qos.GetPodQOS: the status field when set, else computed from requests and limits. */
export function podQOS(p: Pod): string {
  if (p.status.qosClass) return p.status.qosClass;
  let any = false;
  let guaranteed = true;
  for (const c of p.spec.containers) {
    const r = resourcesOf(c);
    const req = r.requests ?? {};
    const lim = r.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const k of ['cpu', 'memory']) {
      const l = lim[k];
      const q = req[k] ?? l;
      if (!l || q !== l) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** `kubectl describe pod`. Pass `events` (eventsFor) to print the Events section. */
export function describePod(p: Pod, events: ClusterEvent[] | undefined, ctx: DescribeContext): string {
  const { now, epoch } = ctx;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${p.metadata.name}\n`);
  w.write(0, `Namespace:\t${p.metadata.namespace ?? ''}\n`);
  // The Priority admission plugin sets spec.priority (0 without a PriorityClass).
  w.write(0, `Priority:\t${(p.spec as { priority?: number }).priority ?? 0}\n`);
  if (p.spec.serviceAccountName) w.write(0, `Service Account:\t${p.spec.serviceAccountName}\n`);
  w.write(0, p.spec.nodeName ? `Node:\t${p.spec.nodeName}/${p.status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (p.status.startTime !== undefined) w.write(0, `Start Time:\t${rfc1123z(epoch, p.status.startTime)}\n`);
  writeLabels(w, 'Labels', p.metadata.labels);
  writeAnnotations(w, 'Annotations', p.metadata.annotations);
  const terminal = p.status.phase === 'Failed' || p.status.phase === 'Succeeded';
  if (p.metadata.deletionTimestamp !== undefined && !terminal) {
    // "lasts" is the time since the deletion deadline: negative (<invalid>) while the grace period runs
    w.write(0, `Status:\tTerminating (lasts ${humanDuration(now - p.metadata.deletionTimestamp)})\n`);
    w.write(0, `Termination Grace Period:\t${p.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(0, `Status:\t${p.status.phase}\n`);
  }
  if (p.status.reason) w.write(0, `Reason:\t${p.status.reason}\n`);
  if (p.status.message) w.write(0, `Message:\t${p.status.message}\n`);
  w.write(0, `IP:\t${p.status.podIP ?? ''}\n`);
  const ips = p.status.podIPs ?? (p.status.podIP ? [{ ip: p.status.podIP }] : []);
  if (ips.length === 0) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const ctl = controllerOf(p.metadata);
  if (ctl) w.write(0, `Controlled By:\t${ctl}\n`);
  writeContainers(w, 'Containers', p.spec.containers, p.status.containerStatuses ?? [], '', epoch);
  if (p.status.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of p.status.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  writeVolumes(w, p.spec.volumes);
  w.write(0, `QoS Class:\t${podQOS(p)}\n`);
  writeLabels(w, 'Node-Selectors', undefined);
  writeTolerations(w, 'Tolerations', p.spec.tolerations);
  writeEvents(w, events, now);
  return w.toString();
}

/** Go's time.Duration.String() for whole seconds: 0s, 10s, 1m30s, 1h0m0s. */
function goSeconds(n: number): string {
  if (n < 60) return `${n}s`;
  if (n < 3600) return `${Math.floor(n / 60)}m${n % 60}s`;
  return `${Math.floor(n / 3600)}h${Math.floor((n % 3600) / 60)}m${n % 60}s`;
}

/** kubectl describe's DescribeProbe (staging/src/k8s.io/kubectl/pkg/describe/describe.go). */
export function describeProbe(p: Probe): string {
  const attrs = `delay=${goSeconds(p.initialDelaySeconds ?? 0)} timeout=${goSeconds(p.timeoutSeconds ?? 0)} period=${goSeconds(p.periodSeconds ?? 0)} #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const port = String(p.httpGet.port ?? '');
    const host = p.httpGet.host ?? '';
    const h = port ? `${host.includes(':') ? `[${host}]` : host}:${port}` : host;
    return `http-get ${(p.httpGet.scheme ?? '').toLowerCase()}://${h}${p.httpGet.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${String(p.tcpSocket.port)} ${attrs}`;
  return `unknown ${attrs}`;
}
