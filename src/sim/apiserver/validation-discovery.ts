// discovery.k8s.io/v1 EndpointSlice: the defaults and the validation a hand-written slice meets
// (pkg/apis/discovery/v1/defaults.go SetDefaults_EndpointPort; pkg/apis/discovery/validation/validation.go
// ValidateEndpointSlice: addressType, at least one address per endpoint, IPv4 addresses that are valid and
// not special; ports' protocols).
import type { EndpointSlice, EndpointsV1 } from '../model/types';
import { type FieldError, invalid, required, unsupported } from './fielderrors';
import { nameIsDNSSubdomain } from './names';
import { validateObjectMeta, validateObjectMetaUpdate } from './validation-meta';
import { isIPv4 } from '../lib/ip';

/** SetDefaults_EndpointPort: name "" and protocol TCP. */
export function defaultEndpointSlice(e: EndpointSlice): EndpointSlice {
  const n = structuredClone(e);
  n.endpoints = n.endpoints ?? [];
  // EndpointConditions is a struct, not a pointer: always there, its fields nil (ready unset reads as ready)
  for (const ep of n.endpoints) if (!ep.conditions) ep.conditions = {};
  for (const p of n.ports ?? []) {
    if (p.name === undefined) p.name = '';
    if (!p.protocol) p.protocol = 'TCP';
  }
  return n;
}

/** ValidateNonSpecialIP */
function nonSpecial(ip: string, path: string): FieldError[] {
  const [a, b, c] = ip.split('.').map(Number);
  if (ip === '0.0.0.0') return [invalid(path, ip, 'may not be unspecified (0.0.0.0, ::)')];
  if (a === 127) return [invalid(path, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)')];
  if (a === 169 && b === 254)
    return [invalid(path, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)')];
  if (a === 224 && b === 0 && c === 0)
    return [invalid(path, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)')];
  return [];
}

export function validateEndpointSlice(e: EndpointSlice, old?: EndpointSlice): FieldError[] {
  const errs: FieldError[] = old
    ? validateObjectMetaUpdate(e.metadata, old.metadata)
    : validateObjectMeta(e.metadata, nameIsDNSSubdomain, true);
  const types = ['IPv4', 'IPv6', 'FQDN'];
  if (!e.addressType) errs.push(required('addressType'));
  else if (!types.includes(e.addressType)) errs.push(unsupported('addressType', e.addressType, types));
  else if (old && old.addressType !== e.addressType)
    errs.push(invalid('addressType', e.addressType, 'field is immutable'));
  (e.endpoints ?? []).forEach((ep, i) => {
    const path = `endpoints[${i}].addresses`;
    if (!ep.addresses?.length) errs.push(required(path, 'must contain at least 1 address'));
    (ep.addresses ?? []).forEach((a, j) => {
      if (e.addressType !== 'IPv4') return;
      if (!isIPv4(a)) errs.push(invalid(`${path}[${j}]`, a, 'must be a valid IPv4 address'));
      else errs.push(...nonSpecial(a, `${path}[${j}]`));
    });
  });
  (e.ports ?? []).forEach((p, i) => {
    if (!['TCP', 'UDP', 'SCTP'].includes(p.protocol))
      errs.push(unsupported(`ports[${i}].protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
  });
  return errs;
}

/** SetDefaults_EndpointPort (core/v1): protocol TCP. */
export function defaultEndpoints(e: EndpointsV1): EndpointsV1 {
  const n = structuredClone(e);
  for (const ss of n.subsets ?? []) for (const p of ss.ports ?? []) if (!p.protocol) p.protocol = 'TCP';
  return n;
}

/** ValidateEndpoints (pkg/apis/core/validation): each address a valid, non-special IP; ports valid. */
export function validateEndpoints(e: EndpointsV1, old?: EndpointsV1): FieldError[] {
  const errs: FieldError[] = old
    ? validateObjectMetaUpdate(e.metadata, old.metadata)
    : validateObjectMeta(e.metadata, nameIsDNSSubdomain, true);
  (e.subsets ?? []).forEach((ss, i) => {
    const addr = (
      list: EndpointsV1['subsets'] extends (infer T)[] | undefined ? T : never,
      key: 'addresses' | 'notReadyAddresses',
    ) =>
      (list[key] ?? []).forEach((a, j) => {
        const path = `subsets[${i}].${key}[${j}].ip`;
        if (!isIPv4(a.ip ?? '')) errs.push(invalid(path, a.ip, 'must be a valid IP address'));
        else errs.push(...nonSpecial(a.ip, path));
      });
    addr(ss, 'addresses');
    addr(ss, 'notReadyAddresses');
    (ss.ports ?? []).forEach((p, j) => {
      if (!(p.port >= 1 && p.port <= 65535))
        errs.push(invalid(`subsets[${i}].ports[${j}].port`, p.port, 'must be between 1 and 65535, inclusive'));
    });
  });
  return errs;
}
