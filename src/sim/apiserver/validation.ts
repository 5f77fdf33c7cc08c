// Service validation as the apiserver runs it: the ClusterIP allocator's IP-family pre-checks
// (pkg/registry/core/service/storage/alloc.go initIPFamilyFields), then ValidateService /
// ValidateServiceUpdate (pkg/apis/core/validation/validation.go), errors in their order.
// Inputs are defaulted objects (see defaults.ts). This module also re-exports the other validators.

import type { Service } from '../model/types';
import { type FieldError, duplicate, forbidden, invalid, required, unsupported } from './fielderrors';
import {
  type IPFamily,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidCIDRMessages,
  isValidIPMessages,
  isValidPortName,
  isValidPortNum,
  nameIsDNS1035Label,
  parseIPSloppy,
  specialIPMessages,
} from './names';
import { externallyAccessible, isHeadlessService, needsHealthCheck } from './defaults';
import { IMMUTABLE, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './validation-meta';

export { validateNamespace } from './validation-meta';
export { validatePod } from './validation-pod';
export { validateDeployment, validateReplicaSet } from './validation-apps';

type E = FieldError[];
const ONLY_LB = "may only be used when `type` is 'LoadBalancer'";

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const POLICIES = ['Cluster', 'Local'];
const FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
const TRAFFIC_DISTRIBUTIONS = ['PreferClose', 'PreferSameZone', 'PreferSameNode'];

/** ValidateServiceClusterIPsRelatedFields. */
export function validateServiceClusterIPsRelatedFields(svc: Service): E {
  const s = svc.spec;
  if (s.type === 'ExternalName') return [];
  const errs: E = [];
  const ips = s.clusterIPs ?? [];
  if (s.clusterIP) {
    if (ips.length === 0) errs.push(required('spec.clusterIPs'));
    else if (ips[0] !== s.clusterIP) errs.push(invalid('spec.clusterIPs', ips, 'first value must match `clusterIP`'));
  } else if (ips.length) errs.push(invalid('spec.clusterIPs', ips, 'must be empty when `clusterIP` is not specified'));
  const seen = new Set<string>();
  (s.ipFamilies ?? []).forEach((f, i) => {
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(unsupported(`spec.ipFamilies[${i}]`, f, ['IPv4', 'IPv6']));
    if (seen.has(f)) errs.push(duplicate(`spec.ipFamilies[${i}]`, f));
    seen.add(f);
  });
  if (s.ipFamilyPolicy !== undefined && !FAMILY_POLICIES.includes(s.ipFamilyPolicy))
    errs.push(unsupported('spec.ipFamilyPolicy', s.ipFamilyPolicy, FAMILY_POLICIES));
  let bad = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        bad = true;
        errs.push(invalid('spec.clusterIPs', ips, "'None' must be the first and only value"));
      }
      return;
    }
    for (const m of isValidIPMessages(ip)) {
      bad = true;
      errs.push(invalid(`spec.clusterIPs[${i}]`, ip, m));
    }
  });
  if (ips.length > 2) errs.push(invalid('spec.clusterIPs', ips, 'may only hold up to 2 values'));
  if (bad) return errs;
  const fam = (ip: string) => parseIPSloppy(ip)?.family;
  if (ips.length > 1 && !(ips.some((ip) => fam(ip) === 'IPv4') && ips.some((ip) => fam(ip) === 'IPv6'))) {
    errs.push(invalid('spec.clusterIPs', ips, 'may specify no more than one IP for each IP family'));
  }
  if (!isHeadlessService(svc) && ips.length && s.ipFamilies?.length) {
    for (const [i, ip] of ips.entries()) {
      const want = s.ipFamilies[i];
      if (want === undefined) break;
      if (want !== fam(ip) && (want === 'IPv4' || want === 'IPv6')) {
        errs.push(
          invalid(`spec.clusterIPs[${i}]`, ip, `expected an ${want} value as indicated by \`ipFamilies[${i}]\``),
        );
      }
    }
  }
  return errs;
}

/**
 * What the ClusterIP allocator refuses before anything is validated (initIPFamilyFields). The
 * apiserver returns these alone: with any of them, the rest of validation never runs.
 */
