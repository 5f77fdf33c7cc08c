// Numbers in a link are range-checked where they enter (issue 12, F1): an epoch of 2^53−1 crashed
// Date.toISOString on every render and was autosaved; now the link is refused and nothing changes.
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare } from './share';
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
