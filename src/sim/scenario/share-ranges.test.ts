// Numbers in a link are range-checked where they enter (issue 12, F1): an epoch of 2^53−1 crashed
// Date.toISOString on every render and was autosaved; now the link is refused and nothing changes.
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, rebuildFromShare, traceFromShare } from './share';
import { MAX_EPOCH_MS } from '../time/clock';
import { rfc3339 } from '../time/clock';

describe('settings.epoch in a link', () => {
  for (const epoch of [2 ** 53 - 1, -(2 ** 53 - 1), -1, 1e20, MAX_EPOCH_MS + 1]) {
    it(`${epoch} is refused with a message naming the field`, async () => {
      const frag = await encodeShare({ objects: [], settings: { epoch } } as never);
      const r = await decodeShare(frag);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/settings\.epoch must be a time in ms from 0 \(1970\)/);
    });
  }
  it('the largest accepted epoch still prints as a date a century later', async () => {
    const r = await decodeShare(await encodeShare({ objects: [], settings: { epoch: MAX_EPOCH_MS } } as never));
    expect(r.ok).toBe(true);
    expect(rfc3339(MAX_EPOCH_MS, 100 * 365 * 86_400_000)).toMatch(/^9999-/);
  });
});

describe('replicas in a link', () => {
  for (const replicas of [2147483648, 1e308, -2147483649])
    it(`${replicas} is refused as an int32`, async () => {
      const frag = await encodeShare({
        objects: [
          {
            kind: 'Deployment',
            metadata: { name: 'big' },
            spec: {
              replicas,
              selector: { matchLabels: { app: 'big' } },
              template: { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
            },
          },
        ],
      } as never);
      const r = await decodeShare(frag);
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.error.message).toContain(
          'objects[0].spec.replicas must be a whole number from -2147483648 to 2147483647 (an int32)',
        );
    });
});

// Issue 12, item 7: every number a link carries, made huge or negative, is refused with a message naming
// the field, or opens to a cluster whose clock and timestamps are real numbers; nothing throws.
describe('every numeric field of a link, huge or negative', () => {
  /** A link with a number in every place a link has one. */
  const rich = (): Record<string, unknown> => ({
    objects: [
      {
        kind: 'Deployment',
        metadata: { name: 'web', labels: { app: 'web' } },
        spec: {
          replicas: 2,
          minReadySeconds: 1,
          revisionHistoryLimit: 3,
          progressDeadlineSeconds: 600,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              terminationGracePeriodSeconds: 5,
              containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] }],
            },
          },
        },
      },
      {
        kind: 'Service',
        metadata: { name: 'web' },
        spec: {
          type: 'NodePort',
          selector: { app: 'web' },
          sessionAffinity: 'ClientIP',
          sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } },
          ports: [{ port: 80, targetPort: 80, nodePort: 30080 }],
        },
      },
    ],
    settings: {
      seed: 7,
      epoch: 1_700_000_000_000,
      kubeProxy: { minSyncPeriodMs: 1000, watchDelayMs: 100 },
    },
    lesson: { id: 'x', step: 1 },
    trace: { source: { kind: 'client' }, target: { ip: '10.40.41.11', port: 30080 }, rng: 5 },
    pods: [['default/web-abc-x1y2z', 'worker1', '10.244.1.9']],
  });
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, p: (string | number)[]) => {
    if (typeof v === 'number') paths.push(p);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) walk(x, [...p, Array.isArray(v) ? Number(k) : k]);
  };
  walk(rich(), []);

  it('the rich link itself opens', async () => {
    expect(paths.length).toBeGreaterThanOrEqual(17);
    const r = await decodeShare(await encodeShare(rich() as never));
    expect(r.ok).toBe(true);
  });

  for (const p of paths)
    it(`${p.join('.')}`, async () => {
      for (const bad of [2 ** 53 - 1, -(2 ** 53 - 1), 1e308, -1, 2 ** 31, 0.5]) {
        const payload = rich();
        let o = payload as Record<string | number, unknown>;
        for (const k of p.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
        o[p.at(-1)!] = bad;
        const r = await decodeShare(await encodeShare(payload as never));
        if (!r.ok) {
          // the message names where the number was (its last field, at least)
          expect(r.error.code).toBe('invalid');
          expect(r.error.message).toMatch(new RegExp(String(p.filter((k) => typeof k === 'string').at(-1))));
          continue;
        }
        const { state } = rebuildFromShare(r.payload);
        expect(Number.isFinite(state.now)).toBe(true);
        expect(() => rfc3339(state.settings.epoch ?? 0, state.now)).not.toThrow();
        if (r.payload.trace) expect(() => traceFromShare(structuredClone(state), r.payload.trace!)).not.toThrow();
      }
    }, 60_000);
});

describe('large counts in a link', () => {
  const pod = (i: number) => ({
    kind: 'Pod',
    metadata: { name: `p${i}` },
    spec: { containers: [{ name: 'c', image: 'x' }] },
  });
  it('2,001 objects are refused, saying how many it takes', async () => {
    const r = await decodeShare(
      await encodeShare({ objects: Array.from({ length: 2001 }, (_, i) => pod(i)) } as never),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('more than 2000 objects');
  });
  it('5,001 Pod placements are refused, in either format', async () => {
    const pods = Array.from({ length: 5001 }, (_, i) => [
      `default/p-${String(i).padStart(5, '0')}`,
      'worker1',
      '10.244.1.2',
    ]);
    const r = await decodeShare(await encodeShare({ objects: [], pods } as never));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('at most 5000 Pods');
  });
});
