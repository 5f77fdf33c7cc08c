// The console: one shell session beside the cluster. Each line the user enters is one action that
// runs the shell on the cluster (an immer draft), so the canvas shows what the command did at once.
import type { StateCreator } from 'zustand';
import { keepUnchanged } from './keep-unchanged';
import { loadedShell, shellOrRetry } from './shell-loader';
import { loadFailure } from './lazy';
import type { Store } from './types';
import type { EditRequest, Session, WatchSpec } from '../sim/shell';

export interface ConsoleLine {
  id: number;
  /** cmd: what the user typed (with its prompt); out / err: the command's stdout / stderr */
  kind: 'cmd' | 'out' | 'err';
  text: string;
}

export interface ConsoleSlice {
  /** session: null until the first command (a fresh root shell on the control-plane node) */
  /** watch: a running `kubectl get -w` (each change printed until Ctrl+C) */
  console: { session: Session | null; lines: ConsoleLine[]; seq: number; watch: WatchSpec | null };
  /** run one line in the console's shell; the cluster changes inside the same action */
  runConsole: (line: string) => void;
  clearConsole: () => void;
  /** Ctrl+C: stops a running watch; at the prompt, the line as typed (`shown`, prompt included) is left on screen with ^C, not run */
  interruptConsole: (shown: string) => void;
  /** print what changed for a running `kubectl get -w` (called when the cluster changes) */
  pollWatch: () => void;
}
import { recordTrace } from './requests-slice';

/** Lines kept on the console's screen (a terminal's scrollback). */
const SCROLLBACK = 2000;

export const createConsoleSlice: StateCreator<Store, [['zustand/immer', never]], [], ConsoleSlice> = (set, get) => ({
  // the session is made by the first command (the shell, which makes it, loads with the console)
  console: { session: null, lines: [], seq: 0, watch: null },
  runConsole: (line) => {
    const shell = shellOrRetry(
      () => get().runConsole(line),
      (e) =>
        set((s) => void s.console.lines.push({ id: ++s.console.seq, kind: 'err', text: loadFailure('the shell', e) })),
    );
    if (!shell) return;
    // The line runs on a plain copy of the cluster, not through immer's proxies (a scale to 10,000
    // creating 500 Pods took seconds on the draft); unchanged parts keep their identity.
    const before = get().cluster;
    const work = structuredClone(before);
    set((s) => {
      s.cluster = work;
      const c = s.console;
      const session = (c.session ??= shell.createSession('master'));
      const push = (kind: ConsoleLine['kind'], text: string) => {
        if (!text) return;
        c.lines.push({ id: ++c.seq, kind, text });
      };
      const shown = shell.prompt(session);
      // kubectl edit opens the object in the YAML panel, which plays $KUBE_EDITOR (finishYamlEdit saves it)
      let edit: EditRequest | undefined;
      const r = shell.runLine(s.cluster, session, line, { editor: (req) => void (edit = req) });
      if (edit) {
        s.yaml = { text: edit.text, source: edit.path, result: null, editing: edit };
        s.panel.open = true;
        s.panel.tab = 'yaml';
      }
      if (r.clear) c.lines = [];
      else push('cmd', `${shown} ${line}`);
      for (const chunk of r.output) push(chunk.fd === 2 ? 'err' : 'out', chunk.text);
      // every connection the line made is a request like the Send form's: animated, counted, listed
      for (const t of r.traces) recordTrace(s, 'console', t, { command: line });
      c.watch = r.watch ?? null;
      if (c.lines.length > SCROLLBACK) c.lines.splice(0, c.lines.length - SCROLLBACK);
      s.cluster = keepUnchanged(before, work);
    });
  },
  pollWatch: () => {
    const shell = loadedShell();
    const w = get().console.watch;
    if (!shell || !w) return;
    const { text, seen, widths } = shell.watchStep(get().cluster, w);
    if (seen === w.seen) return;
    set((s) => {
      const c = s.console;
      if (!c.watch) return;
      c.watch.seen = seen;
      c.watch.widths = widths;
      if (text) c.lines.push({ id: ++c.seq, kind: 'out', text });
      if (c.lines.length > SCROLLBACK) c.lines.splice(0, c.lines.length - SCROLLBACK);
    });
  },
  clearConsole: () => set((s) => void (s.console.lines = [])),
  interruptConsole: (shown) =>
    set((s) => {
      const c = s.console;
      if (c.watch) {
        // the watch ends; the prompt comes back
        c.watch = null;
        c.lines.push({ id: ++c.seq, kind: 'out', text: '^C' });
        return;
      }
      c.lines.push({ id: ++c.seq, kind: 'cmd', text: `${shown}^C` });
      if (c.lines.length > SCROLLBACK) c.lines.splice(0, c.lines.length - SCROLLBACK);
    }),
});
