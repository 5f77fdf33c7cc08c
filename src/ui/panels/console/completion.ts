// Tab completion on the input line, as bash does it: one candidate completes the word, several
// complete their common prefix, and a second Tab lists them.

export interface Completed {
  value: string;
  caret: number;
  /** candidates to list (several, no longer common prefix) */
  list: string[];
}

function commonPrefix(words: string[]): string {
  let p = words[0] ?? '';
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

export function applyCompletion(value: string, caret: number, candidates: string[]): Completed {
  const before = value.slice(0, caret);
  const after = value.slice(caret);
  const word = before.match(/[^\s'"]*$/)?.[0] ?? '';
  const head = before.slice(0, before.length - word.length);
  if (candidates.length === 0) return { value, caret, list: [] };
  if (candidates.length === 1) {
    const c = candidates[0];
    const sep = /[/=]$/.test(c) || after.startsWith(' ') ? '' : ' ';
    const next = head + c + sep;
    return { value: next + after, caret: next.length, list: [] };
  }
  const p = commonPrefix(candidates);
  if (p.length > word.length) return { value: head + p + after, caret: (head + p).length, list: [] };
  return { value, caret, list: candidates };
}
