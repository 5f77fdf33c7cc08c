// The warnings the apiserver returns with a Service it accepts (kubernetes pkg/api/service/warnings.go
// GetWarningsForService, from the strategy's WarningsOnCreate / WarningsOnUpdate after validation
// passed); kubectl prints each as "Warning: ..." on stderr. Kubernetes 1.34 still accepts legacy IP
// forms (the StrictIPCIDRValidation gate is alpha and off) but warns about them.
import type { Service } from '../model/types';
import { parseIPSloppy } from './ip-parse';

/**
 * apimachinery util/validation GetWarningsForIP: an address ParseIPSloppy accepts but netip.ParseAddr
 * does not (leading zeros), or an IPv4-mapped IPv6 one, is named with its preferred form.
 */
function warningsForIP(path: string, value: string): string[] {
  const ip = parseIPSloppy(value);
  if (!ip || ip.family !== 'IPv4') return [];
  const preferred = ip.bytes.join('.');
  if (value === preferred) return [];
  return [
    `${path}: non-standard IP address ${JSON.stringify(value)} will be considered invalid in a future Kubernetes release: use ${JSON.stringify(preferred)}`,
  ];
}

const TOPOLOGY_HINTS = 'service.kubernetes.io/topology-aware-hints';
const TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';

export function serviceWarnings(svc: Service): string[] {
  const s = svc.spec;
  const out: string[] = [];
  if (svc.metadata.annotations?.[TOPOLOGY_HINTS] !== undefined)
    out.push(`annotation ${TOPOLOGY_HINTS} is deprecated, please use ${TOPOLOGY_MODE} instead`);
  // helper.IsServiceIPSet: a ClusterIP that is set and not None
  if (s.clusterIP && s.clusterIP !== 'None')
    (s.clusterIPs ?? []).forEach((ip, i) => out.push(...warningsForIP(`spec.clusterIPs[${i}]`, ip)));
  const headless = s.type === 'ClusterIP' && s.clusterIP === 'None';
  if (headless) {
    if (s.loadBalancerIP) out.push('spec.loadBalancerIP is ignored for headless services');
    if (s.externalIPs?.length) out.push('spec.externalIPs is ignored for headless services');
    if (s.sessionAffinity !== undefined && s.sessionAffinity !== 'None')
      out.push('spec.SessionAffinity is ignored for headless services');
  }
  (s.externalIPs ?? []).forEach((ip, i) => out.push(...warningsForIP(`spec.externalIPs[${i}]`, ip)));
  if (s.loadBalancerIP) out.push(...warningsForIP('spec.loadBalancerIP', s.loadBalancerIP));
  if (s.type === 'ExternalName' && s.externalIPs?.length)
    out.push('spec.externalIPs is ignored when spec.type is "ExternalName"');
  if (s.type !== 'ExternalName' && s.externalName)
    out.push('spec.externalName is ignored when spec.type is not "ExternalName"');
  return out;
}
