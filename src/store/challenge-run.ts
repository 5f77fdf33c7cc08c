// The challenges' store logic, loaded with the challenges themselves (src/sim/challenge and the shell it
// runs) on first use, so that the first view does not carry it. challenge-slice.ts calls into it.
import type { Challenge } from '../sim/challenge';
import * as m from '../sim/challenge';
import type { Store } from './types';
import type { ActiveChallenge } from './challenge-slice';
import { saveProgress } from './challenge-progress';
import { fail, inform } from './notices';
import { kitFor, replaceCluster } from './scenario-slice';

export * from '../sim/challenge';

type Set = (f: (s: Store) => void) => void;
type Get = () => Store;

/** The parsed challenge of the active one (parsed once; a challenge never changes while it runs). */
const parsed = new Map<string, Challenge>();
const keyOf = (c: { name: string; yaml?: string }) => (c.yaml ? `file:${c.yaml}` : c.name);

export function activeChallenge(c: ActiveChallenge | null): Challenge | undefined {
  if (!c) return undefined;
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

export function start(set: Set, get: Get, ref: { name: string } | { yaml: string; source: string }): void {
  const k = kitFor(set, () => get().startChallenge(ref));
  if (!k) return;
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
  const { name, title } = ch;
  set((s) => {
    // Reset brings back this broken cluster, not the scenario it was made from
    replaceCluster(s, st.state, { id: null, title: `Challenge: ${title}`, origin: { kind: 'share', payload } });
    s.lesson = null;
    s.challengeErrors = null;
    const rec = s.challengeProgress[name];
    s.challenge = {
      name,
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
}

export function check(set: Set, get: Get): void {
  const cur = get().challenge;
  const ch = activeChallenge(cur);
  if (!cur) return;
  // a restored challenge this version does not have (or whose file no longer reads): let it go, with a word
  if (!ch)
    return void set((s) => void ((s.challenge = null), fail(s, `The challenge "${cur.title}" can't be reopened.`)));
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
}
