import { describe, expect, it, vi } from 'vitest';

// The lessons' actions load on first use (store/lesson-run.ts): a lesson started before they have
// loaded starts once they have, exactly once, as one undoable command.
describe('lesson actions wait for their chunk', () => {
  it('start a lesson before its code is in: it starts once the code (and the kit) are in', async () => {
    // fresh modules: the test setup loaded the lesson actions for every other test
    vi.resetModules();
    const { createAppStore } = await import('./index');
    const { lessonModule } = await import('./lesson-slice');
    const { kit } = await import('./kit-loader');
    expect(lessonModule.loaded()).toBeNull();
    const store = createAppStore();
    const s = () => store.getState();
    const past = s().past.length;
    s().startLesson('pods-are-ephemeral');
    expect(s().lesson).toBeNull();
    await lessonModule.load();
    await kit.load();
    await new Promise((r) => setTimeout(r, 0));
    expect(s().lesson).toMatchObject({ id: 'pods-are-ephemeral', step: 0 });
    // one command in the history (Undo brings back the cluster before the lesson)
    expect(s().past.length).toBe(past + 1);
  });

  it('lesson code that cannot be fetched is said in the notice; nothing changes', async () => {
    vi.resetModules();
    vi.doMock('./lesson-run', () => {
      throw new Error('Failed to fetch dynamically imported module');
    });
    try {
      const { createAppStore } = await import('./index');
      const store = createAppStore();
      store.getState().startLesson('pods-are-ephemeral');
      await new Promise((r) => setTimeout(r, 0));
      expect(store.getState().lesson).toBeNull();
      expect(store.getState().notice?.text).toMatch(/Could not load the lessons/);
    } finally {
      vi.doUnmock('./lesson-run');
    }
  });
});
