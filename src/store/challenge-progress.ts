// Challenge progress (solved, hints opened), kept in this browser's localStorage only.
import type { ChallengeRecord } from './challenge-slice';

export const CHALLENGE_PROGRESS_KEY = 'k8s-services-playground:challenges';

export function loadProgress(): Record<string, ChallengeRecord> {
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

export function saveProgress(p: Record<string, ChallengeRecord>) {
  try {
    globalThis.localStorage?.setItem(CHALLENGE_PROGRESS_KEY, JSON.stringify(p));
  } catch {
    // private mode or full: progress lasts for this visit only
  }
}
