// What the canvas shows in focus: the Service the pointer rests on (or the selected one), whose Pods
// and lines stand out while every other Pod dims; and which collapsed lanes the user has opened.
// A view concern, so it lives beside the canvas, not in the cluster store.
import { create } from 'zustand';
import { useStore } from '../../store';

interface CanvasView {
  /** the id (svc/ns/name) of the Service card under the pointer */
  hover: string | null;
  /** lanes whose groups of Pods are drawn one card per Pod */
  expanded: string[];
}

export const useCanvasView = create<CanvasView>(() => ({ hover: null, expanded: [] }));

export const setHoverService = (id: string | null) => useCanvasView.setState({ hover: id });
export const toggleLane = (lane: string) =>
  useCanvasView.setState((s) => ({
    expanded: s.expanded.includes(lane) ? s.expanded.filter((l) => l !== lane) : [...s.expanded, lane],
  }));

/** The Service in focus: the one hovered, else the one selected (svc/ns/name), else null. */
export function useFocusService(): string | null {
  const hover = useCanvasView((s) => s.hover);
  const selected = useStore((s) => (s.selection?.startsWith('svc/') ? s.selection : null));
  return hover ?? selected;
}
