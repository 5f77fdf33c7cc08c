// Link format 2 (issue 12, item 5): the Pods' placements written compactly, so that 50 objects fit in
// 2,000 characters and the large cluster (10 nodes, 200 Pods, 50 Services) in 4,000; links of format 1
// keep opening to the very same cluster.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeShare, encodeShare, rebuildFromShare, shareFromState } from './share';
import { packPods, unpackPods, type Placement } from './share-placed';
import { loadScenario } from './load';
import { fiftyObjectScenario } from './fixtures-50';
import { V1_KILLED_AND_SCALED } from './fixtures-old-links';
import { crc32, deflateRaw, toBase64Url } from './share-bytes';
import { renameKeys } from './share-keys';
import type { ClusterState } from '../model/state';

/** Services and Pods as a learner sees them: addresses, ports, nodes. */
function seen(s: ClusterState) {
  return {
    services: Object.values(s.objects.services)
      .map((v) => [v.metadata.namespace, v.metadata.name, v.spec.clusterIP, v.spec.ports?.map((p) => p.nodePort)])
      .sort(),
    pods: Object.values(s.objects.pods)
      .filter((p) => !p.metadata.deletionTimestamp)
      .map((p) => [p.metadata.namespace, p.metadata.name, p.spec.nodeName, p.status.podIP])
      .sort(),
  };
}

describe('compact placements', () => {
  it('pack and unpack give the same list, in order', () => {
    const pods: Placement[] = [
      ['default/web-7d9c8b6f4-abcde', 'worker1', '10.244.1.2'],
      ['default/web-7d9c8b6f4-fghij', 'worker2', '10.244.2.2'],
      ['default/web-7d9c8b6f4-klmno', 'worker1', '10.244.1.3'],
      ['default/busybox', 'worker1', '10.244.1.9'],
      ['default/web-7d9c8b6f4-pqrst', 'worker1', '10.244.1.4'],
      ['kube-system/a', 'worker2', '10.244.2.1'],
      ['x/y-1', 'worker3', '192.168.0.255'],
    ];
    const packed = packPods(pods)!;
    expect(packed).not.toBeNull();
    expect(unpackPods(packed)).toEqual(pods);
  });
  it('round-trips any list of placements (property)', () => {
    const name = fc.stringMatching(/^[a-z0-9]([-a-z0-9.]{0,20}[a-z0-9])?$/);
    const ip = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
    const node = fc.constantFrom('master', 'worker1', 'worker2', 'worker3');
    fc.assert(
      fc.property(fc.array(fc.tuple(name, name, node, ip), { maxLength: 60 }), (xs) => {
        const pods: Placement[] = xs.map(([ns, n, nd, a]) => [`${ns}/${n}`, nd, a]);
        const packed = packPods(pods);
        expect(packed).not.toBeNull();
        expect(unpackPods(packed)).toEqual(pods);
      }),
    );
  });
  it('refuses what it could not have written', () => {
    for (const bad of [
      null,
      'x',
      [[], []].slice(0, 1),
      [['w1'], [['p-', 5, 'abcd']]], // cut short
      [['w1'], [['p-', 5, 'abcde1=10.0.0.1;']]], // node index past the list
      [['w1'], [['p-', 5, 'abcde0']]], // no address
      [['w1'], [['p-', 5, 'abcde05']]], // a host number before any network
      [['w1'], [['p-', 5, 'abcde0=1.2.3.4']]], // no ";"
      [['w1'], [['p-', 5, 'abcde0=1.2.3.999;']]],
      [['w1'], [['p-', 5, 'abcde0=10.0.0.1;fghij0@zz']]], // host past 255
      [['w1'], [['p-', 5, 'abcde0=10.0.0.1;fghij0!']]],
      [['w1'], [['p-', 0, '']]],
      [['w1'], [['p-', 1e9, 'a']]],
    ])
      expect(unpackPods(bad)).toBeNull();
  });
  it('a link whose placements are damaged is refused with a message; both lists at once too', async () => {
    const placed = packPods([['default/a-bcdef', 'worker1', '10.244.1.2']]);
    const ok = await link(2, { objects: [], placed });
    expect((await decodeShare(ok)).ok).toBe(true);
    for (const [body, message] of [
      [
        { objects: [], placed: [['worker1'], [['default/a-', 5, 'bcdef7']]] },
        'placed must be the placements of at most 5000 Pods',
      ],
      [{ objects: [], placed, pods: [] }, 'it lists the Pods twice'],
    ] as const) {
      const d = await decodeShare(await link(2, body));
      expect(d.ok).toBe(false);
      if (!d.ok) expect(d.error.message).toContain(message);
    }
  });
});

describe('format 1 links keep opening', () => {
  it('a real format-1 link with placements (a kill and a scale-up) rebuilds the same Pods as format 2', async () => {
    const d = await decodeShare(V1_KILLED_AND_SCALED);
    if (!d.ok) throw new Error(d.error.message);
    expect(d.version).toBe(1);
    expect(d.payload.pods).toHaveLength(7);
    const again = await decodeShare(await encodeShare(d.payload));
    if (!again.ok) throw new Error(again.error.message);
    expect(again.version).toBe(2);
    expect(again.payload).toEqual(d.payload);
    expect(seen(rebuildFromShare(again.payload).state)).toEqual(seen(rebuildFromShare(d.payload).state));
  });
  it('a format-1 link cannot carry format 2\'s "placed"', async () => {
    const placed = packPods([['default/a-bcdef', 'worker1', '10.244.1.2']]);
    const d = await decodeShare(await link(1, { objects: [], placed }));
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.error.message).toContain('"placed" is not part of a playground link');
  });
});

/** A fragment of the given format around a body (long field names), with a valid checksum. */
async function link(version: number, body: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(renameKeys(body, 'encode')));
  const z = await deflateRaw(bytes);
  const c = crc32(bytes);
  const out = new Uint8Array(4 + z.length);
  out.set([c >>> 24, (c >>> 16) & 0xff, (c >>> 8) & 0xff, c & 0xff]);
  out.set(z, 4);
  return `#s=${version}.${toBase64Url(out)}`;
}

describe('format 2 links', () => {
  it('up to 50 objects in at most 2,000 characters (the large cluster: src/bench/share-budget.test.ts)', async () => {
    const small = shareFromState(loadScenario(fiftyObjectScenario()).state!);
    expect(small.payload.objects).toHaveLength(50);
    const smallLink = await encodeShare(small.payload);
    expect(smallLink.startsWith('#s=2.')).toBe(true);
    expect(smallLink.length).toBeLessThanOrEqual(2000);
  });
});
