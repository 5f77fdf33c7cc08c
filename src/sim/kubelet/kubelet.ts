// kubelet on each node: runs the Pods bound to it through Pending → ContainerCreating → Running/Ready,
// and stops them on deletion (Terminating → gone). Delays are virtual and drawn from the seeded generator.
import type { ClusterState, PodRuntime } from '../model/state';
import type { ContainerState, ContainerStatus, Node, Pod } from '../model/types';
import { emit, ref } from '../model/events';
import { nextRV } from '../model/meta';
import { podList } from '../model/pod-list';
import { randomInt } from '../time/rng';
import { cidrContains, intToIp, ipToInt, parseCidr } from '../lib/ip';
import { removePod } from '../apiserver/api';
import { computeServiceEnv } from './envvars';
import { ignoresSigterm, imageRef, processExit, scriptFileOps, type ProcessExit } from './process';
import { fnv1a32 } from '../lib/hash';
import { isNodeReady } from '../model/facts';
import { nodeIP } from '../model/facts';
import { extensions } from '../model/extensions';

export const SANDBOX_MS = 150;

/** A plausible, stable compressed size per image (the simulator has no registry to ask). */
function imageSize(image: string): number {
  return 2_000_000 + (fnv1a32(image) % 70_000_000);
}
/** the app exits on SIGTERM this quickly (no preStop hook) */
export const STOP_MS = 100;
/** from container exit until the sandbox is torn down and the Pod object removed */
export const TEARDOWN_MS = 800;

/**
 * host-local IPAM: hands out .2, .3, … of the node's /24 in turn, not reusing a freed address at once.
 * While a share link is rebuilt, the address the Pod had (ClusterState.hints) if it is free.
 */
function allocatePodIP(s: ClusterState, node: Node, pod: Pod): string | null {
  const cidr = node.spec.podCIDR;
  if (!cidr) return null;
  const pool = (s.alloc.podIPs[node.metadata.name] ??= { last: 1, used: {} });
  const c = parseCidr(cidr);
  const hosts = c.size - 3; // .2 … .254
  const hinted = s.hints?.pods.find((h) => h.key === `${pod.metadata.namespace}/${pod.metadata.name}`)?.ip;
  if (hinted && cidrContains(cidr, hinted) && !pool.used[hinted]) {
    const h = ipToInt(hinted) - c.base;
    if (h >= 2 && h <= hosts + 1) {
      pool.last = Math.max(pool.last, h);
      return hinted;
    }
  }
  for (let i = 1; i <= hosts; i++) {
    const h = ((pool.last - 2 + i) % hosts) + 2;
    const ip = intToIp(c.base + h);
    if (!pool.used[ip]) {
      pool.last = h;
      return ip;
    }
  }
  return null;
}

function containerStatuses(
  pod: Pod,
  state: (name: string) => ContainerStatus['state'],
  ready: boolean,
): ContainerStatus[] {
  return pod.spec.containers.map((c) => {
    const st = state(c.name);
    // the runtime knows the image's digest once it is pulled (not while creating or failing to pull)
    const pulled = !['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff', 'InvalidImageName'].includes(
      st.waiting?.reason ?? '',
    );
    return {
      name: c.name,
      image: statusImage(c.image),
      imageID: pulled ? imageRef(c.image) : '',
      ready,
      started: ready,
      restartCount: 0,
      state: st,
      ...(c.volumeMounts?.length
        ? {
            volumeMounts: c.volumeMounts.map((m) => ({
              name: m.name,
              mountPath: m.mountPath,
              ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' as const } : {}),
            })),
          }
        : {}),
    };
  });
}

function setCondition(
  pod: Pod,
  type: NonNullable<Pod['status']['conditions']>[number]['type'],
  status: 'True' | 'False',
  at: number,
): void {
  const conds = (pod.status.conditions ??= []);
  const c = conds.find((x) => x.type === type);
  if (c) {
    if (c.status !== status) {
      c.status = status;
      c.lastTransitionTime = at;
    }
  } else conds.push({ type, status, lastProbeTime: null, lastTransitionTime: at });
}

