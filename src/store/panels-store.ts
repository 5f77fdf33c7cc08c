// The look-inside panels' slices, combined so the root store adds them with one line.
import type { StateCreator } from 'zustand';
import type { Store } from './types';
import type { PanelsStore } from './panels-types';
import { createPanelsSlice } from './panels-slice';
import { createConsoleSlice } from './console-slice';
import { createYamlSlice } from './yaml-slice';

export const createPanelsStore: StateCreator<Store, [['zustand/immer', never]], [], PanelsStore> = (...a) => ({
  ...createPanelsSlice(...a),
  ...createConsoleSlice(...a),
  ...createYamlSlice(...a),
});
