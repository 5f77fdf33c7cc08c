// Troubleshooting challenges in the app: start one (its broken cluster replaces the current one, as an
// undoable command), judge its objectives after every change (on copies of the cluster), open hints one
// at a time, the walkthrough on request. Progress (solved, hints opened) is kept in this browser only.
// The challenge code and content load on first use (src/sim/challenge, with the shell it runs).
import type { StateCreator } from 'zustand';
import type { ObjectiveResult } from '../sim/challenge';
import type { Store } from './types';
import { lazyModule, loadFailure } from './lazy';
import { fail } from './notices';
import { loadProgress, saveProgress } from './challenge-progress';

export const challengeModule = lazyModule(() => import('./challenge-run'));

export interface ChallengeRecord {
  solved: boolean;
  hints: number;
}

export interface ActiveChallenge {
  name: string;
  title: string;
  /** the file's text when it did not come with the app (a loaded file or a share link) */
  yaml?: string;
  hints: number;
  walkthrough: boolean;
  results: ObjectiveResult[] | null;
  solved: boolean;
}

export interface ChallengeSlice {
  challenge: ActiveChallenge | null;
  /** per challenge name: solved, hints opened (saved in localStorage) */
  challengeProgress: Record<string, ChallengeRecord>;
  /** why the last challenge file could not be opened (its validation errors), until the next try */
  challengeErrors: string[] | null;
  /** a built-in challenge by name, or a challenge file's text */
  startChallenge: (ref: { name: string } | { yaml: string; source: string }) => void;
  exitChallenge: () => void;
  showChallengeHint: () => void;
  showChallengeWalkthrough: () => void;
  /** judge the objectives on the cluster as it is (the watcher calls it after changes) */
  checkChallenge: () => void;
}

export const createChallengeSlice: StateCreator<Store, [['zustand/immer', never]], [], ChallengeSlice> = (
  set,
  get,
) => ({
  challenge: null,
  challengeProgress: loadProgress(),
  challengeErrors: null,
  startChallenge: (ref) => {
    const m = challengeModule.orRetry(
      () => get().startChallenge(ref),
      (e) => set((s) => fail(s, loadFailure('the challenges', e))),
    );
    if (m) m.start(set, get, ref);
  },
  exitChallenge: () => set((s) => void (s.challenge = null)),
  showChallengeHint: () =>
    set((s) => {
      const c = s.challenge;
      if (!c) return;
      c.hints++;
      const rec = (s.challengeProgress[c.name] ??= { solved: false, hints: 0 });
      rec.hints = Math.max(rec.hints, c.hints);
      saveProgress(s.challengeProgress);
    }),
  showChallengeWalkthrough: () => set((s) => void (s.challenge && (s.challenge.walkthrough = true))),
  checkChallenge: () => {
    if (!get().challenge) return;
    const m = challengeModule.orRetry(() => get().checkChallenge());
    if (m) m.check(set, get);
  },
});
