// What each image ships: its shell and the programs a learner may run in it with kubectl exec.
// busybox has its applets (no curl, no bash); agnhost is Alpine with curl, bind-tools and bash;
// the Debian-based images (nginx, redis, ...) have bash and coreutils, and nginx also curl.
import type { Container, Pod } from '../../model/types';
import { imageName } from '../../kubelet/images';

export type NslookupFlavor = 'busybox-1.28' | 'busybox' | 'bind';
export interface Toolset {
  shell: 'bash' | 'sh' | null;
  tools: Set<string>;
  nslookup?: NslookupFlavor;
}

const BASE = [
  'cat',
  'env',
  'printenv',
  'hostname',
  'ls',
  'sleep',
  'date',
  'grep',
  'head',
  'tail',
  'wc',
  'sort',
  'uniq',
  'cut',
  'awk',
  'tr',
  'rm',
  'mkdir',
  'touch',
  'true',
  'false',
  'uname',
  'echo',
  'printf',
  'pwd',
  'id',
];
const BUSYBOX = [...BASE, 'sh', 'ash', 'wget', 'nslookup', 'ip', 'ifconfig', 'netstat', 'ps', 'ping', 'nc'];
const DISTROLESS = [
  'coredns/coredns',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kube-proxy',
  'etcd',
  'pause',
];

/** busybox before 1.29 prints nslookup the old way (the Kubernetes DNS debugging guide's busybox:1.28); 1.29.0 brought the new nslookup.c (-type=, its own resolver). */
function busyboxFlavor(image: string): NslookupFlavor {
  const tag = image.split('@')[0].split('/').pop()!.split(':')[1];
  const m = tag?.match(/^(\d+)\.(\d+)/);
  if (m && (Number(m[1]) < 1 || (Number(m[1]) === 1 && Number(m[2]) < 29))) return 'busybox-1.28';
  return 'busybox';
}

export function containerOf(pod: Pod, name?: string): Container | undefined {
  return name ? pod.spec.containers.find((c) => c.name === name) : pod.spec.containers[0];
}

export function toolset(pod: Pod, container?: string): Toolset {
  const c = containerOf(pod, container);
  const img = imageName(c?.image ?? '');
  if (DISTROLESS.includes(img)) return { shell: null, tools: new Set() };
  if (img === 'busybox') return { shell: 'sh', tools: new Set(BUSYBOX), nslookup: busyboxFlavor(c!.image) };
  if (img.includes('agnhost') || img === 'alpine' || img.startsWith('flannel')) {
    const t = new Set([...BUSYBOX, 'bash', 'curl', 'dig', 'nc', 'ss']);
    if (img === 'alpine' || img.startsWith('flannel')) {
      t.delete('bash');
      t.delete('curl');
      t.delete('dig');
      t.delete('ss');
    }
    return { shell: t.has('bash') ? 'bash' : 'sh', tools: t, nslookup: img.includes('agnhost') ? 'bind' : 'busybox' };
  }
  const t = new Set([...BASE, 'bash', 'sh']);
  if (img === 'nginx') {
    t.add('curl');
    t.add('nginx');
  }
  if (img === 'redis') t.add('redis-cli');
  if (img === 'curlimages/curl') {
    BUSYBOX.forEach((x) => t.add(x));
    t.add('curl');
    t.delete('bash');
    return { shell: 'sh', tools: t, nslookup: 'busybox' };
  }
  if (img === 'nicolaka/netshoot' || img.endsWith('dnsutils')) {
    ['curl', 'nslookup', 'dig', 'ip', 'ss', 'wget', 'netstat', 'ifconfig', 'nc'].forEach((x) => t.add(x));
    return { shell: 'bash', tools: t, nslookup: 'bind' };
  }
  return { shell: 'bash', tools: t };
}

export function imageShell(pod: Pod): 'bash' | 'sh' | null {
  return toolset(pod).shell;
}

const SHELLS = new Set(['sh', 'bash', 'ash']);
export const isShell = (prog: string): boolean => SHELLS.has(prog.split('/').pop() ?? '');
