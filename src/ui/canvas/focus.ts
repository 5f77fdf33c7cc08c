// What the canvas shows in focus: the Service the pointer rests on (or the selected one), whose Pods
// and lines stand out while every other Pod dims; and which collapsed lanes the user has opened.
// A view concern, so it lives beside the canvas, not in the cluster store.
import { create } from 'zustand';
import { useStore } from '../../store';

interface CanvasView {
  /** the id (svc/ns/name) of the Service card under the pointer */
  hover: string | null;
  /**
   * the groups of Pods the user opened, the latest last: lanes (`ns/names`) and, on a big cluster,
   * machines (graph.ts machineKey). The canvas draws them one card per Pod, the latest first, as many
   * as its card budget allows.
   */
  expanded: string[];
}

export const useCanvasView = create<CanvasView>(() => ({ hover: null, expanded: [] }));

export const setHoverService = (id: string | null) => useCanvasView.setState({ hover: id });
/** Open groups of Pods (a lane, a machine): they become the latest opened, in this order. */
export const openGroups = (keys: string[]) =>
  useCanvasView.setState((s) => ({ expanded: [...s.expanded.filter((k) => !keys.includes(k)), ...keys] }));
/** Draw a group (a machine) as one card again. */
export const closeGroup = (key: string) =>
  useCanvasView.setState((s) => ({ expanded: s.expanded.filter((k) => k !== key) }));

/** The Service in focus: the one hovered, else the one selected (svc/ns/name), else null. */
export function useFocusService(): string | null {
  const hover = useCanvasView((s) => s.hover);
  const selected = useStore((s) => (s.selection?.startsWith('svc/') ? s.selection : null));
  return hover ?? selected;
}
