// What the saving machinery has to tell the user (saved work that could not be read, a full storage,
// another tab, the work a link replaced): a tiny store of its own, outside the app's Zustand store, so
// that persisting never becomes an undoable command and the UI reads it with useSyncExternalStore.
export interface SaveAlert {
  id: 'unreadable' | 'quota' | 'tabs' | 'previous' | 'repaired' | 'dropped';
  kind: 'error' | 'info';
  text: string;
  /** a file the user can download to keep what is at stake */
  download?: { label: string; name: string; text: () => string | null };
  actions?: { label: string; run: () => void }[];
  /** what Dismiss does besides hiding the alert */
  onDismiss?: () => void;
}

let alerts: SaveAlert[] = [];
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((f) => f());

export function setSaveAlert(a: SaveAlert) {
  alerts = [...alerts.filter((x) => x.id !== a.id), a];
  emit();
}
export function clearSaveAlert(id: SaveAlert['id']) {
  if (!alerts.some((x) => x.id === id)) return;
  alerts = alerts.filter((x) => x.id !== id);
  emit();
}
export function dismissSaveAlert(id: SaveAlert['id']) {
  alerts.find((x) => x.id === id)?.onDismiss?.();
  clearSaveAlert(id);
}
export const saveAlerts = () => alerts;
export function onSaveAlerts(f: () => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}
