// Pod validation: ValidatePodSpec for the fields the simulator models, ValidatePodCreate and
// ValidatePodUpdate (pkg/apis/core/validation/validation.go), in their order.

import type { Pod, PodSpec } from '../model/types';
import { type FieldError, duplicate, forbidden, invalid, required, unsupported } from './fielderrors';
import {
  isDNS1123Label,
  isEnvVarName,
  isQualifiedName,
  isValidPortName,
  isValidPortNum,
  nameIsDNSSubdomain,
} from './names';
import { canon, validateObjectMeta, validateObjectMetaUpdate } from './validation-meta';

type E = FieldError[];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

type Ctr = PodSpec['containers'][number];

function validateContainer(c: Ctr, path: string): E {
  const errs: E = [];
  if (!c.name) errs.push(required(`${path}.name`));
  else for (const m of isDNS1123Label(c.name)) errs.push(invalid(`${path}.name`, c.name, m));
  if (!c.image) errs.push(required(`${path}.image`));
  const tmp = c.terminationMessagePolicy;
  if (!tmp) errs.push(required(`${path}.terminationMessagePolicy`));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError')
    errs.push(unsupported(`${path}.terminationMessagePolicy`, tmp, ['File', 'FallbackToLogsOnError']));
  const portNames = new Set<string>();
  (c.ports ?? []).forEach((p, i) => {
    const pp = `${path}.ports[${i}]`;
    if (p.name) {
      const msgs = isValidPortName(p.name);
      for (const m of msgs) errs.push(invalid(`${pp}.name`, p.name, m));
      if (!msgs.length && portNames.has(p.name)) errs.push(duplicate(`${pp}.name`, p.name));
      else if (!msgs.length) portNames.add(p.name);
    }
    if (!p.containerPort) errs.push(required(`${pp}.containerPort`));
    else for (const m of isValidPortNum(p.containerPort)) errs.push(invalid(`${pp}.containerPort`, p.containerPort, m));
    if (p.hostPort) for (const m of isValidPortNum(p.hostPort)) errs.push(invalid(`${pp}.hostPort`, p.hostPort, m));
    if (!p.protocol) errs.push(required(`${pp}.protocol`));
    else if (!PROTOCOLS.includes(p.protocol)) errs.push(unsupported(`${pp}.protocol`, p.protocol, PROTOCOLS));
  });
  (c.env ?? []).forEach((e, i) => {
    if (!e.name) errs.push(required(`${path}.env[${i}].name`));
    else for (const m of isEnvVarName(e.name)) errs.push(invalid(`${path}.env[${i}].name`, e.name, m));
  });
  const pull = c.imagePullPolicy;
  if (!pull) errs.push(required(`${path}.imagePullPolicy`));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pull))
    errs.push(unsupported(`${path}.imagePullPolicy`, pull, ['Always', 'IfNotPresent', 'Never']));
  return errs;
}

