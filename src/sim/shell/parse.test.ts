import { describe, expect, it } from 'vitest';
import { parse } from './parse';
import { shellOn } from './test-helpers';

describe('parser', () => {
  it('reads quotes, variables, substitutions, pipes and lists', () => {
    const p = parse(`POD=$(kubectl get pods -o name | head -1) && echo "x $POD" 'y $POD' || true; ls`);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.script).toHaveLength(2);
    expect(p.script[0].items.map((i) => i.op)).toEqual([null, '&&', '||']);
    expect(p.script[0].items[0].pipe.cmds[0].assigns[0].name).toBe('POD');
    expect(p.script[0].items[0].pipe.cmds[0].assigns[0].value.parts[0]).toEqual({
      t: 'cmd',
      src: 'kubectl get pods -o name | head -1',
      q: 0,
    });
  });

  it('asks for more input for an open quote, a trailing pipe or an unfinished heredoc', () => {
    expect(parse(`echo "abc`)).toEqual({ ok: false, incomplete: true });
    expect(parse(`kubectl get pods |`)).toEqual({ ok: false, incomplete: true });
    expect(parse(`cat <<EOF\napiVersion: v1`)).toEqual({ ok: false, incomplete: true });
    expect(parse(`cat <<EOF\na\nEOF`).ok).toBe(true);
  });

  it("reports bash's syntax error", () => {
    expect(parse('| grep x')).toEqual({ ok: false, error: "syntax error near unexpected token `|'" });
    expect(parse('echo a ;; echo b')).toMatchObject({ ok: false });
  });
});

describe('the shell', () => {
  const sh = shellOn();

  it('expands variables and command substitution, and splits unquoted results', () => {
    expect(sh.run('A="a  b"; echo $A; echo "$A"').stdout).toBe('a b\na  b\n');
    expect(sh.run('X=$(echo one; echo two); echo "[$X]"').stdout).toBe('[one\ntwo]\n');
    expect(sh.run("echo '$HOME' $HOME ~").stdout).toBe('$HOME /root /root\n');
    expect(sh.run('false; echo $?').stdout).toBe('1\n');
  });

  it('runs && and || by exit code', () => {
    expect(sh.run('true && echo yes || echo no').stdout).toBe('yes\n');
    expect(sh.run('false && echo yes || echo no').stdout).toBe('no\n');
  });

  it('pipes to grep, head, tail, wc -l and sort', () => {
    const text = 'printf "b\\nA\\nc\\na\\n"';
    expect(sh.run(`${text} | grep -i a`).stdout).toBe('A\na\n');
    expect(sh.run(`${text} | grep -v a`).stdout).toBe('b\nA\nc\n');
    expect(sh.run(`${text} | grep -c -E '^(a|b)$'`).stdout).toBe('2\n');
    expect(sh.run(`${text} | head -2`).stdout).toBe('b\nA\n');
    expect(sh.run(`${text} | tail -n 1`).stdout).toBe('a\n');
    expect(sh.run(`${text} | wc -l`).stdout).toBe('4\n');
    expect(sh.run(`${text} | sort`).stdout).toBe('A\na\nb\nc\n');
    expect(sh.run(`${text} | grep zzz`).exitCode).toBe(1);
  });

  it('writes files with > and heredocs, and reads them back', () => {
    sh.run('echo hello > /tmp/a.txt');
    sh.run('echo again >> /tmp/a.txt');
    expect(sh.run('cat /tmp/a.txt').stdout).toBe('hello\nagain\n');
    expect(sh.run('N=3\ncat > f.yaml <<EOF\nreplicas: $N\nEOF\ncat f.yaml').stdout).toBe('replicas: 3\n');
    expect(sh.run("cat > g.yaml <<'EOF'\nreplicas: $N\nEOF\ncat g.yaml").stdout).toBe('replicas: $N\n');
    expect(sh.run('cat nope.txt')).toMatchObject({ stderr: 'cat: nope.txt: No such file or directory\n', exitCode: 1 });
  });

  it('keeps a heredoc typed line by line until its delimiter', () => {
    const s = shellOn(sh.state);
    expect(s.run('cat <<EOF | wc -l').more).toBe(true);
    expect(s.prompt()).toBe('>');
    expect(s.run('one').more).toBe(true);
    const r = s.run('EOF');
    expect(r.more).toBeUndefined();
    expect(r.stdout).toBe('1\n');
    expect(s.prompt()).toBe('root@master:~#');
  });

  it('redirects stderr', () => {
    expect(sh.run('cat nope 2>/dev/null').stderr).toBe('');
    expect(sh.run('cat nope 2>&1 | grep -c such').stdout).toBe('1\n');
  });

  it("prints bash's command not found", () => {
    expect(sh.run('kubeclt get pods')).toMatchObject({
      stdout: '',
      stderr: 'kubeclt: command not found\n',
      exitCode: 127,
    });
  });

  it('sleep moves the virtual clock', () => {
    const t = sh.state.now;
    sh.run('sleep 2.5');
    expect(sh.state.now - t).toBe(2500);
    expect(sh.run('sleep')).toMatchObject({
      exitCode: 1,
      stderr: "sleep: missing operand\nTry 'sleep --help' for more information.\n",
    });
  });

  it('clear asks the console to wipe its screen', () => {
    expect(sh.run('clear').clear).toBe(true);
  });

  it('keeps history', () => {
    const s = shellOn(sh.state);
    s.run('echo 1');
    s.run('hostname');
    expect(s.run('history').stdout).toBe('    1  echo 1\n    2  hostname\n    3  history\n');
  });
});
