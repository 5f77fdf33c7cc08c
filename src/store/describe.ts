// One sentence per request, for the live region and the trace panel.
import type { Trace } from '../sim';

const VERDICT_WORDS: Record<Trace['verdict'], string> = {
  delivered: 'delivered',
  refused: 'connection refused',
  dropped: 'dropped',
  'timed-out': 'timed out',
  'no-route': 'no route',
};

export function verdictWord(v: Trace['verdict']): string {
  return VERDICT_WORDS[v];
}

export function summarize(from: string, to: string, t: Trace): string {
  if (t.verdict === 'delivered') {
    const who = t.pod ? `Pod ${t.pod.split('/')[1]} (${t.endpoint})` : (t.endpoint ?? '');
    return `${from} → ${to}: delivered to ${who}; the Pod saw source ${t.sourceSeen}.`;
  }
  return `${from} → ${to}: ${verdictWord(t.verdict)}${t.reason ? ` (${t.reason})` : ''}.`;
}
