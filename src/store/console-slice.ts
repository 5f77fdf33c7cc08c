// The console: one shell session beside the cluster. Each line the user enters is one action that
// runs the shell on the cluster (an immer draft), so the canvas shows what the command did at once.
import type { StateCreator } from 'zustand';
import { keepUnchanged } from './keep-unchanged';
import { loadedShell, shellOrRetry } from './shell-loader';
import { loadFailure } from './lazy';
import type { Store } from './types';
import type { EditRequest, PendingSleep, Session, ShellResult, WatchSpec } from '../sim/shell';
import { advance, type ClusterState } from '../sim';
import { isLarge, offload } from './large';

/** A slice of a sleep being advanced in the engine Worker (a large cluster): the next waits for it. */
let sleepJob: Promise<void> | null = null;
export const sleepWaiting = () => sleepJob !== null;
/** Wall time one Worker round trip of a sleep aims at (the page stays free meanwhile). */
const WORKER_SLICE_MS = 150;

export interface ConsoleLine {
  id: number;
  /** cmd: what the user typed (with its prompt); out / err: the command's stdout / stderr */
  kind: 'cmd' | 'out' | 'err';
  text: string;
}

export interface ConsoleSlice {
  /** session: null until the first command (a fresh root shell on the control-plane node) */
  /** watch: a running `kubectl get -w` (each change printed until Ctrl+C) */
  /** sleep: a running `sleep` (the clock moves in slices until it is done or Ctrl+C stops it) */
  console: {
    session: Session | null;
    lines: ConsoleLine[];
    seq: number;
    watch: WatchSpec | null;
    sleep: ConsoleSleep | null;
  };
  /** run one line in the console's shell; the cluster changes inside the same action */
  runConsole: (line: string) => void;
  clearConsole: () => void;
  /** Ctrl+C: stops a running watch; at the prompt, the line as typed (`shown`, prompt included) is left on screen with ^C, not run */
  interruptConsole: (shown: string) => void;
  /** print what changed for a running `kubectl get -w` (called when the cluster changes) */
  pollWatch: () => void;
  /** run a sleeping line's clock for one slice (~SLICE_MS of work); at its end, the rest of the line */
  sleepStep: () => void;
  /** run what the line had after its sleep (a command of its own: Undo takes it back) */
  continueConsole: (line: string) => void;
}

/** A `sleep` the console is running: the virtual time still to go, the rest of its line. */
export interface ConsoleSleep extends PendingSleep {
  /** the line as typed (for the rest's Undo label) */
  line: string;
  /** virtual ms one advance covers, tuned so that a slice stays within SLICE_MS */
  chunk: number;
  /** lines entered meanwhile (several pasted at once): they run after it, as a terminal's type-ahead */
  typeahead: string[];
}

/** Main-thread time one slice of a sleep may take (a frame or three: a click is answered in between). */
export const SLICE_MS = 40;
/** Virtual time one advance starts with (then doubled or halved to fill SLICE_MS). */
const FIRST_CHUNK_MS = 1000;
/** …and at most (a busy hour can be far slower than a quiet one: one advance must not overrun a slice). */
const MAX_CHUNK_MS = 3600 * 1000;

const wallNow = () => performance.now();
import { recordTrace } from './requests-slice';

/** Lines kept on the console's screen (a terminal's scrollback). */
const SCROLLBACK = 2000;

