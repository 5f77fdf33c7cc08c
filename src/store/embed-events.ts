// Progress events for a page that embeds the playground in an iframe (a course page, an LMS): when a
// lesson step is completed, a lesson is finished or a challenge is solved, the playground posts a
// message to its parent window. Nothing is posted when the playground is not framed.
//   { source: 'kubernetes-services-playground', type: 'step-completed', lesson, step, stepId }
//   { source: 'kubernetes-services-playground', type: 'lesson-completed', lesson }
//   { source: 'kubernetes-services-playground', type: 'challenge-solved', challenge }
// The messages carry no personal data, so they are posted to any origin ('*'): the embedding page
// checks event.source === iframe.contentWindow (see the README).
import type { AppStore } from './index';
import { kit } from './kit-loader';

export const EMBED_SOURCE = 'kubernetes-services-playground';

export type ProgressEvent =
  | { source: typeof EMBED_SOURCE; type: 'step-completed'; lesson: string; step: number; stepId: string }
  | { source: typeof EMBED_SOURCE; type: 'lesson-completed'; lesson: string }
  | { source: typeof EMBED_SOURCE; type: 'challenge-solved'; challenge: string };

export function startEmbedEvents(store: AppStore, post?: (e: ProgressEvent) => void): () => void {
  const send =
    post ??
    ((e: ProgressEvent) => {
      if (typeof window !== 'undefined' && window.parent && window.parent !== window) window.parent.postMessage(e, '*');
    });
  return store.subscribe((s, prev) => {
    const l = s.lesson;
    const p = prev.lesson;
    if (l && p && l.id === p.id && l.step > p.step) {
      const steps = kit.loaded()?.getLesson(l.id)?.steps ?? [];
      for (let i = p.step; i < l.step; i++)
        send({
          source: EMBED_SOURCE,
          type: 'step-completed',
          lesson: l.id,
          step: i,
          stepId: steps[i]?.id ?? String(i),
        });
      if (steps.length && l.step >= steps.length && p.step < steps.length)
        send({ source: EMBED_SOURCE, type: 'lesson-completed', lesson: l.id });
    }
    const c = s.challenge;
    if (c?.solved && !(prev.challenge?.solved && prev.challenge.name === c.name))
      send({ source: EMBED_SOURCE, type: 'challenge-solved', challenge: c.name });
  });
}
