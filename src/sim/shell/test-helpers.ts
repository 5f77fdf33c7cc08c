// Test helpers: a shell on the default scenario's master, one line at a time.
import type { ClusterState } from '../model/state';
import type { ShellResult } from './types';
import { defaultCluster } from '../scenario/apply';
import { settle } from '../step';
import { createSession, prompt } from './session';
import { runLine } from './run';

export function shellOn(state: ClusterState = defaultCluster()) {
  const session = createSession();
  return {
    state,
    session,
    run: (line: string): ShellResult => runLine(state, session, line),
    prompt: () => prompt(session),
    settle: () => settle(state),
  };
}

/** The cluster's objects as JSON, to check that a failed command changed nothing. */
export const snapshot = (s: ClusterState): string => JSON.stringify(s.objects);
