import { describe, expect, it } from 'vitest';
import {
  base32,
  hash16Slow,
  K,
  portProtoHash,
  serviceExternalChainName,
  servicePortChainName,
  servicePortEndpointChainName,
  servicePortNameString,
  sha256Hex,
  utf8,
} from './hash';

describe('sha256 and base32', () => {
  it('round constants: FIPS 180-4 section 4.2.2, as printed there', () => {
    // (the table, from the standard; hash.ts works it out from the cube roots of the first 64 primes)
    const table = `428a2f98 71374491 b5c0fbcf e9b5dba5 3956c25b 59f111f1 923f82a4 ab1c5ed5
      d807aa98 12835b01 243185be 550c7dc3 72be5d74 80deb1fe 9bdc06a7 c19bf174
      e49b69c1 efbe4786 0fc19dc6 240ca1cc 2de92c6f 4a7484aa 5cb0a9dc 76f988da
      983e5152 a831c66d b00327c8 bf597fc7 c6e00bf3 d5a79147 06ca6351 14292967
      27b70a85 2e1b2138 4d2c6dfc 53380d13 650a7354 766a0abb 81c2c92e 92722c85
      a2bfe8a1 a81a664b c24b8b70 c76c51a3 d192e819 d6990624 f40e3585 106aa070
      19a4c116 1e376c08 2748774c 34b0bcb5 391c0cb3 4ed8aa4a 5b9cca4f 682e6ff3
      748f82ee 78a5636f 84c87814 8cc70208 90befffa a4506ceb bef9a3f7 c67178f2`;
    expect([...K].map((k) => k.toString(16).padStart(8, '0'))).toEqual(table.trim().split(/\s+/));
  });
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
