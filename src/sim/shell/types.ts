// The shell's data: a Session (where the user is, their variables, history and files) and what a
// command returns. Everything is plain data so the store can keep a session beside the cluster.
import type { ClusterState } from '../model/state';
import type { Pod } from '../model/types';
import type { Trace } from '../net/trace-types';
import type { Script } from './parse';

/** A shell the user left by `ssh` or `kubectl exec -it`, restored by `exit`. */
export interface SavedShell {
  host: string;
  env: Record<string, string>;
  vars: Record<string, string>;
  cwd: string;
  shell: 'bash' | 'sh';
}

export interface Session {
  /** where commands run: a machine ('master', 'worker1', 'client') or a Pod shell ('pod/<ns>/<name>') */
  host: string;
  /** exported variables (what `env` prints) */
  env: Record<string, string>;
  /** shell variables that are not exported (`VAR=value`) */
  vars: Record<string, string>;
  cwd: string;
  /** bash on the machines and most images; busybox images have only sh */
  shell: 'bash' | 'sh';
  /** shells left by ssh / kubectl exec -it, innermost last */
  stack: SavedShell[];
  history: string[];
  /** each machine's (and Pod's) files the user wrote: host → absolute path → content */
  files: Record<string, Record<string, string>>;
  /** an unfinished command (open quote, heredoc, trailing pipe) waiting for more lines */
  pending?: string;
  lastExit: number;
  /** Pod shells whose Pod is deleted when the user exits them (kubectl run -it --rm) */
  onExit?: Record<string, 'delete'>;
}

export interface ShellResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** stdout and stderr in the order they were written */
  output: Chunk[];
  /** `clear`: the console should wipe its screen */
  clear?: boolean;
  /** the line is unfinished (heredoc, open quote): the console shows the `> ` prompt */
  more?: boolean;
  /** `kubectl get -w`: what it keeps watching (the console prints each change until Ctrl+C) */
  watch?: WatchSpec;
  /** every connection the line made (curl, wget, …), in order: the UI animates and counts them */
  traces: Trace[];
  /** a `sleep` the console runs itself (ShellIO.sleepLater): how long, and what the line runs after it */
  sleep?: PendingSleep;
}

/**
 * A top-level `sleep` the line stopped at: the console moves the clock in slices (Ctrl+C stops it, as
 * SIGINT ends a foreground sleep and the rest of the line) and then runs `rest` with continueLine.
 */
export interface PendingSleep {
  ms: number;
  /** the rest of the line, parsed (`sleep 5 && kubectl get pods`: the get) */
  rest: Script;
}

/**
 * A running `kubectl get -w`: which objects it lists and how it prints them, and the version of each
 * it has printed (a row is printed again when its object changes, and once more when it is deleted).
 */
export interface WatchSpec {
  resource: string;
  /** undefined: all namespaces */
  namespace?: string;
  names: string[] | null;
  selector?: string;
  fieldSelector?: string;
  table: {
    wide: boolean;
    showLabels: boolean;
    allNamespaces: boolean;
    withKindPrefix: boolean;
    labelColumns: string[];
  };
  /** the column widths kubectl's tabwriter remembers, so each new row lines up with the table above */
  widths: number[];
  /** object key -> its version and the row (cells) last printed for it */
  seen: Record<string, { v: string; cells: string[] }>;
  /**
   * `conntrack -E` instead (resource "conntrack"): the node whose table it follows and its filters
   * (`seen` keys are entry ids), and how many events it has printed (said when Ctrl+C ends it)
   */
  conntrack?: { node: string; filter: ConntrackFilter; shown?: number };
}

/** conntrack's tuple filters (-p, -s/-d, -r/-q, --sport/--dport, --reply-port-src/dst). */
export interface ConntrackFilter {
  proto?: string;
  src?: string;
  dst?: string;
  replySrc?: string;
  replyDst?: string;
  sport?: number;
  dport?: number;
  replySport?: number;
  replyDport?: number;
}

export interface Chunk {
  fd: 1 | 2;
  text: string;
}

export interface CmdResult {
  chunks: Chunk[];
  code: number;
  clear?: boolean;
  watch?: WatchSpec;
  /** sleep asked the console to run the clock (only under Ctx.sleepLater): for how long */
  sleep?: number;
  /** with sleep, at the top of a line: what the line runs after it */
  rest?: Script;
}

/** Files the embedding app or CLI can offer (e.g. a real file named in `kubectl apply -f`). */
export interface ShellIO {
  readFile?(host: string, path: string): string | null;
  /**
   * `kubectl edit`'s editor ($KUBE_EDITOR): given the file kubectl wrote, it returns the text the user
   * saved (null: the editor failed), or undefined when the file was opened elsewhere (the YAML panel)
   * and the edit finishes later with finishEdit(). Without one, kubectl edit says that no editor ran.
   */
  editor?(req: EditRequest): string | null | undefined;
  /**
   * The console runs a `sleep` at the top of a line itself, in slices the page stays responsive
   * through, and Ctrl+C stops it: the line stops there (ShellResult.sleep) and continueLine runs the
   * rest. A sleep inside $(...), a pipe or `sh -c` still runs the clock at once (kubesim: always).
   */
  sleepLater?: boolean;
}

/** A `kubectl edit` in progress: the object, and the file kubectl wrote for the editor. */
export interface EditRequest {
  /** kubectl's name for it: service/frontend-svc */
  ref: string;
  kind: string;
  namespace?: string;
  name: string;
  /** the temporary file's path, as kubectl names it */
  path: string;
  /** what kubectl wrote: its header comment, then the object as -o yaml prints it */
  text: string;
}

export type Where =
  { kind: 'node'; name: string } | { kind: 'client'; name: string } | { kind: 'pod'; pod: Pod; key: string };

export interface Ctx {
  state: ClusterState;
  session: Session;
  io: ShellIO;
  where: Where;
  /** what was piped or redirected in */
  stdin: string;
  /** run a script in the current shell (for $(...), sh -c, ssh HOST CMD) */
  run(script: string): CmdResult;
  /** the container runtime runs this program directly (kubectl exec POD -- CMD), with no shell */
  direct?: boolean;
  /** the user is typing at a terminal (kubectl exec -t, an interactive shell) */
  tty?: boolean;
  /** kubelet runs this (an exec probe): the virtual clock does not move (sleep returns at once) */
  frozen?: boolean;
  /** this `sleep` is the line's own (ShellIO.sleepLater): it returns its length instead of running the clock */
  sleepLater?: boolean;
  /** the line's connections so far, shared by every context the line spawns ($(...), ssh, exec) */
  traces: Trace[];
  /**
   * The interpreter, handed to the commands (the registry imports every command, so a command
   * importing the interpreter back would close a cycle). `exec` runs a script in a context of the
   * caller's making (sh -c, ssh HOST CMD); `findCommand` gives the program a name runs there, or null
   * when it is not installed (kubectl exec runs it with no shell); `commandNames` lists what is there.
   */
  exec(ctx: Ctx, script: string): CmdResult;
  findCommand(ctx: Ctx, name: string): Command | null;
  commandNames(ctx: Ctx): string[];
}

export type Command = (ctx: Ctx, args: string[]) => CmdResult;
