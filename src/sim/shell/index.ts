// The shell's public surface: one interpreter for the console and the kubesim CLI.
export type { Session, SavedShell, ShellResult, ShellIO, Chunk, WatchSpec, EditRequest, PendingSleep } from './types';
export { runLine, continueLine } from './run';
export { createSession, prompt, machines } from './session';
export { complete } from './complete';
export { traceJson } from './trace';
export { watchInterrupted, watchStep } from './watch';
export { finishEdit } from './kubectl/patch';
