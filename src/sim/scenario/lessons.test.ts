// Every lesson can be completed by its own show-me actions, starting from its scenario; a step's check
// fails before its show-me. The actions run inside immer's produce, as the store will call them, and
// the checks run on the frozen result, which proves they do not mutate what they are given.
import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import type { ClusterState } from '../model/state';
import { listLessons, getLesson, lessonsForScenario, checkStep, advanceLesson, OBJECTIVES } from './lessons';
import type { LessonContext } from './lessons';
import { getScenario } from './scenarios';
import { loadScenario } from './load';
import { settle } from '../step';

function start(scenarioId: string): ClusterState {
  const sc = getScenario(scenarioId);
  if (!sc) throw new Error(`no scenario ${scenarioId}`);
  const r = loadScenario(sc.yaml);
  if (!r.state) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.state;
}

describe('lessons', () => {
  it('have unique ids, known scenarios, and cover all four objectives', () => {
    const ids = listLessons().map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const l of listLessons()) {
      expect(getScenario(l.scenario), l.id).toBeDefined();
      expect(l.steps.length).toBeGreaterThan(0);
      expect(new Set(l.steps.map((s) => s.id)).size).toBe(l.steps.length);
      for (const st of l.steps) {
        expect(st.instruction.length).toBeGreaterThan(20);
        expect(st.hints.length).toBeGreaterThan(0);
      }
    }
    for (const o of OBJECTIVES)
      expect(
        listLessons().some((l) => l.objective === o.id),
        o.id,
      ).toBe(true);
    expect(getLesson('kube-proxy-rules')?.scenario).toBe('kube-proxy');
    expect(lessonsForScenario('default').map((l) => l.id)).toContain('labels-and-selectors');
  });

  it('kube-proxy-rules: right after the Service is created, the nodes have no rules yet (the stale window)', () => {
    const lesson = getLesson('kube-proxy-rules')!;
    let s = start(lesson.scenario);
    const ctx: LessonContext = { traces: [] };
    s = produce(s, (d) => {
      lesson.steps[0].showMe(d, ctx);
    });
    expect(checkStep(lesson, 0, s, ctx)).toBe(true);
    expect(checkStep(lesson, 1, s, ctx)).toBe(false);
    s = produce(s, (d) => {
      settle(d);
    });
    expect(checkStep(lesson, 1, s, ctx)).toBe(true);
  });

  it('advanceLesson moves past every step that is already done', () => {
    const lesson = getLesson('labels-and-selectors')!;
    let s = start(lesson.scenario);
    const ctx: LessonContext = { traces: [] };
    expect(advanceLesson(lesson, 0, s, ctx)).toBe(0);
    s = produce(s, (d) => {
      lesson.steps[0].showMe(d, ctx);
      lesson.steps[1].showMe(d, ctx);
    });
    expect(advanceLesson(lesson, 0, s, ctx)).toBe(2);
    for (const st of lesson.steps.slice(2))
      s = produce(s, (d) => {
        st.showMe(d, ctx);
        settle(d);
      });
    expect(advanceLesson(lesson, 3, s, ctx)).toBe(lesson.steps.length);
    // Relabelling releases the Pod and the ReplicaSet replaces it, so "5 endpoints" still holds: nothing is undone.
    expect(advanceLesson(lesson, 2, s, ctx)).toBe(lesson.steps.length);
  });

  it('checks never throw, even on a cluster that has nothing they look for', () => {
    const s = start('empty');
    const passing: string[] = [];
    for (const l of listLessons())
      for (const st of l.steps) if (st.check(s, { traces: [] })) passing.push(`${l.id}/${st.id}`);
    // Only a "it is gone" step can hold on an empty cluster.
    expect(passing).toEqual(['kube-proxy-rules/delete']);
  });

  for (const lesson of listLessons()) {
    it(`${lesson.id}: show-me completes every step, and no step is done before it`, () => {
      let s = start(lesson.scenario);
      const ctx: LessonContext = { traces: [] };
      lesson.steps.forEach((step, i) => {
        if (!step.waits) expect(checkStep(lesson, i, s, ctx), `${step.id} passed before show-me`).toBe(false);
        s = produce(s, (d) => {
          step.showMe(d, ctx);
        });
        s = produce(s, (d) => {
          settle(d);
        });
        expect(checkStep(lesson, i, s, ctx), `${step.id} failed after show-me`).toBe(true);
      });
    });
  }
});
