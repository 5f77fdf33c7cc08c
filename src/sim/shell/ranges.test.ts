// Numbers are range-checked where they enter (issue 12, item 2): replicas is an int32 on a real
// apiserver, and kubectl's int flags are Go's 64-bit ints. Wording: Go's encoding/json
// UnmarshalTypeError ("json: cannot unmarshal number <literal> into Go struct field <Struct>.<path> of
// type int32") and strconv.ParseInt's ErrRange ("value out of range") as pflag wraps it.
import { describe, expect, it } from 'vitest';
import { shellOn } from './test-helpers';

describe('replicas beyond int32 and flags beyond int64 are refused; nothing changes', () => {
  it('kubectl scale --replicas=2147483648', () => {
    const { run, state } = shellOn();
    const before = state.objects.deployments['default/frontend'].spec.replicas;
    const r = run('kubectl scale deployment frontend --replicas=2147483648');
    expect(r.stderr).toBe(
      'Error from server (BadRequest): json: cannot unmarshal number 2147483648 into Go struct field ScaleSpec.spec.replicas of type int32\n',
    );
    expect(state.objects.deployments['default/frontend'].spec.replicas).toBe(before);
  });
  it('kubectl scale --replicas=99999999999999999999 (past int64)', () => {
    const { run } = shellOn();
    expect(run('kubectl scale deployment frontend --replicas=99999999999999999999').stderr).toContain(
      'invalid argument "99999999999999999999" for "--replicas" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range',
    );
  });
  for (const [v, shown] of [
    ['1e308', '1e+308'],
    ['2147483648', '2147483648'],
    ['-2147483649', '-2147483649'],
    ['1.5', '1.5'],
  ])
    it(`replicas: ${v} in applied YAML`, () => {
      const { run, state } = shellOn();
      run(
        `cat > d.yaml <<'EOF'\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: big\nspec:\n  replicas: ${v}\n  selector:\n    matchLabels: {app: big}\n  template:\n    metadata:\n      labels: {app: big}\n    spec:\n      containers:\n      - name: c\n        image: nginx\nEOF`,
      );
      const r = run('kubectl apply -f d.yaml');
      expect(r.stderr).toContain(
        `Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number ${shown} into Go struct field Deployment.spec.replicas of type int32`,
      );
      expect(state.objects.deployments['default/big']).toBeUndefined();
    });
});

describe('sleep has a sane maximum (F7)', () => {
  for (const arg of ['365d', '9'.repeat(400), '6h 1s'])
    it(`sleep ${arg.slice(0, 12)} is refused at once; the clock does not move`, () => {
      const { run, state } = shellOn();
      const now = state.now;
      const r = run(`sleep ${arg}`);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain("sleep: the playground's clock runs at most 6h in one sleep");
      expect(state.now).toBe(now);
      expect(run('date').stdout).not.toContain('NaN');
    });
  it('sleep 6h runs the cluster for six hours', () => {
    const { run, state } = shellOn();
    const now = state.now;
    expect(run('sleep 6h').exitCode).toBe(0);
    expect(state.now).toBe(now + 6 * 3600 * 1000);
  });
});

describe('F8: nesting at any depth is refused cleanly', () => {
  for (const n of [2000, 9000, 50000])
    it(`"$( nested ${n} times`, () => {
      const { run } = shellOn();
      const r = run(`echo ${'"$('.repeat(n)}`);
      expect(r.stderr).toContain('command substitution: nested too deeply');
      expect(run('echo ok').stdout).toBe('ok\n');
    });
});
