// A link is data from a stranger: every bad one is refused with a message a person can act on, the
// promise never rejects, and nothing leaks into Object.prototype.
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, shareFromState, MAX_INFLATED } from './share';
import type { ShareErrorCode } from './share';
import { crc32, deflateRaw, toBase64Url } from './share-bytes';
import { defaultCluster } from './apply';

/** A v1 fragment around any JSON text (valid checksum and compression), to reach the later checks. */
async function pack(json: string): Promise<string> {
  const bytes = new TextEncoder().encode(json);
  const z = await deflateRaw(bytes);
  const c = crc32(bytes);
  const out = new Uint8Array(4 + z.length);
  out.set([c >>> 24, (c >>> 16) & 0xff, (c >>> 8) & 0xff, c & 0xff]);
  out.set(z, 4);
  return `#s=1.${toBase64Url(out)}`;
}

const good = async () => encodeShare(shareFromState(defaultCluster(), { verify: false }).payload);
const minimal = (extra: string) => `{"o":[],"g":{}${extra}}`;

async function expectRefused(fragment: string, code: ShareErrorCode, words?: RegExp): Promise<string> {
  const r = await decodeShare(fragment);
  expect(r.ok, fragment.slice(0, 80)).toBe(false);
  if (r.ok) return '';
  expect(r.error.code, r.error.message).toBe(code);
  expect(r.error.message.length).toBeGreaterThan(20);
  // Plain words: no stack traces, no library jargon.
  expect(r.error.message).not.toMatch(/Error:|undefined|Z_|zlib|JSON\.|at \w+ \(/);
  if (words) expect(r.error.message).toMatch(words);
  return r.error.message;
}

describe('decodeShare refuses bad links', () => {
  const table: [string, () => Promise<string>, ShareErrorCode, RegExp?][] = [
    ['empty', async () => '', 'malformed'],
    ['a bare #', async () => '#', 'malformed'],
    ["another app's fragment", async () => '#section-2', 'malformed'],
    ['s= with nothing', async () => '#s=', 'malformed'],
    ['no version separator', async () => '#s=abc', 'malformed'],
    ['version with no data', async () => '#s=1.', 'truncated'],
    ['characters outside base64url', async () => '#s=1.abc$def!', 'malformed'],
    ['unknown newer version', async () => '#s=9.AAAA', 'version', /newer version.*format 9/],
    ['version 0, never written', async () => '#s=0.AAAA', 'version', /no version of the playground ever wrote/],
    [
      'truncated in the middle',
      async () => {
        const f = await good();
        return f.slice(0, Math.floor(f.length / 2));
      },
      'truncated',
      /incomplete/,
    ],
    [
      'truncated by a few characters',
      async () => {
        const f = await good();
        return f.slice(0, -3);
      },
      'truncated',
    ],
    ['only the checksum', async () => '#s=1.AAAAAA', 'truncated'],
    [
      'random bytes',
      async () => `#s=1.${toBase64Url(new Uint8Array(64).map((_, i) => (i * 73 + 11) & 0xff))}`,
      'damaged',
    ],
    [
      'wrong checksum',
      async () => {
        const f = await pack(minimal(''));
        return f.slice(0, 5) + (f[5] === 'A' ? 'B' : 'A') + f.slice(6);
      },
      'damaged',
      /checksum/,
    ],
    ['not JSON inside', async () => pack('{"o":['), 'damaged'],
    ['too long to be a link', async () => '#s=1.' + 'A'.repeat(70_000), 'too-large', /too long/],
    [
      'a small link that inflates past the cap',
      async () => pack(`{"o":[],"g":{},"x":"${' '.repeat(MAX_INFLATED + 10)}"}`),
      'too-large',
      /1 MB/,
    ],
    ['__proto__ at the top', async () => pack(minimal(',"__proto__":{"polluted":true}')), 'forbidden', /__proto__/],
    [
      '__proto__ as a label key',
      async () => pack('{"o":[{"k":"Pod","m":{"n":"p","l":{"__proto__":"x"}}}],"g":{}}'),
      'forbidden',
    ],
    [
      'constructor holding an object',
      async () => pack('{"o":[],"g":{"constructor":{"prototype":{"polluted":true}}}}'),
      'forbidden',
      /constructor/,
    ],
    ['nested far too deep', async () => pack(`{"o":${'['.repeat(200)}${']'.repeat(200)},"g":{}}`), 'invalid', /nested/],
    ['objects is not a list', async () => pack('{"o":{},"g":{}}'), 'invalid', /objects must be a list/],
    [
      'a kind users cannot write',
      async () => pack('{"o":[{"k":"Node","m":{"n":"w9"}}],"g":{}}'),
      'invalid',
      /kind must be one of/,
    ],
    ['an object without a name', async () => pack('{"o":[{"k":"Pod","m":{}}],"g":{}}'), 'invalid', /metadata\.name/],
    ['Pod places that are not a list', async () => pack(minimal(',"pd":{"a":1}')), 'invalid', /pods must be a list/],
    [
      'a Pod place without an address',
      async () => pack(minimal(',"pd":[["default/web-abcde","worker1"]]')),
      'invalid',
      /pods\[0\] must be a Pod as \["namespace\/name", "node", "IPv4 address"\]/,
    ],
    [
      'a Pod place with a path in its name',
      async () => pack(minimal(',"pd":[["default/a/b","worker1","10.244.1.9"]]')),
      'invalid',
      /pods\[0\]/,
    ],
    [
      'a Pod place with a bad address',
      async () => pack(minimal(',"pd":[["default/web","worker1","10.244.1.999"]]')),
      'invalid',
      /pods\[0\]/,
    ],
    [
      'a port that is text',
      async () => pack('{"o":[{"k":"Service","m":{"n":"s"},"s":{"p":[{"o2":"80"}]}}],"g":{}}'),
      'invalid',
      /objects\[0\]\.spec\.ports\[0\]\.port must be a whole number/,
    ],
    [
      'a field Kubernetes does not have',
      async () => pack('{"o":[{"k":"Service","m":{"n":"s"},"s":{"selectr":{}}}],"g":{}}'),
      'invalid',
      /selectr is not a field of a Service/,
    ],
    [
      'labels that are not text',
      async () => pack('{"o":[{"k":"Pod","m":{"n":"p","l":{"a":1}}}],"g":{}}'),
      'invalid',
      /labels must be a map of text values/,
    ],
    [
      'a seed that is text',
      async () => pack('{"o":[],"g":{"se":"x"}}'),
      'invalid',
      /settings\.seed must be a whole number/,
    ],
    ['a setting nobody knows', async () => pack('{"o":[],"g":{"turbo":true}}'), 'invalid', /settings\.turbo/],
    ['machines without roles', async () => pack('{"o":[],"g":{"nd":[{"n":"a"}]}}'), 'invalid', /settings\.nodes/],
    [
      'a Service range too small for the cluster',
      async () => pack('{"o":[],"g":{"serviceSubnet":"10.96.0.0/30"}}'),
      'invalid',
      /settings\.serviceSubnet/,
    ],
    [
      'a route to a non-address',
      async () => pack('{"o":[],"g":{"er":[{"ia":"x","no":"worker1"}]}}'),
      'invalid',
      /externalRoutes/,
    ],
    ['a lesson step below zero', async () => pack(minimal(',"q":{"j":"x","sp":-1}')), 'invalid', /lesson/],
    [
      'a request to port 70000',
      async () => pack(minimal(',"x":{"sr":{"k":"client"},"tg":{"ia":"10.0.0.1","o2":70000}}')),
      'invalid',
      /trace\.target/,
    ],
    ['an unknown top-level part', async () => pack(minimal(',"extra":1')), 'invalid', /extra/],
    ['not an object at all', async () => pack('[1,2,3]'), 'invalid'],
  ];
  for (const [name, make, code, words] of table) {
    it(name, async () => {
      await expectRefused(await make(), code, words);
    });
  }

  it('never pollutes Object.prototype', async () => {
    for (const j of [
      '{"__proto__":{"polluted":1}}',
      '{"o":[{"k":"Pod","m":{"n":"p","constructor":{"prototype":{"polluted":1}}}}],"g":{}}',
    ])
      await decodeShare(await pack(j));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts "constructor" as a label key (plain text cannot pollute anything)', async () => {
    const r = await decodeShare(
      await pack(
        '{"o":[{"k":"Pod","m":{"n":"p","l":{"constructor":"x"}},"s":{"c":[{"n":"c","i":"nginx:1.29"}]}}],"g":{}}',
      ),
    );
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.payload.objects[0].metadata.labels).toEqual({ constructor: 'x' });
  });

  it('a changed character anywhere is refused, or at worst opens the very same scenario', async () => {
    const f = await good();
    const original = await decodeShare(f);
    expect(original.ok).toBe(true);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let refused = 0;
    for (let i = 5; i < f.length; i++) {
      // flip one bit of the 6 the character carries
      const c = alphabet[alphabet.indexOf(f[i]) ^ (1 << (i % 6))];
      const r = await decodeShare(f.slice(0, i) + c + f.slice(i + 1));
      if (r.ok) expect(r.payload).toEqual(original.ok && original.payload);
      else {
        refused++;
        expect(['damaged', 'truncated', 'malformed', 'invalid']).toContain(r.error.code);
      }
    }
    expect(refused).toBeGreaterThan((f.length - 5) * 0.95);
  });

  it('reads the link wherever it is in the fragment or URL', async () => {
    const f = await good();
    for (const form of [f, f.slice(1), `https://example.org/playground/${f}`, `#lesson=x&${f.slice(1)}`])
      expect((await decodeShare(form)).ok, form.slice(0, 40)).toBe(true);
  });

  it('never rejects, whatever it is given', async () => {
    for (const x of [undefined, null, 42, {}, '#s=1.' + '_'.repeat(5), '#s=1.A', '#s=999999.x', '#s=1.\u0000\u0001']) {
      const r = await decodeShare(x as unknown as string);
      expect(r.ok).toBe(false);
    }
  });
});