export function validateServiceIPFamilies(
  svc: Service,
  old?: Service,
  clusterFamilies: readonly IPFamily[] = ['IPv4'],
): E {
  const s = svc.spec;
  if (s.type === 'ExternalName') return [];
  const pre = validateServiceClusterIPsRelatedFields(svc);
  if (pre.length) return pre;
  const errs: E = [];
  const ips = s.clusterIPs ?? [];
  const fams = s.ipFamilies ?? [];
  const pol = s.ipFamilyPolicy;
  if (old && pol !== 'SingleStack') {
    if (ips.length && ips.length < (old.spec.clusterIPs?.length ?? 0))
      errs.push(
        invalid('spec.ipFamilyPolicy', pol ?? null, "must be 'SingleStack' to release the secondary cluster IP"),
      );
    if (fams.length && fams.length < (old.spec.ipFamilies?.length ?? 0))
      errs.push(
        invalid('spec.ipFamilyPolicy', pol ?? null, "must be 'SingleStack' to release the secondary IP family"),
      );
  }
  if (pol === 'SingleStack') {
    if (ips.length === 2)
      errs.push(
        invalid(
          'spec.ipFamilyPolicy',
          pol,
          "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified",
        ),
      );
    if (fams.length === 2)
      errs.push(
        invalid(
          'spec.ipFamilyPolicy',
          pol,
          "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified",
        ),
      );
  }
  for (const [i, ip] of ips.entries()) {
    if (ip === 'None') break;
    const f = parseIPSloppy(ip)?.family;
    if (f && i >= fams.length && !clusterFamilies.includes(f))
      errs.push(invalid(`spec.clusterIPs[${i}]`, ips, `${f} is not configured on this cluster`));
  }
  if (errs.length) return errs;
  if (s.clusterIP === 'None' && Object.keys(s.selector ?? {}).length === 0) return [];
  if (pol === 'RequireDualStack' && clusterFamilies.length < 2)
    errs.push(invalid('spec.ipFamilyPolicy', pol, 'this cluster is not configured for dual-stack services'));
  fams.forEach((f, i) => {
    if (!clusterFamilies.includes(f)) errs.push(invalid(`spec.ipFamilies[${i}]`, f, 'not configured on this cluster'));
  });
  return errs;
}

function validateServicePort(
  p: NonNullable<Service['spec']['ports']>[number],
  requireName: boolean,
  names: Set<string>,
  path: string,
): E {
  const errs: E = [];
  if (requireName && !p.name) errs.push(required(`${path}.name`));
  else if (p.name) {
    for (const m of isDNS1123Label(p.name)) errs.push(invalid(`${path}.name`, p.name, m));
    if (names.has(p.name)) errs.push(duplicate(`${path}.name`, p.name));
    else names.add(p.name);
  }
  for (const m of isValidPortNum(p.port)) errs.push(invalid(`${path}.port`, p.port, m));
  if (!p.protocol) errs.push(required(`${path}.protocol`));
  else if (!PROTOCOLS.includes(p.protocol)) errs.push(unsupported(`${path}.protocol`, p.protocol, PROTOCOLS));
  const tp = p.targetPort ?? 0;
  if (typeof tp === 'number') for (const m of isValidPortNum(tp)) errs.push(invalid(`${path}.targetPort`, tp, m));
  else for (const m of isValidPortName(tp)) errs.push(invalid(`${path}.targetPort`, tp, m));
  if (p.appProtocol !== undefined)
    for (const m of isQualifiedName(p.appProtocol)) errs.push(invalid(`${path}.appProtocol`, p.appProtocol, m));
  return errs;
}

function validateLoadBalancerClass(svc: Service, old?: Service): E {
  const errs: E = [];
  const cls = svc.spec.loadBalancerClass;
  if (old?.spec.type === 'LoadBalancer' && svc.spec.type === 'LoadBalancer' && old.spec.loadBalancerClass !== cls) {
    errs.push(invalid('spec.loadBalancerClass', cls ?? null, 'may not change once set'));
  }
  if (svc.spec.type === 'LoadBalancer') {
    if (cls !== undefined) for (const m of isQualifiedName(cls)) errs.push(invalid('spec.loadBalancerClass', cls, m));
  } else if (cls !== undefined) errs.push(forbidden('spec.loadBalancerClass', ONLY_LB));
  return errs;
}

