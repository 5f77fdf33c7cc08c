import { describe, expect, it } from 'vitest';
import { JsonPathError, jsonpath, relaxedJsonPathExpression } from './jsonpath';
import { listOf, toApiJson } from './serialize';
import { EPOCH, MIN, frontendSvc, pod } from './test-fixtures';

const list = listOf([
  toApiJson(pod('web-a', 5 * MIN, { ready: true, ip: '10.244.1.5' }), EPOCH),
  toApiJson(pod('web-b', 5 * MIN, { ready: true, ip: '10.244.2.7' }), EPOCH),
]);
const svc = toApiJson(frontendSvc(), EPOCH);

describe('kubectl -o jsonpath', () => {
  it.each([
    ['{.items[0].metadata.name}', list, 'web-a'],
    ['{.items[*].status.podIP}', list, '10.244.1.5 10.244.2.7'],
    ['{.items[-1].metadata.name}', list, 'web-b'],
    ['{.spec.clusterIP}', svc, '10.101.34.7'],
    ['{.spec.ports[0].nodePort}', svc, '31842'],
    ['{.spec.selector}', svc, '{"app":"frontend"}'],
    ['{.metadata.labels.app}', svc, 'frontend'],
    ["{.metadata.labels['app']}", svc, 'frontend'],
    ['{.spec.missing}', svc, ''],
    ['{.items[*].metadata.name}{"\\n"}', list, 'web-a web-b\n'],
    ['name={.metadata.name} ip={.spec.clusterIP}', svc, 'name=frontend-svc ip=10.101.34.7'],
    ['{..podIP}', list, '10.244.1.5 10.244.2.7'],
    ['{.items[0:1].metadata.name}', list, 'web-a'],
    // without braces the template is plain text, as in kubectl
    ['.spec.clusterIP', svc, '.spec.clusterIP'],
  ])('%s', (tpl, data, want) => {
    expect(jsonpath(data, tpl)).toBe(want);
  });

  it('an index past the end is an error', () => {
    expect(() => jsonpath(list, '{.items[5]}')).toThrow(
      new JsonPathError('array index out of bounds: index 5, length 2'),
    );
  });

  it('relaxed expressions (sort-by, custom-columns)', () => {
    expect(relaxedJsonPathExpression('.metadata.name')).toBe('{.metadata.name}');
    expect(relaxedJsonPathExpression('{metadata.name}')).toBe('{.metadata.name}');
    expect(jsonpath(svc, relaxedJsonPathExpression('spec.clusterIP'))).toBe('10.101.34.7');
  });
});
