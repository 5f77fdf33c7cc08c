import { describe, expect, it } from 'vitest';
import {
  duplicate,
  errorBody,
  errorString,
  forbidden,
  formatInvalid,
  goJSON,
  goMap,
  goQuote,
  internalError,
  invalid,
  notFound,
  required,
  statusMessage,
  tooLong,
  unsupported,
  type FieldError,
} from './fielderrors';

describe('errorBody renders field.Error.ErrorBody()', () => {
  const cases: [string, FieldError, string][] = [
    ['Required without detail', required('spec.ports'), 'Required value'],
    [
      'Required with detail',
      required('metadata.name', 'name or generateName is required'),
      'Required value: name or generateName is required',
    ],
    [
      'Forbidden shows no value',
      forbidden('spec.ports[0].nodePort', "may not be used when `type` is 'ClusterIP'"),
      "Forbidden: may not be used when `type` is 'ClusterIP'",
    ],
    [
      'number bare',
      invalid('spec.ports[0].port', 70000, 'must be between 1 and 65535, inclusive'),
      'Invalid value: 70000: must be between 1 and 65535, inclusive',
    ],
    [
      'negative number',
      invalid('spec.replicas', -1, 'must be greater than or equal to 0'),
      'Invalid value: -1: must be greater than or equal to 0',
    ],
    ['boolean bare', invalid('x', true, 'no'), 'Invalid value: true: no'],
    [
      'string Go-quoted',
      invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for NodePort services"),
      `Invalid value: "None": may not be set to 'None' for NodePort services`,
    ],
    [
      'list as JSON',
      invalid('spec.clusterIPs[0]', ['10.96.0.99'], 'may not change once set'),
      'Invalid value: ["10.96.0.99"]: may not change once set',
    ],
    [
      'map as JSON',
      invalid('spec.template.metadata.labels', goMap({ b: '2', app: 'web' }), 'x'),
      'Invalid value: {"app":"web","b":"2"}: x',
    ],
    ['nil as null', invalid('spec.ipFamilyPolicy', null, 'x'), 'Invalid value: null: x'],
    [
      'Unsupported lists quoted values',
      unsupported('spec.type', 'Foo', ['ClusterIP', 'ExternalName']),
      'Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName"',
    ],
    ['Duplicate has no detail', duplicate('spec.ports[1].name', 'http'), 'Duplicate value: "http"'],
    ['Duplicate number', duplicate('spec.ports[1].nodePort', 30080), 'Duplicate value: 30080'],
    [
      'Too long hides the value',
      tooLong('metadata.annotations', 262144),
      'Too long: may not be more than 262144 bytes',
    ],
    ['Too long singular', tooLong('x', 1), 'Too long: may not be more than 1 byte'],
    ['Not found shows the value', notFound('spec.x', 'y'), 'Not found: "y"'],
    ['Internal error shows only the detail', internalError('spec.clusterIPs', 'failed'), 'Internal error: failed'],
  ];
  it.each(cases)('%s', (_name, e, want) => expect(errorBody(e)).toBe(want));

  it('prefixes the path', () => {
    expect(errorString(invalid('spec.ports[0].port', 0, 'm'))).toBe('spec.ports[0].port: Invalid value: 0: m');
  });
});

describe('Go quoting and JSON', () => {
  it.each([
    ['plain', 'abc', '"abc"'],
    ['quote and backslash', 'a"b\\c', '"a\\"b\\\\c"'],
    ['newline and tab', 'a\nb\tc', '"a\\nb\\tc"'],
    ['control char', '\x01', '"\\x01"'],
    ['unicode printable kept', 'héllo', '"héllo"'],
    ['HTML chars kept by %q', '<a&b>', '"<a&b>"'],
  ])('goQuote %s', (_n, s, want) => expect(goQuote(s)).toBe(want));

  it('json escapes HTML characters as Go does', () => {
    expect(goJSON(['<a&b>'])).toBe('["\\u003ca\\u0026b\\u003e"]');
  });
  it('json keeps insertion order for structs', () => {
    expect(goJSON({ Name: '', Protocol: 'TCP', AppProtocol: null, Port: 80, TargetPort: 0, NodePort: 0 })).toBe(
      '{"Name":"","Protocol":"TCP","AppProtocol":null,"Port":80,"TargetPort":0,"NodePort":0}',
    );
  });
  it('goMap sorts keys and keeps nil', () => {
    expect(goJSON(goMap({ z: '1', a: '2' }))).toBe('{"a":"2","z":"1"}');
    expect(goJSON(goMap(undefined))).toBe('null');
  });
});

describe('formatInvalid renders kubectl checkErr', () => {
  it('one cause inline', () => {
    expect(
      formatInvalid('Service', 'frontend-svc', [
        invalid('spec.ports[0].port', 70000, 'must be between 1 and 65535, inclusive'),
      ]),
    ).toBe(
      'The Service "frontend-svc" is invalid: spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
    );
  });
  it('several causes as a list after a trailing space and a newline', () => {
    const errs = [
      invalid('spec.ports[0].port', 70000, 'must be between 1 and 65535, inclusive'),
      unsupported('spec.ports[0].protocol', 'HTTP', ['SCTP', 'TCP', 'UDP']),
    ];
    expect(formatInvalid('Service', 'frontend-svc', errs)).toBe(
      'The Service "frontend-svc" is invalid: \n' +
        '* spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive\n' +
        '* spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    );
  });
  it('drops repeated causes', () => {
    const e = invalid('metadata.labels', 'a b', 'bad');
    expect(formatInvalid('Service', 'x', [e, { ...e }])).toBe(
      'The Service "x" is invalid: metadata.labels: Invalid value: "a b": bad',
    );
  });
  it('no causes', () => expect(formatInvalid('Pod', 'p', [])).toBe('The Pod "p" is invalid'));
  it('an empty name is still quoted', () => {
    expect(formatInvalid('Service', '', [required('metadata.name', 'name or generateName is required')])).toBe(
      'The Service "" is invalid: metadata.name: Required value: name or generateName is required',
    );
  });
  it('the apiserver Status message aggregates in brackets', () => {
    expect(statusMessage('Deployment.apps', 'web', [required('spec.selector'), required('spec.template')])).toBe(
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template: Required value]',
    );
    expect(statusMessage('Service', 's', [required('spec.ports')])).toBe(
      'Service "s" is invalid: spec.ports: Required value',
    );
  });
});