/** ValidateService (or ValidateServiceUpdate with `old`), without the allocator's pre-checks. */
export function validateServiceFields(svc: Service, old?: Service): E {
  const errs: E = [];
  if (old) {
    errs.push(...validateObjectMetaUpdate(svc.metadata, old.metadata));
    errs.push(...clusterIPsUpdate(svc, old), ...ipFamiliesUpdate(svc, old), ...validateLoadBalancerClass(svc, old));
    if (
      needsHealthCheck(old) &&
      needsHealthCheck(svc) &&
      svc.spec.healthCheckNodePort !== old.spec.healthCheckNodePort
    ) {
      errs.push(forbidden('spec.healthCheckNodePort', IMMUTABLE));
    }
  }
  const s = svc.spec;
  errs.push(...validateObjectMeta(svc.metadata, nameIsDNS1035Label, true));
  const ann = svc.metadata?.annotations ?? {};
  const mode = ann['service.kubernetes.io/topology-mode'];
  const hints = ann['service.kubernetes.io/topology-aware-hints'];
  if (mode !== undefined && hints !== undefined && mode !== hints) {
    errs.push(
      invalid(
        'metadata.annotations[service.kubernetes.io/topology-mode]',
        mode,
        'must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified',
      ),
    );
  }
  const ports = s.ports ?? [];
  const headless = isHeadlessService(svc);
  if (ports.length === 0 && !headless && s.type !== 'ExternalName') errs.push(required('spec.ports'));
  if ((s.type === 'LoadBalancer' || s.type === 'NodePort') && headless) {
    errs.push(invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${s.type} services`));
  } else if (s.type === 'ExternalName') {
    const extName = 'may not be set for ExternalName services';
    if (s.clusterIPs?.length) errs.push(forbidden('spec.clusterIPs', extName));
    if (s.ipFamilies?.length) errs.push(forbidden('spec.ipFamilies', extName));
    if (s.ipFamilyPolicy !== undefined) errs.push(forbidden('spec.ipFamilyPolicy', extName));
    const cname = (s.externalName ?? '').replace(/\.$/, '');
    if (cname) for (const m of isDNS1123Subdomain(cname)) errs.push(invalid('spec.externalName', cname, m));
    else errs.push(required('spec.externalName'));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, `spec.ports[${i}]`)));
  if (s.selector) errs.push(...validateLabels(s.selector, 'spec.selector'));
  if (!s.sessionAffinity) errs.push(required('spec.sessionAffinity'));
  else if (s.sessionAffinity !== 'ClientIP' && s.sessionAffinity !== 'None')
    errs.push(unsupported('spec.sessionAffinity', s.sessionAffinity, ['ClientIP', 'None']));
  if (s.sessionAffinity === 'ClientIP') {
    const p = 'spec.sessionAffinityConfig';
    const why = 'when session affinity type is ClientIP';
    const cfg = s.sessionAffinityConfig;
    const t = cfg?.clientIP?.timeoutSeconds;
    if (!cfg) errs.push(required(p, why));
    else if (!cfg.clientIP) errs.push(required(`${p}.clientIP`, why));
    else if (t === undefined) errs.push(required(`${p}.clientIP.timeoutSeconds`, why));
    else if (t <= 0 || t > 86400)
      errs.push(invalid(`${p}.clientIP.timeoutSeconds`, t, 'must be greater than 0 and less than 86400'));
  } else if (s.sessionAffinity === 'None' && s.sessionAffinityConfig) {
    errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  errs.push(...validateServiceClusterIPsRelatedFields(svc));
  (s.externalIPs ?? []).forEach((ip, i) => {
    const bad = isValidIPMessages(ip);
    for (const m of bad.length ? bad : specialIPMessages(ip)) errs.push(invalid(`spec.externalIPs[${i}]`, ip, m));
  });
  if (!s.type) errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(s.type)) errs.push(unsupported('spec.type', s.type, SERVICE_TYPES));
  if (s.type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p.nodePort) errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const key = `${p.protocol ?? ''}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
    nodePorts.add(key);
  });
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol ?? ''}/${p.port}`;
    // The value is the internal core.ServicePort key, marshalled with Go's field names.
    if (seenPorts.has(key))
      errs.push(
        duplicate(`spec.ports[${i}]`, {
          Name: '',
          Protocol: p.protocol ?? '',
          AppProtocol: null,
          Port: p.port,
          TargetPort: 0,
          NodePort: 0,
        }),
      );
    seenPorts.add(key);
  });
  const ranges = s.loadBalancerSourceRanges ?? [];
  const rangesAnn = ann['service.beta.kubernetes.io/load-balancer-source-ranges'];
  if (ranges.length) {
    if (s.type !== 'LoadBalancer') errs.push(forbidden('spec.LoadBalancerSourceRanges', ONLY_LB));
    ranges.forEach((r, i) => {
      for (const m of isValidCIDRMessages(r.trim()))
        errs.push(invalid(`spec.LoadBalancerSourceRanges[${i}]`, r.trim(), m));
    });
  } else if (rangesAnn !== undefined) {
    const p = 'metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]';
    if (s.type !== 'LoadBalancer') errs.push(forbidden(p, ONLY_LB));
    if (rangesAnn.trim())
      for (const r of rangesAnn.trim().split(','))
        for (const m of isValidCIDRMessages(r.trim())) errs.push(invalid(p, r.trim(), m));
  }
  if (s.allocateLoadBalancerNodePorts !== undefined && s.type !== 'LoadBalancer')
    errs.push(forbidden('spec.allocateLoadBalancerNodePorts', ONLY_LB));
  // The real path lacks the `spec.` prefix.
  if (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts === undefined)
    errs.push(required('allocateLoadBalancerNodePorts'));
  errs.push(...validateLoadBalancerClass(svc));
  if (!externallyAccessible(svc)) {
    if (s.externalTrafficPolicy)
      errs.push(
        invalid(
          'spec.externalTrafficPolicy',
          s.externalTrafficPolicy,
          'may only be set for externally-accessible services',
        ),
      );
  } else if (!s.externalTrafficPolicy) errs.push(required('spec.externalTrafficPolicy'));
  else if (!POLICIES.includes(s.externalTrafficPolicy))
    errs.push(unsupported('spec.externalTrafficPolicy', s.externalTrafficPolicy, POLICIES));
  const hc = s.healthCheckNodePort ?? 0;
  if (!needsHealthCheck(svc)) {
    if (hc)
      errs.push(
        invalid(
          'spec.healthCheckNodePort',
          hc,
          "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
        ),
      );
  } else if (hc) {
    // A missing one is not an error here: the allocator assigns it before validation runs.
    for (const m of isValidPortNum(hc)) errs.push(invalid('spec.healthCheckNodePort', hc, m));
  }
  if (s.internalTrafficPolicy === undefined) {
    if (s.type === 'NodePort' || s.type === 'LoadBalancer' || s.type === 'ClusterIP')
      errs.push(required('spec.internalTrafficPolicy'));
  } else if (!POLICIES.includes(s.internalTrafficPolicy))
    errs.push(unsupported('spec.internalTrafficPolicy', s.internalTrafficPolicy, POLICIES));
  if (s.trafficDistribution !== undefined && !TRAFFIC_DISTRIBUTIONS.includes(s.trafficDistribution)) {
    errs.push(unsupported('spec.trafficDistribution', s.trafficDistribution, TRAFFIC_DISTRIBUTIONS));
  }
  return errs;
}

function clusterIPsUpdate(svc: Service, old: Service): E {
  if (svc.spec.type === 'ExternalName' || old.spec.type === 'ExternalName') return [];
  if (isHeadlessService(svc) && isHeadlessService(old)) return [];
  const n = svc.spec.clusterIPs ?? [];
  const o = old.spec.clusterIPs ?? [];
  const changed = 'may not change once set';
  const errs: E = [];
  if (o.length === n.length) {
    o.forEach((ip, i) => {
      if (ip !== n[i]) errs.push(invalid(`spec.clusterIPs[${i}]`, n, changed));
    });
  } else if (o.length > n.length) {
    if (n.length === 0)
      errs.push(invalid('spec.clusterIPs[0]', svc.spec.clusterIPs ?? null, 'primary clusterIP can not be unset'));
    if (n.length > 0 && n[0] !== o[0]) errs.push(invalid('spec.clusterIPs[0]', n, changed));
    if (n.length === 1 && svc.spec.ipFamilyPolicy !== 'SingleStack') {
      errs.push(
        invalid(
          'spec.ipFamilyPolicy',
          svc.spec.ipFamilyPolicy ?? null,
          "must be set to 'SingleStack' when releasing the secondary clusterIP",
        ),
      );
    }
  } else if (o.length > 0 && n[0] !== o[0]) errs.push(invalid('spec.clusterIPs[0]', n, changed));
  return errs;
}

function ipFamiliesUpdate(svc: Service, old: Service): E {
  if (svc.spec.type === 'ExternalName' || old.spec.type === 'ExternalName') return [];
  if (isHeadlessService(svc) || isHeadlessService(old)) return [];
  const n = svc.spec.ipFamilies ?? [];
  const o = old.spec.ipFamilies ?? [];
  const errs: E = [];
  if (o.length === n.length)
    o.forEach((f, i) => {
      if (f !== n[i]) errs.push(invalid('spec.ipFamilies[0]', n, 'may not change once set'));
    });
  return errs;
}

/**
 * Everything kubectl would report for this Service, allocation aside: the allocator's IP-family
 * pre-checks (which stop the request on their own), else ValidateService / ValidateServiceUpdate.
 */
export function validateService(input: Service, old?: Service, clusterFamilies: readonly IPFamily[] = ['IPv4']): E {
  const svc = input.spec ? input : { ...input, spec: {} };
  const pre = validateServiceIPFamilies(svc, old, clusterFamilies);
  return pre.length ? pre : validateServiceFields(svc, old);
}
