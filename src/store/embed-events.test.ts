// The progress events an embedding page receives: steps and lessons as the learner completes them,
// a challenge when it is solved.
import { describe, expect, it } from 'vitest';
import { createAppStore } from './index';
import { kit } from './kit-loader';
import { startEmbedEvents, type ProgressEvent } from './embed-events';

describe('embed progress events', () => {
  it('step-completed for each step passed, lesson-completed at the end, challenge-solved once', async () => {
    await kit.load();
    const store = createAppStore();
    const got: ProgressEvent[] = [];
    startEmbedEvents(store, (e) => got.push(e));
    store.getState().startLesson('headless');
    expect(store.getState().lesson?.id).toBe('headless');
    store.setState((s) => void (s.lesson!.step = 1));
    store.setState((s) => void (s.lesson!.step = 2));
    expect(got).toEqual([
      {
        source: 'kubernetes-services-playground',
        type: 'step-completed',
        lesson: 'headless',
        step: 0,
        stepId: 'direct',
      },
      {
        source: 'kubernetes-services-playground',
        type: 'step-completed',
        lesson: 'headless',
        step: 1,
        stepId: 'scale',
      },
      { source: 'kubernetes-services-playground', type: 'lesson-completed', lesson: 'headless' },
    ]);
    got.length = 0;
    store.setState({
      challenge: { name: 'sticky', title: 'x', hints: 0, walkthrough: false, results: null, solved: false },
    });
    store.setState((s) => void (s.challenge!.solved = true));
    store.setState((s) => void (s.challenge!.hints = 1));
    expect(got).toEqual([{ source: 'kubernetes-services-playground', type: 'challenge-solved', challenge: 'sticky' }]);
  });
});