const CONDITION_ORDER = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];
function sortConditions(pod: Pod) {
  pod.status.conditions?.sort((a, b) => CONDITION_ORDER.indexOf(a.type) - CONDITION_ORDER.indexOf(b.type));
}

function startSandbox(s: ClusterState, pod: Pod, node: Node, rt: PodRuntime): void {
  const ip = pod.spec.hostNetwork ? nodeIP(node) : allocatePodIP(s, node, pod);
  if (!ip) {
    emit(s, {
      type: 'Warning',
      reason: 'FailedCreatePodSandBox',
      message:
        'Failed to create pod sandbox: plugin type="host-local" failed (add): failed to allocate for range 0: no IP addresses available in range set',
      object: ref(pod),
      source: 'kubelet',
      host: node.metadata.name,
    });
    rt.nextAt = null;
    return;
  }
  if (!pod.spec.hostNetwork) s.alloc.podIPs[node.metadata.name].used[ip] = pod.metadata.uid;
  rt.sandboxUp = true;
  pod.status.podIP = ip;
  pod.status.podIPs = [{ ip }];
  pod.status.hostIP = nodeIP(node);
  pod.status.hostIPs = [{ ip: nodeIP(node) }];
  pod.status.startTime = pod.status.startTime ?? s.now;
  setCondition(pod, 'PodReadyToStartContainers', 'True', s.now);
  setCondition(pod, 'Initialized', 'True', s.now);
  setCondition(pod, 'Ready', 'False', s.now);
  setCondition(pod, 'ContainersReady', 'False', s.now);
  sortConditions(pod);
  pod.status.containerStatuses = containerStatuses(pod, () => ({ waiting: { reason: 'ContainerCreating' } }), false);
  const images = (s.images[node.metadata.name] ??= []);
  let delay = 0;
  for (const c of pod.spec.containers) {
    const present = images.includes(c.image);
    if (present && c.imagePullPolicy !== 'Always') {
      emit(s, {
        reason: 'Pulled',
        message: `Container image "${c.image}" already present on machine`,
        object: ref(pod),
        source: 'kubelet',
        host: node.metadata.name,
      });
      delay += 100;
    } else {
      const ms = present ? randomInt(s, 300, 700) : randomInt(s, 1200, 2600);
      emit(s, {
        reason: 'Pulling',
        message: `Pulling image "${c.image}"`,
        object: ref(pod),
        source: 'kubelet',
        host: node.metadata.name,
      });
      delay += ms;
      if (!present) images.push(c.image);
    }
  }
  rt.stage = 'pulling';
  rt.nextAt = s.now + delay;
}

function startContainers(s: ClusterState, pod: Pod, node: Node, rt: PodRuntime): void {
  const pulledEarlier = s.events.some((e) => e.object.uid === pod.metadata.uid && e.reason === 'Pulling');
  const secs = ((s.now - pod.metadata.creationTimestamp) / 1000).toFixed(3);
  containersRun(
    s,
    pod,
    rt,
    node.metadata.name,
    (c) =>
      pulledEarlier
        ? `Successfully pulled image "${c.image}" in ${secs}s (${secs}s including waiting). Image size: ${imageSize(c.image)} bytes.`
        : null,
    () => {
      pod.status.phase = 'Running';
      pod.status.containerStatuses = containerStatuses(pod, () => ({ running: { startedAt: s.now } }), true);
      for (const cs of pod.status.containerStatuses)
        cs.containerID =
          `containerd://${pod.metadata.uid.replace(/-/g, '')}${pod.metadata.uid.replace(/-/g, '')}`.slice(0, 77);
    },
  );
}

/**
 * The containers start, the first time or after a back-off: kubelet's events, the Services' variables of
 * this moment (Services created later never appear in this container), the statuses, Ready.
 */
