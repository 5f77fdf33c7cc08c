// Troubleshooting challenges in the app: start one (its broken cluster replaces the current one, as an
// undoable command), judge its objectives after every change (on copies of the cluster), open hints one
// at a time, the walkthrough on request. Progress (solved, hints opened) is kept in this browser only.
// The challenge code and content load on first use (src/sim/challenge, with the shell it runs).
import type { StateCreator } from 'zustand';
import type { Challenge, ObjectiveResult } from '../sim/challenge';
import type { Store } from './types';
import { lazyModule, loadFailure } from './lazy';
import { fail, inform } from './cluster-slice';
import { kitFor, replaceCluster } from './scenario-slice';

export const challengeModule = lazyModule(() => import('../sim/challenge'));

export const CHALLENGE_PROGRESS_KEY = 'k8s-services-playground:challenges';

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

function loadProgress(): Record<string, ChallengeRecord> {
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem(CHALLENGE_PROGRESS_KEY) ?? '{}');
    if (typeof raw !== 'object' || raw === null) return {};
    const out: Record<string, ChallengeRecord> = {};
    for (const [k, v] of Object.entries(raw)) {
      if (typeof v === 'object' && v !== null && 'solved' in v && 'hints' in v)
        out[k] = { solved: v.solved === true, hints: typeof v.hints === 'number' ? v.hints : 0 };
    }
    return out;
  } catch {
    return {};
  }
}

function saveProgress(p: Record<string, ChallengeRecord>) {
  try {
    globalThis.localStorage?.setItem(CHALLENGE_PROGRESS_KEY, JSON.stringify(p));
  } catch {
    // private mode or full: progress lasts for this visit only
  }
}

/** The parsed challenge of the active one (parsed once; a challenge never changes while it runs). */
const parsed = new Map<string, Challenge>();
const keyOf = (c: { name: string; yaml?: string }) => (c.yaml ? `file:${c.yaml}` : c.name);

export function activeChallenge(c: ActiveChallenge | null): Challenge | undefined {
  const m = challengeModule.loaded();
  if (!c || !m) return undefined;
  const k = keyOf(c);
  let ch = parsed.get(k);
  if (!ch) {
    if (c.yaml) {
      const r = m.parseChallenge(c.yaml);
      if (!r.ok) return undefined;
      ch = r.challenge;
    } else ch = m.getChallenge(c.name);
    if (ch) parsed.set(k, ch);
  }
  return ch;
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
    const k = kitFor(set, () => get().startChallenge(ref));
    if (!m || !k) return;
    let ch: Challenge | undefined;
    if ('name' in ref) {
      ch = m.getChallenge(ref.name);
      if (!ch) return void set((s) => fail(s, `There is no challenge "${ref.name}".`));
    } else {
      const r = m.parseChallenge(ref.yaml, ref.source);
      if (!r.ok) return void set((s) => void (s.challengeErrors = r.errors));
      ch = r.challenge;
    }
    const st = m.startChallenge(ch);
    if (!st.ok) return void set((s) => void (s.challengeErrors = st.errors));
    const yaml = 'yaml' in ref ? ref.yaml : undefined;
    parsed.set(keyOf({ name: ch.name, yaml }), ch);
    const payload = k.shareFromState(st.state, { verify: false }).payload;
    const title = ch.title;
    set((s) => {
      // Reset brings back this broken cluster, not the scenario it was made from
      replaceCluster(s, st.state, { id: null, title: `Challenge: ${title}`, origin: { kind: 'share', payload } });
      s.lesson = null;
      s.challengeErrors = null;
      const rec = s.challengeProgress[ch.name];
      s.challenge = {
        name: ch.name,
        title,
        ...(yaml ? { yaml } : {}),
        hints: rec?.hints ?? 0,
        walkthrough: false,
        results: null,
        solved: false,
      };
      inform(s, `Challenge "${title}" started. Undo (Ctrl+Z) brings back what you had.`);
    });
    get().checkChallenge();
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
    const cur = get().challenge;
    if (!cur) return;
    const m = challengeModule.orRetry(() => get().checkChallenge());
    const ch = activeChallenge(cur);
    if (!m || !ch) return;
    const results = m.judge(get().cluster, ch);
    const ok = m.solved(results);
    set((s) => {
      const c = s.challenge;
      if (!c || keyOf(c) !== keyOf(cur)) return;
      c.results = results;
      if (ok && !c.solved) {
        c.solved = true;
        const rec = (s.challengeProgress[c.name] ??= { solved: false, hints: c.hints });
        rec.solved = true;
        saveProgress(s.challengeProgress);
        inform(s, `Solved: "${c.title}" works again.`);
      }
    });
  },
});
