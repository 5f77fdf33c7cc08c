import { test } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import LZString from 'lz-string';
import { userObjects, toManifest } from './user-objects';
import { defaultCluster, loadScenario } from './load';
import { fiftyObjectScenario } from './fixtures-50';
test('x', () => {
  for (const st of [defaultCluster(), loadScenario(fiftyObjectScenario()).state!]) {
  const t0 = performance.now();
  const objs = userObjects(st).map((o) => toManifest(o));
  console.log('n', objs.length, 'ms', performance.now() - t0);
  const json = JSON.stringify(objs.map(({ apiVersion, ...r }) => r));
  console.log('json', json.length, 'deflate b64', Math.ceil(deflateRawSync(json, { level: 9 }).length * 4 / 3), 'lz', LZString.compressToEncodedURIComponent(json).length);
  }
});
