// The console's `sleep` (issue 12, item 3): at the top of a line the console runs the clock itself
// (ShellIO.sleepLater), so the line stops at the sleep and continueLine runs what follows; anywhere
// else — $(...), a pipe, `!`, kubesim — it runs the clock at once, as before. The list semantics are
// bash's: `a && b` runs b only when a succeeded, `a || b` only when it failed, `;` always.
import { describe, expect, it } from 'vitest';
import { defaultCluster } from '../scenario/apply';
import { createSession } from './session';
import { continueLine, runLine } from './run';

function consoleShell() {
  const state = defaultCluster();
  const session = createSession();
  const io = { sleepLater: true };
  return { state, session, run: (line: string) => runLine(state, session, line, io), io };
}

describe('a top-level sleep is left to the console', () => {
  it('the line stops at the sleep: nothing after it ran, the clock has not moved', () => {
    const { state, session, run, io } = consoleShell();
    const t = state.now;
    const r = run('echo before; sleep 90 && echo after; echo last');
    expect(r.stdout).toBe('before\n');
    expect(r.exitCode).toBe(0);
    expect(r.sleep?.ms).toBe(90_000);
    expect(state.now).toBe(t);
    // the console ran the clock; the rest of the line runs with the sleep's success
    state.now += 90_000;
    const rest = continueLine(state, session, r.sleep!.rest, io);
    expect(rest.stdout).toBe('after\nlast\n');
    expect(rest.sleep).toBeUndefined();
  });
  it('`sleep 1 || echo failed` skips the || branch after the sleep', () => {
    const { session, state, run, io } = consoleShell();
    const r = run('sleep 1 || echo failed');
    expect(continueLine(state, session, r.sleep!.rest, io).stdout).toBe('');
  });
  it('a second sleep in the rest stops the line again', () => {
    const { session, state, run, io } = consoleShell();
    const r = run('sleep 1; echo one; sleep 2m; echo two');
    const r2 = continueLine(state, session, r.sleep!.rest, io);
    expect(r2.stdout).toBe('one\n');
    expect(r2.sleep?.ms).toBe(120_000);
    expect(continueLine(state, session, r2.sleep!.rest, io).stdout).toBe('two\n');
  });
  it('the console sleeps up to 7d (in slices); 7d1s is refused at once, the clock not moved', () => {
    const { state, run } = consoleShell();
    expect(run('sleep 7d').sleep?.ms).toBe(7 * 86400_000);
    const t = state.now;
    const r = run('sleep 7d 1s');
    expect(r.sleep).toBeUndefined();
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("sleep: the playground's clock runs at most 7d in one sleep");
    expect(state.now).toBe(t);
  });
  it('inside $(...) the bound stays 6h (that sleep runs the clock at once)', () => {
    const { state, run } = consoleShell();
    const t = state.now;
    expect(run('echo $(sleep 7h)').stderr).toContain('at most 6h in one sleep');
    expect(state.now).toBe(t);
  });
  for (const line of ['echo $(sleep 30)', 'sleep 30 | cat', '! sleep 30', 'sh -c "sleep 30"'])
    it(`\`${line}\` runs the clock at once (not the line's own sleep)`, () => {
      const { state, run } = consoleShell();
      const t = state.now;
      const r = run(line);
      expect(r.sleep).toBeUndefined();
      expect(state.now).toBe(t + 30_000);
    });
  it('without sleepLater (kubesim) every sleep runs the clock at once', () => {
    const state = defaultCluster();
    const t = state.now;
    const r = runLine(state, createSession(), 'sleep 30; echo done');
    expect(r.sleep).toBeUndefined();
    expect(r.stdout).toBe('done\n');
    expect(state.now).toBe(t + 30_000);
  });
});
