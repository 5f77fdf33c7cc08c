// The scenario side's slices (history, scenario, lesson, view), combined so the root store adds them
// with one line.
import type { StateCreator } from 'zustand';
import type { Store } from './types';
import type { HistorySlice, LessonSlice, ScenarioSlice, ViewSlice } from './scenario-types';
import { createHistorySlice } from './history-slice';
import { createScenarioSlice } from './scenario-slice';
import { createLessonSlice } from './lesson-slice';
import { createViewSlice } from './view-slice';
import { createChallengeSlice, type ChallengeSlice } from './challenge-slice';

export const createScenarioStore: StateCreator<
  Store,
  [['zustand/immer', never]],
  [],
  HistorySlice & ScenarioSlice & LessonSlice & ViewSlice & ChallengeSlice
> = (...a) => ({
  ...createChallengeSlice(...a),
  ...createHistorySlice(...a),
  ...createScenarioSlice(...a),
  ...createLessonSlice(...a),
  ...createViewSlice(...a),
});