export const createConsoleSlice: StateCreator<Store, [['zustand/immer', never]], [], ConsoleSlice> = (set, get) => ({
  // the session is made by the first command (the shell, which makes it, loads with the console)
  console: { session: null, lines: [], seq: 0, watch: null, sleep: null },
  runConsole: (line) => {
    const shell = shellOrRetry(
      () => get().runConsole(line),
      (e) =>
        set((s) => void s.console.lines.push({ id: ++s.console.seq, kind: 'err', text: loadFailure('the shell', e) })),
    );
    if (!shell) return;
    if (get().console.sleep) return set((s) => void s.console.sleep?.typeahead.push(line));
    const before = get().cluster;
    const run = (cluster: ClusterState, copied: boolean) =>
      set((s) => {
        if (copied) s.cluster = cluster;
        const c = s.console;
        const session = (c.session ??= shell.createSession('master'));
        const push = (kind: ConsoleLine['kind'], text: string) => {
          if (!text) return;
          c.lines.push({ id: ++c.seq, kind, text });
        };
        const shown = shell.prompt(session);
        const r = shell.runLine(cluster, session, line, consoleIO(s));
        if (r.clear) c.lines = [];
        else push('cmd', `${shown} ${line}`);
        show(s, r, line);
        if (copied) s.cluster = keepUnchanged(before, cluster);
      });
    // Most lines only read the cluster. On a large one (copying 10,000 Pods takes a tenth of a second,
    // comparing them back as long) a line runs first on the cluster as it is: it is frozen, so a line
    // that writes throws a TypeError before anything is kept (immer drops the recipe's changes), and
    // runs again on a copy.
    if (Object.isFrozen(before) && isLarge(before)) {
      try {
        return run(before, false);
      } catch (e) {
        if (!(e instanceof TypeError)) throw e;
      }
    }
    // The line runs on a plain copy of the cluster, not through immer's proxies (a scale to 10,000
    // creating 500 Pods took seconds on the draft); unchanged parts keep their identity.
    run(structuredClone(before), true);
  },
  continueConsole: (line) => {
    const shell = loadedShell();
    const sl = get().console.sleep;
    const session = get().console.session;
    if (!shell || !sl || sl.ms > 0 || !session) return;
    const before = get().cluster;
    const work = structuredClone(before);
    set((s) => {
      s.cluster = work;
      s.console.sleep = null;
      const r = shell.continueLine(s.cluster, s.console.session!, sl.rest, consoleIO(s));
      if (r.clear) s.console.lines = [];
      show(s, r, line);
      s.cluster = keepUnchanged(before, work);
    });
  },
  sleepStep: () => {
    const sl = get().console.sleep;
    if (!sl) return;
    if (sl.ms > 0 && sleepJob) return;
    if (sl.ms > 0 && typeof Worker !== 'undefined' && isLarge(get().cluster) && offload.loaded()) {
      // A large cluster's clock runs in the engine Worker (offload.ts tickInWorker), a chunk per round
      // trip, the chunk tuned so that one takes about WORKER_SLICE_MS.
      const before = get().cluster;
      const d = Math.min(sl.ms, sl.chunk);
      const t = wallNow();
      const job = offload.loaded()!.tickInWorker(
        before,
        before.now + d,
        true,
        () => get().cluster,
        (after) =>
          set((s) => {
            s.cluster = after;
            const took = wallNow() - t;
            const c = s.console.sleep;
            // Ctrl+C in between leaves the clock where it got to
            if (!c) return;
            c.ms -= d;
            if (took < WORKER_SLICE_MS / 2) c.chunk = Math.min(c.chunk * 2, MAX_CHUNK_MS);
            else if (took > WORKER_SLICE_MS * 2) c.chunk = Math.max(100, Math.floor(c.chunk / 2));
          }),
      );
      if (job) {
        sleepJob = job.finally(() => (sleepJob = null));
        return;
      }
    }
    if (sl.ms > 0) {
      // the clock runs on a plain copy, advance by advance, until the slice's time is used
      const before = get().cluster;
      const work = structuredClone(before);
      const t0 = wallNow();
      let left = sl.ms;
      let chunk = sl.chunk;
      do {
        const t = wallNow();
        const d = Math.min(left, chunk);
        advance(work, d);
        left -= d;
        const took = wallNow() - t;
        // an advance costs about its virtual length: aim each at a quarter of a slice
        if (took < SLICE_MS / 8) chunk = Math.min(chunk * 2, MAX_CHUNK_MS);
        else if (took > SLICE_MS / 4) chunk = Math.max(100, Math.floor(chunk / 2));
      } while (left > 0 && wallNow() - t0 < SLICE_MS / 2);
      set((s) => {
        // Ctrl+C in between leaves the clock where it got to
        if (!s.console.sleep) return;
        s.cluster = keepUnchanged(before, work);
        s.console.sleep.ms = left;
        s.console.sleep.chunk = chunk;
      });
    }
    const now = get().console.sleep;
    if (!now || now.ms > 0) return;
    if (now.rest.length) get().continueConsole(now.line);
    else set((s) => void (s.console.sleep = null));
    // what was typed ahead runs now (a line of it that sleeps takes the others after it)
    for (const l of now.typeahead) get().runConsole(l);
  },
  pollWatch: () => {
    const shell = loadedShell();
    const w = get().console.watch;
    if (!shell || !w) return;
    const { text, seen, widths, events } = shell.watchStep(get().cluster, w);
    if (seen === w.seen) return;
    set((s) => {
      const c = s.console;
      if (!c.watch) return;
      c.watch.seen = seen;
      c.watch.widths = widths;
      if (c.watch.conntrack && events) c.watch.conntrack.shown = (c.watch.conntrack.shown ?? 0) + events;
      if (text) c.lines.push({ id: ++c.seq, kind: 'out', text });
      if (c.lines.length > SCROLLBACK) c.lines.splice(0, c.lines.length - SCROLLBACK);
    });
  },
  clearConsole: () => set((s) => void (s.console.lines = [])),
  interruptConsole: (shown) =>
    set((s) => {
      const c = s.console;
      if (c.watch) {
        // the watch ends (conntrack -E says how many events it showed); the prompt comes back
        const end = loadedShell()?.watchInterrupted(c.watch) ?? { text: '^C', stderr: false };
        c.watch = null;
        c.lines.push({ id: ++c.seq, kind: end.stderr ? 'err' : 'out', text: end.text });
        return;
      }
      if (c.sleep) {
        // SIGINT ends the sleep and the rest of its line (the terminal drops what was typed ahead); the
        // clock stays where it got to. bash reports a command killed by signal n as 128+n: SIGINT (2) is 130
        c.sleep = null;
        if (c.session) c.session.lastExit = 130;
        c.lines.push({ id: ++c.seq, kind: 'out', text: '^C' });
        return;
      }
      c.lines.push({ id: ++c.seq, kind: 'cmd', text: `${shown}^C` });
      if (c.lines.length > SCROLLBACK) c.lines.splice(0, c.lines.length - SCROLLBACK);
    }),
});

/** The console's ShellIO: kubectl edit opens the YAML panel (finishYamlEdit saves it); a line's sleep runs in slices. */
function consoleIO(s: Store) {
  return {
    editor: (req: EditRequest) => {
      s.yaml = { text: req.text, source: req.path, result: null, editing: req };
      s.panel.open = true;
      s.panel.tab = 'yaml';
      return undefined;
    },
    sleepLater: true,
  };
}

/** What a line (or the rest of one, after its sleep) printed, connected, and left running. */
function show(s: Store, r: ShellResult, line: string) {
  const c = s.console;
  for (const chunk of r.output)
    if (chunk.text) c.lines.push({ id: ++c.seq, kind: chunk.fd === 2 ? 'err' : 'out', text: chunk.text });
  // every connection the line made is a request like the Send form's: animated, counted, listed
  for (const t of r.traces) recordTrace(s, 'console', t, { command: line });
  c.watch = r.watch ?? null;
  c.sleep = r.sleep ? { ...r.sleep, line, chunk: FIRST_CHUNK_MS, typeahead: [] } : null;
  if (c.lines.length > SCROLLBACK) c.lines.splice(0, c.lines.length - SCROLLBACK);
}
