// The guided lessons, grouped by the chapter's four learning objectives. Ids and step order are
// part of saved progress and share links (lesson id + step index): append, do not reorder.
import type { ClusterState } from '../model/state';
import type { Lesson, LessonContext, ObjectiveId } from './lessons/types';
import { labelsAndSelectors, podsAreEphemeral } from './lessons/grouping';
import { kubeProxyRules, sessionAffinityLesson } from './lessons/kube-proxy';
import { discoveryDnsLesson, discoveryEnvLesson, headlessLesson } from './lessons/discovery';
import { clusterIPAndNodePort, loadBalancerLesson } from './lessons/service-types';
import { externalIPLesson, externalNameLesson, trafficPolicyLesson } from './lessons/external';
import { dataPlanesLesson } from './lessons/data-planes';
import { zeroDowntimeRollout } from './lessons/rollout';

export type { ConsoleLine, Lesson, LessonContext, LessonStep, ObjectiveId } from './lessons/types';

export const OBJECTIVES: readonly { id: ObjectiveId; text: string }[] = [
  { id: 'grouping', text: 'Discuss the benefits of grouping Pods into Services to access an application.' },
  { id: 'kube-proxy', text: 'Explain the role of the kube-proxy daemon running on each worker node.' },
  { id: 'discovery', text: 'Explore the Service discovery options available in Kubernetes.' },
  { id: 'service-types', text: 'Discuss different Service types.' },
];

const ALL: readonly Lesson[] = [
  podsAreEphemeral,
  labelsAndSelectors,
  kubeProxyRules,
  sessionAffinityLesson,
  discoveryEnvLesson,
  discoveryDnsLesson,
  headlessLesson,
  clusterIPAndNodePort,
  loadBalancerLesson,
  externalIPLesson,
  externalNameLesson,
  trafficPolicyLesson,
  dataPlanesLesson,
  zeroDowntimeRollout,
];

export function listLessons(): readonly Lesson[] {
  return ALL;
}

export function getLesson(id: string): Lesson | undefined {
  return ALL.find((l) => l.id === id);
}

export function lessonsForScenario(scenarioId: string): Lesson[] {
  return ALL.filter((l) => l.scenario === scenarioId);
}

/** Run a step's check; a check that throws (a half-built cluster, a missing object) counts as not done. */
export function checkStep(lesson: Lesson, index: number, state: ClusterState, ctx: LessonContext): boolean {
  const step = lesson.steps[index];
  if (!step) return false;
  try {
    return step.check(state, ctx);
  } catch {
    return false;
  }
}

/**
 * Where the learner is after an action: from step `index`, move past every step whose check now
 * passes (a step that was already done when reached counts as done). Returns steps.length when the
 * lesson is complete.
 */
export function advanceLesson(lesson: Lesson, index: number, state: ClusterState, ctx: LessonContext): number {
  let i = Math.max(0, index);
  while (i < lesson.steps.length && checkStep(lesson, i, state, ctx)) i++;
  return i;
}
