// The ServiceAccount admission plugin (kubernetes plugin/pkg/admission/serviceaccount/admission.go,
// v1.34): a new Pod that does not opt out (automountServiceAccountToken: false) and has no mount at
// /var/run/secrets/kubernetes.io/serviceaccount gets a projected volume "kube-api-access-" + five
// random characters (a bound token expiring in 3607 s, the cluster's kube-root-ca.crt, the namespace),
// mounted read-only in every container.
import type { Pod, Volume } from '../model/types';
import { fnv1a32 } from '../lib/hash';

export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const VOLUME_PREFIX = 'kube-api-access-';
/** utilrand's alphabet (k8s.io/apimachinery/pkg/util/rand: no vowels, no 0/1/3) */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * The name generator's five characters. They come from the Pod's uid (itself drawn from the seeded
 * generator), so admitting a Pod does not move the random sequence that names and addresses use.
 */
function suffix(uid: string): string {
  let out = '';
  for (let i = 0; i < 5; i++) out += ALPHANUMS[fnv1a32(`${uid}/${i}`) % ALPHANUMS.length];
  return out;
}

function tokenVolume(name: string): Volume {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
          },
        },
      ],
    },
  };
}

/** Admit a Pod being created (mutates it). Needs metadata.uid set. */
export function admitServiceAccount(pod: Pod): void {
  const spec = pod.spec;
  if (spec.automountServiceAccountToken === false) return;
  if (spec.containers.some((c) => (c.volumeMounts ?? []).some((m) => m.mountPath === TOKEN_MOUNT_PATH))) return;
  const name = VOLUME_PREFIX + suffix(pod.metadata.uid ?? pod.metadata.name);
  spec.volumes = [...(spec.volumes ?? []), tokenVolume(name)];
  for (const c of spec.containers)
    c.volumeMounts = [...(c.volumeMounts ?? []), { name, readOnly: true, mountPath: TOKEN_MOUNT_PATH }];
}

/** The volume this plugin added, if any (its mount path and name prefix). */
export function admittedTokenVolume(pod: Pod): string | undefined {
  const mount = pod.spec.containers[0]?.volumeMounts?.find((m) => m.mountPath === TOKEN_MOUNT_PATH);
  return mount?.name.startsWith(VOLUME_PREFIX) ? mount.name : undefined;
}

/** Drop what the plugin added (a manifest to re-apply; an update that left the server's fields out). */
export function withoutTokenVolume(spec: Pod['spec'], name: string): void {
  if (spec.volumes) {
    spec.volumes = spec.volumes.filter((v) => v.name !== name);
    if (!spec.volumes.length) delete spec.volumes;
  }
  for (const c of spec.containers ?? []) {
    if (!c.volumeMounts) continue;
    c.volumeMounts = c.volumeMounts.filter((m) => m.name !== name);
    if (!c.volumeMounts.length) delete c.volumeMounts;
  }
}

/**
 * An update that leaves out the server-added volume keeps it, as kubectl apply's merge patch does (the
 * field is not in the last-applied configuration, so the patch never removes it).
 */
export function keepTokenVolume(pod: Pod, old: Pod): void {
  const name = admittedTokenVolume(old);
  if (!name || !pod.spec.containers || pod.spec.volumes?.some((v) => v.name === name)) return;
  const vol = old.spec.volumes?.find((v) => v.name === name);
  if (vol) pod.spec.volumes = [...(pod.spec.volumes ?? []), structuredClone(vol)];
  for (const c of pod.spec.containers) {
    const mount = old.spec.containers.find((x) => x.name === c.name)?.volumeMounts?.find((m) => m.name === name);
    if (mount && !c.volumeMounts?.some((m) => m.name === name))
      c.volumeMounts = [...(c.volumeMounts ?? []), { ...mount }];
  }
}