/** ValidatePodSpec for the fields the simulator models; `isPod` is false for templates. */
export function validatePodSpec(spec: PodSpec, path: string, isPod: boolean): E {
  const errs: E = [];
  if (spec.terminationGracePeriodSeconds === undefined) errs.push(required(`${path}.terminationGracePeriodSeconds`));
  const ctrs = spec.containers ?? [];
  if (ctrs.length === 0) errs.push(required(`${path}.containers`));
  else {
    const names = new Set<string>();
    const hostPorts = new Set<string>();
    ctrs.forEach((c, i) => {
      errs.push(...validateContainer(c, `${path}.containers[${i}]`));
      if (names.has(c.name)) errs.push(duplicate(`${path}.containers[${i}].name`, c.name));
      else names.add(c.name);
    });
    ctrs.forEach((c, i) =>
      (c.ports ?? []).forEach((p, j) => {
        if (!p.hostPort) return;
        const key = `${p.protocol ?? ''}//${p.hostPort}`;
        if (hostPorts.has(key)) errs.push(duplicate(`${path}.containers[${i}].ports[${j}].hostPort`, key));
        hostPorts.add(key);
      }),
    );
  }
  if (spec.hostNetwork) {
    ctrs.forEach((c, i) =>
      (c.ports ?? []).forEach((p, j) => {
        const hp = p.hostPort ?? 0;
        if ((isPod || hp !== 0) && hp !== p.containerPort)
          errs.push(
            invalid(
              `${path}.containers[${i}].ports[${j}].hostPort`,
              hp,
              'must match `containerPort` when `hostNetwork` is true',
            ),
          );
      }),
    );
  }
  const rp = spec.restartPolicy;
  if (!rp) errs.push(required(`${path}.restartPolicy`));
  else if (!['Always', 'OnFailure', 'Never'].includes(rp))
    errs.push(unsupported(`${path}.restartPolicy`, rp, ['Always', 'OnFailure', 'Never']));
  const dns = spec.dnsPolicy;
  const DNS = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
  if (!dns) errs.push(required(`${path}.dnsPolicy`));
  else if (!DNS.includes(dns)) errs.push(unsupported(`${path}.dnsPolicy`, dns, DNS));
  if (dns === 'None') errs.push(required(`${path}.dnsConfig`, 'must provide `dnsConfig` when `dnsPolicy` is None'));
  if (spec.serviceAccountName)
    for (const m of nameIsDNSSubdomain(spec.serviceAccountName, false))
      errs.push(invalid(`${path}.serviceAccountName`, spec.serviceAccountName, m));
  if (spec.nodeName)
    for (const m of nameIsDNSSubdomain(spec.nodeName, false)) errs.push(invalid(`${path}.nodeName`, spec.nodeName, m));
  if (spec.hostname)
    for (const m of isDNS1123Label(spec.hostname)) errs.push(invalid(`${path}.hostname`, spec.hostname, m));
  if (spec.subdomain)
    for (const m of isDNS1123Label(spec.subdomain)) errs.push(invalid(`${path}.subdomain`, spec.subdomain, m));
  (spec.tolerations ?? []).forEach((t, i) => {
    const p = `${path}.tolerations[${i}]`;
    if (t.key) for (const m of isQualifiedName(t.key)) errs.push(invalid(`${p}.key`, t.key, m));
    if (!t.key && t.operator !== 'Exists')
      errs.push(
        invalid(
          `${p}.operator`,
          t.operator ?? '',
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute')
      errs.push(invalid(`${p}.effect`, t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    if (t.effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect))
      errs.push(unsupported(`${p}.effect`, t.effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
  });
  return errs;
}

const UPDATABLE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** ValidatePodCreate, or ValidatePodUpdate with `old`. */
export function validatePod(pod: Pod, old?: Pod): E {
  const errs: E = old ? validateObjectMetaUpdate(pod.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(pod.metadata, nameIsDNSSubdomain, true));
  const spec = pod.spec ?? { containers: [] };
  errs.push(...validatePodSpec(spec, 'spec', true));
  (spec.containers ?? []).forEach((c, i) => {
    if (c.image && c.image.trim() !== c.image)
      errs.push(invalid(`spec.containers[${i}].image`, c.image, 'must not have leading or trailing whitespace'));
  });
  if (!old) return errs;
  if ((spec.containers ?? []).length !== old.spec.containers.length)
    return [...errs, forbidden('spec.containers', 'pod updates may not add or remove containers')];
  const oldTols = old.spec.tolerations ?? [];
  const newTols = spec.tolerations ?? [];
  const tolKey = (t: (typeof oldTols)[number]) => canon({ ...t, tolerationSeconds: undefined });
  if (!oldTols.every((t) => newTols.some((n) => tolKey(t) === tolKey(n)))) {
    errs.push(forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds'));
  }
  // Only images, tolerations and a few others may change; compare the rest.
  const munge = (s: PodSpec, images: PodSpec): Record<string, unknown> => ({
    ...s,
    tolerations: undefined,
    containers: s.containers.map((c, i) => ({ ...c, image: images.containers[i]?.image })),
  });
  const a = munge(old.spec, old.spec);
  const b = munge(spec, old.spec);
  const diff = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => canon(a[k]) !== canon(b[k]));
  if (diff.length) {
    // cmp.Diff's rendering is approximated: one -/+ pair per changed PodSpec field.
    const lines = diff.flatMap((k) => [`- \t${k}: ${canon(a[k])},`, `+ \t${k}: ${canon(b[k])},`]);
    errs.push(forbidden('spec', `${UPDATABLE}\n  core.PodSpec{\n${lines.join('\n')}\n  }\n`));
  }
  return errs;
}