function containersRun(
  s: ClusterState,
  pod: Pod,
  rt: PodRuntime,
  host: string,
  pulled: (c: Pod['spec']['containers'][number]) => string | null,
  statuses: () => void,
): void {
  for (const c of pod.spec.containers) {
    const msg = pulled(c);
    if (msg) emit(s, { reason: 'Pulled', message: msg, object: ref(pod), source: 'kubelet', host });
    emit(s, { reason: 'Created', message: `Created container: ${c.name}`, object: ref(pod), source: 'kubelet', host });
    emit(s, { reason: 'Started', message: `Started container ${c.name}`, object: ref(pod), source: 'kubelet', host });
  }
  const env = computeServiceEnv(s, pod);
  rt.serviceEnv = env.env;
  rt.envServices = env.services;
  rt.appUp = true;
  rt.stage = 'running';
  // a new container starts from its image: what the last one wrote is gone; its script writes anew
  delete rt.files;
  const ops = pod.spec.containers.flatMap(scriptFileOps).map((o) => ({ ...o, at: s.now + o.atMs, atMs: undefined }));
  if (ops.length)
    rt.fileOps = ops.map(({ at, op, path, text }) => (text === undefined ? { at, op, path } : { at, op, path, text }));
  else delete rt.fileOps;
  runFileOps(s, rt);
  statuses();
  if (extensions.prober) extensions.prober.start(pod, rt, s.now);
  else delete rt.probes;
  applyProbeResults(s, pod, rt);
  scheduleExit(s, pod, rt);
}

/** The container's script's file operations that are due. */
function runFileOps(s: ClusterState, rt: PodRuntime): boolean {
  let did = false;
  while (rt.fileOps?.length && rt.fileOps[0].at <= s.now) {
    const o = rt.fileOps.shift()!;
    if (o.op === 'write') (rt.files ??= {})[o.path] = o.text ?? '';
    else if (rt.files) delete rt.files[o.path];
    did = true;
  }
  if (rt.fileOps && !rt.fileOps.length) delete rt.fileOps;
  return did;
}

/**
 * A running container is started once its startup probe passed and ready once its readiness probe
 * passed (each true at once without that probe); the Pod is Ready when all its containers are
 * (status_manager's GeneratePodReadyCondition).
 */
function applyProbeResults(s: ClusterState, pod: Pod, rt: PodRuntime): void {
  let all = true;
  for (const cs of pod.status.containerStatuses ?? []) {
    if (!cs.state.running) {
      all = false;
      continue;
    }
    const st = extensions.prober?.state(rt, cs.name) ?? { started: true, ready: true };
    cs.started = st.started;
    cs.ready = st.ready;
    if (!st.ready) all = false;
  }
  setCondition(pod, 'Ready', all ? 'True' : 'False', s.now);
  setCondition(pod, 'ContainersReady', all ? 'True' : 'False', s.now);
  sortConditions(pod);
}

/**
 * How long the containers' preStop hooks hold SIGTERM back: a `sleep` action's seconds, an `exec` of
 * `sleep N` (or a script of them) as long as it runs; an httpGet returns at once.
 */
export function preStopMs(pod: Pod): number {
  let ms = 0;
  for (const c of pod.spec.containers) {
    const h = c.lifecycle?.preStop;
    if (!h) continue;
    if (h.sleep) ms = Math.max(ms, h.sleep.seconds * 1000);
    else if (h.exec?.command?.length) {
      const exit = processExit({ name: c.name, image: '', command: h.exec.command });
      if (exit) ms = Math.max(ms, exit.afterMs);
    }
  }
  return ms;
}

/** The Pod's process ends by itself when every container's does (one-container Pods, in practice). */
function podExit(pod: Pod): ProcessExit | null {
  const exits = pod.spec.containers.map(processExit);
  if (!exits.length || exits.some((e) => e === null)) return null;
  return { afterMs: Math.max(...exits.map((e) => e!.afterMs)), code: exits.find((e) => e!.code !== 0)?.code ?? 0 };
}

function scheduleExit(s: ClusterState, pod: Pod, rt: PodRuntime): void {
  const exit = podExit(pod);
  rt.nextAt = exit ? s.now + exit.afterMs : null;
}

/** kubelet's restart back-off: the first restart at once, then 10 s, doubling up to 5 min. */
function backoffMs(restarts: number): number {
  return restarts === 0 ? 1000 : Math.min(300_000, 10_000 * 2 ** (restarts - 1));
}

/**
 * The main process exited by itself (or, `killed`, kubelet stopped it after a failed liveness or startup
 * probe): restart it (after a back-off) or, per restartPolicy, the Pod is done.
 */
