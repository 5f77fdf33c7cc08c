// A container's environment as `env` prints it: the runtime's PATH and HOSTNAME, the image's ENV,
// the container's own env, the service variables kubelet wrote when the container started, HOME.
import type { ClusterState } from '../../model/state';
import type { Pod } from '../../model/types';
import { imageInfo } from '../../kubelet/images';
import { computeServiceEnv } from '../../kubelet/envvars';

export const POD_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function podEnv(s: ClusterState, pod: Pod, tty: boolean, container?: string): [string, string][] {
  const c = (container ? pod.spec.containers.find((x) => x.name === container) : undefined) ?? pod.spec.containers[0];
  const out = new Map<string, string>();
  out.set('PATH', POD_PATH);
  out.set('HOSTNAME', pod.spec.hostNetwork ? (pod.spec.nodeName ?? pod.metadata.name) : pod.metadata.name);
  if (tty) out.set('TERM', 'xterm');
  for (const [k, v] of Object.entries(imageInfo(c?.image ?? '')?.env ?? {})) out.set(k, v);
  // the container's own env wins over the service variables
  const own = new Map((c?.env ?? []).map((e) => [e.name, e.value ?? '']));
  for (const [k, v] of own) out.set(k, v);
  const rt = s.runtime[pod.metadata.uid];
  // the set was fixed when the container started; before that, what it would get now
  const svc = rt?.serviceEnv ?? computeServiceEnv(s, pod).env;
  for (const e of svc) if (!own.has(e.name)) out.set(e.name, e.value ?? '');
  out.set('HOME', '/root');
  return [...out.entries()];
}
