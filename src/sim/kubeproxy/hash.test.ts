import { describe, expect, it } from 'vitest';
import {
  base32,
  hash16Slow,
  portProtoHash,
  serviceExternalChainName,
  servicePortChainName,
  servicePortEndpointChainName,
  servicePortNameString,
  sha256Hex,
  utf8,
} from './hash';

describe('sha256 and base32', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    ['a'.repeat(1000), '41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3'],
  ])('sha256(%j)', (input, hex) => {
    expect(sha256Hex(input)).toBe(hex);
  });

  it.each([
    ['', ''],
    ['f', 'MY======'],
    ['fo', 'MZXQ===='],
    ['foo', 'MZXW6==='],
    ['foob', 'MZXW6YQ='],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI======'],
  ])('base32(%j) = %s (RFC 4648 §10)', (input, out) => {
    expect(base32(utf8(input))).toBe(out);
  });
});

describe('chain names (reference §5)', () => {
  it.each([
    [servicePortChainName('default/frontend-svc', 'tcp'), 'KUBE-SVC-YOOWV2ZAGYTT6DGH'],
    [servicePortEndpointChainName('default/frontend-svc', 'tcp', '10.244.1.5:5000'), 'KUBE-SEP-5JK2OSQYVAISTKJT'],
    [portProtoHash('default/kubernetes:https', 'tcp'), 'NPX46M4PTMTKRN6Y'],
    [servicePortChainName('default/frontend-svc', 'TCP'), 'KUBE-SVC-YOOWV2ZAGYTT6DGH'],
    // from kubernetes pkg/proxy/iptables/proxier_test.go
    [servicePortChainName('ns1/svc1:p80', 'tcp'), 'KUBE-SVC-XPGD46QRK7WJZT7O'],
    [serviceExternalChainName('ns2/svc2:p80', 'tcp'), 'KUBE-EXT-GNZBNJ2PO5MGZ6GT'],
    [servicePortEndpointChainName('ns1/svc1:p80', 'tcp', '10.180.0.1:80'), 'KUBE-SEP-SXIVWICOYRO3J4NJ'],
  ])('%s', (got, want) => {
    expect(got).toBe(want);
  });

  it('service port name string', () => {
    expect(servicePortNameString('default', 'kubernetes', 'https')).toBe('default/kubernetes:https');
    expect(servicePortNameString('default', 'frontend-svc', '')).toBe('default/frontend-svc');
  });
});

describe('fast hash16 = base32(sha256(s))[:16]', () => {
  const inputs = [
    ...Array.from({ length: 200 }, (_, n) => 'k'.repeat(n)), // every padding boundary (55, 56, 64, 119, 120, ...)
    'default/kubernetes:https',
    'kube-system/kube-dns:dns-tcp' + 'tcp' + '10.244.0.2:53',
    'ns/ümlaut-svc', // non-ASCII goes the slow way
    'x'.repeat(300),
  ];
  it.each(inputs.map((s) => [s.length > 40 ? `${s.slice(0, 20)}…(${s.length})` : s, s]))('%s', (_l, s) => {
    expect(portProtoHash(s, '')).toBe(hash16Slow(s));
  });
});