function containersExited(s: ClusterState, pod: Pod, rt: PodRuntime, killed?: ProcessExit): void {
  const exit = killed ?? podExit(pod)!;
  const host = pod.spec.nodeName!;
  const terminated = (started?: number): ContainerState => ({
    terminated: {
      exitCode: exit.code,
      reason: exit.code === 0 ? 'Completed' : 'Error',
      startedAt: started,
      finishedAt: s.now,
    },
  });
  const policy = pod.spec.restartPolicy ?? 'Always';
  rt.appUp = false;
  setCondition(pod, 'Ready', 'False', s.now);
  setCondition(pod, 'ContainersReady', 'False', s.now);
  const statuses = pod.status.containerStatuses ?? [];
  if (policy === 'Never' || (policy === 'OnFailure' && exit.code === 0)) {
    for (const cs of statuses)
      Object.assign(cs, { ready: false, started: false, state: terminated(cs.state.running?.startedAt) });
    pod.status.phase = exit.code === 0 ? 'Succeeded' : 'Failed';
    // the sandbox goes: nothing answers on the Pod's address any more (status keeps it, as kubelet's does)
    rt.sandboxUp = false;
    rt.stage = 'completed';
    rt.nextAt = null;
    return;
  }
  const restarts = statuses[0]?.restartCount ?? 0;
  const wait = backoffMs(restarts);
  for (const cs of statuses) {
    const ended = terminated(cs.state.running?.startedAt);
    if (restarts === 0) Object.assign(cs, { ready: false, started: false, state: ended });
    else {
      const c = pod.spec.containers.find((x) => x.name === cs.name);
      Object.assign(cs, {
        ready: false,
        started: false,
        lastState: ended,
        state: {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: `back-off ${humanBackoff(wait)} restarting failed container=${cs.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
          },
        },
      });
      if (c)
        emit(s, {
          type: 'Warning',
          reason: 'BackOff',
          message: `Back-off restarting failed container ${c.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
          object: ref(pod),
          source: 'kubelet',
          host,
        });
    }
  }
  rt.stage = 'backoff';
  rt.nextAt = s.now + wait;
}

/**
 * The app's main process exited at run time on its own request (agnhost netexec's /exit and /shutdown
 * handlers call os.Exit): kubelet's PLEG sees the container exit like any other.
 */
export function appExited(s: ClusterState, pod: Pod, code: number): void {
  const rt = s.runtime[pod.metadata.uid];
  if (!rt || rt.stage !== 'running') return;
  containersExited(s, pod, rt, { afterMs: 0, code: code & 0xff });
}

/** Go's time.Duration text for whole seconds and minutes ("10s", "1m20s", "5m0s"). */
function humanBackoff(ms: number): string {
  const secs = Math.round(ms / 1000);
  return secs < 60 ? `${secs}s` : `${Math.floor(secs / 60)}m${secs % 60}s`;
}

/** The image reference as the runtime reports it in status.containerStatuses[].image. */
const statusImage = (image: string) =>
  image.includes(':') || image.includes('@') ? image : `docker.io/library/${image}:latest`;

/** A container whose spec's image is no longer the one running (kubectl set image on a Pod). */
function changedContainer(pod: Pod): Pod['spec']['containers'][number] | undefined {
  return pod.spec.containers.find((c) => {
    const cs = pod.status.containerStatuses?.find((x) => x.name === c.name);
    return cs !== undefined && cs.image !== statusImage(c.image);
  });
}

/** The back-off is over: the container starts again (and reads the Services' variables anew). */
function restartContainers(s: ClusterState, pod: Pod, rt: PodRuntime): void {
  const host = pod.spec.nodeName!;
  const statuses = pod.status.containerStatuses ?? [];
  // a new image (the spec changed) is pulled first; the one that ran is already on the machine
  const fresh = new Set(
    pod.spec.containers
      .filter((c) => statuses.some((cs) => cs.name === c.name && cs.image !== statusImage(c.image)))
      .map((c) => c.name),
  );
  for (const c of pod.spec.containers)
    if (fresh.has(c.name))
      emit(s, { reason: 'Pulling', message: `Pulling image "${c.image}"`, object: ref(pod), source: 'kubelet', host });
  containersRun(
    s,
    pod,
    rt,
    host,
    (c) => {
      if (!fresh.has(c.name)) return `Container image "${c.image}" already present on machine`;
      const since = statuses.find((x) => x.name === c.name)?.state.terminated?.finishedAt ?? s.now;
      const secs = ((s.now - since) / 1000).toFixed(3);
      return `Successfully pulled image "${c.image}" in ${secs}s (${secs}s including waiting). Image size: ${imageSize(c.image)} bytes.`;
    },
    () => {
      for (const cs of statuses) {
        const ended = cs.state.terminated ? { terminated: cs.state.terminated } : cs.lastState;
        const c = pod.spec.containers.find((x) => x.name === cs.name);
        Object.assign(cs, {
          ...(c ? { image: statusImage(c.image), imageID: imageRef(c.image) } : {}),
          ready: true,
          started: true,
          restartCount: cs.restartCount + 1,
          lastState: ended,
          state: { running: { startedAt: s.now } },
        });
      }
    },
  );
}

/** The containers stop: they exited on SIGTERM, or (`killed`) the grace period ran out and those still running got SIGKILL. */
function stopContainers(s: ClusterState, pod: Pod, rt: PodRuntime, killed = false): void {
  const stubborn = new Set(killed && rt.appUp ? pod.spec.containers.filter(ignoresSigterm).map((c) => c.name) : []);
  rt.appUp = false;
  rt.stage = 'stopped';
  rt.nextAt = s.now + TEARDOWN_MS;
  const ended = (name: string, started?: number): ContainerState => ({
    terminated: stubborn.has(name)
      ? { exitCode: 137, reason: 'Error', startedAt: started, finishedAt: s.now }
      : { exitCode: 0, reason: 'Completed', startedAt: started, finishedAt: s.now },
  });
  // a container that had already exited keeps its exit; restart counts and last states stay
  if (pod.status.containerStatuses?.length) {
    for (const cs of pod.status.containerStatuses) {
      if (!cs.state.terminated) cs.state = ended(cs.name, cs.state.running?.startedAt ?? pod.status.startTime);
      cs.ready = false;
      cs.started = false;
    }
  } else pod.status.containerStatuses = containerStatuses(pod, (name) => ended(name, pod.status.startTime), false);
  setCondition(pod, 'Ready', 'False', s.now);
  setCondition(pod, 'ContainersReady', 'False', s.now);
}

export function reconcileKubelets(s: ClusterState): boolean {
  let changed = false;
  for (const pod of podList(s)) {
    const nodeName = pod.spec.nodeName;
    if (!nodeName) continue;
    const node = s.objects.nodes[nodeName];
    if (!node) continue;
    let rt = s.runtime[pod.metadata.uid];
    if (!rt) {
      rt = s.runtime[pod.metadata.uid] = {
        uid: pod.metadata.uid,
        serviceEnv: null,
        envServices: [],
        appUp: false,
        sandboxUp: false,
        nextAt: s.now + SANDBOX_MS,
        stage: 'pending',
      };
      changed = true;
    }
    const deleting = pod.metadata.deletionTimestamp !== undefined;
    if (
      deleting &&
      (rt.stage === 'pending' ||
        rt.stage === 'pulling' ||
        rt.stage === 'running' ||
        rt.stage === 'backoff' ||
        rt.stage === 'completed')
    ) {
      // (a container that has exited, waiting to restart or done for good, has nothing left to stop)
      if (rt.stage !== 'backoff' && rt.stage !== 'completed')
        for (const c of pod.spec.containers)
          emit(s, {
            reason: 'Killing',
            message: `Stopping container ${c.name}`,
            object: ref(pod),
            source: 'kubelet',
            host: nodeName,
          });
      // kuberuntime killContainer: the preStop hook runs first (the app keeps serving meanwhile), then
      // SIGTERM; a container that ignores SIGTERM runs on until the grace period is over (below)
      const preStop = rt.appUp && rt.stage === 'running' ? preStopMs(pod) : 0;
      rt.stage = 'stopping';
      rt.nextAt =
        rt.appUp && pod.spec.containers.some(ignoresSigterm) ? null : s.now + (rt.appUp ? preStop + STOP_MS : 0);
      changed = true;
    }
    if (deleting && pod.metadata.deletionTimestamp! <= s.now && rt.stage !== 'stopped') {
      stopContainers(s, pod, rt, true); // grace period over: SIGKILL
      changed = true;
    }
    if (rt.stage === 'running' && rt.fileOps && runFileOps(s, rt)) changed = true;
    if (rt.stage === 'running' && rt.probes && extensions.prober && isNodeReady(node)) {
      const eff = extensions.prober.tick(s, pod, rt);
      if (eff !== 'none') {
        changed = true;
        pod.metadata.resourceVersion = nextRV(s);
        if (typeof eff === 'object') {
          // kuberuntime_manager computePodActions: "Container %s failed liveness probe", killed to restart
          emit(s, {
            reason: 'Killing',
            message: `Container ${eff.container} failed ${eff.kill} probe, will be restarted`,
            object: ref(pod),
            source: 'kubelet',
            host: nodeName,
          });
          const c = pod.spec.containers.find((x) => x.name === eff.container);
          containersExited(s, pod, rt, c && ignoresSigterm(c) ? { afterMs: 0, code: 137 } : { afterMs: 0, code: 0 });
          continue;
        }
        applyProbeResults(s, pod, rt);
      }
    }
    const redefined = rt.stage === 'running' && !deleting && isNodeReady(node) ? changedContainer(pod) : undefined;
    if (redefined) {
      // kuberuntime_manager computePodActions: the container's spec (its image) changed, so kubelet kills
      // it and starts it again from the new image
      emit(s, {
        reason: 'Killing',
        message: `Container ${redefined.name} definition changed, will be restarted`,
        object: ref(pod),
        source: 'kubelet',
        host: nodeName,
      });
      changed = true;
      pod.metadata.resourceVersion = nextRV(s);
      containersExited(s, pod, rt, { afterMs: 0, code: ignoresSigterm(redefined) ? 137 : 0 });
      continue;
    }
    if (rt.nextAt === null || rt.nextAt > s.now) continue;
    if (!isNodeReady(node)) continue;
    changed = true;
    pod.metadata.resourceVersion = nextRV(s);
    switch (rt.stage) {
      case 'pending':
        startSandbox(s, pod, node, rt);
        break;
      case 'pulling':
        startContainers(s, pod, node, rt);
        break;
      case 'running':
        containersExited(s, pod, rt);
        break;
      case 'backoff':
        restartContainers(s, pod, rt);
        break;
      case 'stopping':
        stopContainers(s, pod, rt);
        break;
      case 'stopped':
        removePod(s, pod);
        break;
      default:
        rt.nextAt = null;
    }
  }
  return changed;
}

function podOfUid(s: ClusterState, uid: string): Pod | undefined {
  return podList(s).find((p) => p.metadata.uid === uid);
}

/** When a kubelet next has something to do (`settling`: not counting back-off restarts). */
export function kubeletWake(s: ClusterState, settling = false): number | null {
  let w: number | null = null;
  for (const rt of Object.values(s.runtime)) {
    if (rt.nextAt !== null && !(settling && rt.stage === 'backoff') && (w === null || rt.nextAt < w)) w = rt.nextAt;
    const f = rt.stage === 'running' && !settling ? rt.fileOps?.[0]?.at : undefined;
    if (f !== undefined && (w === null || f < w)) w = f;
    const p = extensions.prober?.wake(rt) ?? null;
    if (p !== null && (w === null || p < w)) {
      // settling waits only for probes that would still change a result, not for steady ticks
      const pod = settling ? podOfUid(s, rt.uid) : undefined;
      if (!settling || (pod && extensions.prober?.unsettled(s, pod, rt))) w = p;
    }
  }
  for (const p of podList(s)) {
    const d = p.metadata.deletionTimestamp;
    if (d === undefined) continue;
    const rt = s.runtime[p.metadata.uid];
    if (rt && rt.stage !== 'stopped' && (w === null || d < w)) w = d;
  }
  return w;
}
