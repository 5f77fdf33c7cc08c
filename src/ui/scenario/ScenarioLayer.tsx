// What the scenario side adds over the whole app: the shared-link alert, the read-only badge, the
// shortcut list, the keyboard shortcuts, and presentation mode's layout (attributes on <html> that
// scenario.css reads, so no other component has to know about it).
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useStore } from '../../store';
import { handleShortcut } from './shortcuts';
import { onSaveAlerts, saveAlerts } from '../../store/save-status';
import { lazyPart } from '../lazy-part';
import { BusyProgress } from './BusyProgress';
import './scenario.css';

const SaveAlerts = lazyPart(() => import('./SaveAlerts').then((m) => m.SaveAlerts), 'the saving messages');

/** What saving has to say (a save kept aside, a full storage, another tab): its words load only when there is something. */
function SaveAlertsHost() {
  const any = useSyncExternalStore(onSaveAlerts, () => saveAlerts().length > 0);
  return any ? <SaveAlerts /> : null;
}

const ShortcutsDialog = lazyPart(() => import('./ShortcutsDialog').then((m) => m.ShortcutsDialog), 'the shortcut list');

function ShareAlert() {
  const problem = useStore((s) => s.shareProblem);
  const dismiss = useStore((s) => s.reportShareProblem);
  if (!problem) return null;
  return (
    <div className="share-alert" role="alert" data-testid="share-alert">
      <strong>The shared link could not be opened.</strong>
      <span>{problem.text}</span>
      <span className="muted">Your current work is unchanged.</span>
      <button type="button" className="link-btn" onClick={() => dismiss(null)} aria-label="Dismiss">
        {'\u2715'}
      </button>
    </div>
  );
}

function usePresentationAttributes() {
  const presenting = useStore((s) => s.presenting);
  const panel = useStore((s) => s.presentPanel);
  const readOnly = useStore((s) => s.readOnly);
  const first = useRef(true);
  useEffect(() => {
    const html = document.documentElement;
    if (presenting) html.dataset.present = panel;
    else delete html.dataset.present;
    if (first.current) return void (first.current = false);
    // The canvas's size changed: fit the picture to it again (the canvas's own Fit view control).
    const t = setTimeout(() => document.querySelector<HTMLButtonElement>('.react-flow__controls-fitview')?.click(), 80);
    return () => clearTimeout(t);
  }, [presenting, panel]);
  useEffect(() => {
    if (readOnly) document.documentElement.dataset.readonly = 'true';
    else delete document.documentElement.dataset.readonly;
  }, [readOnly]);
}

export function ScenarioLayer() {
  usePresentationAttributes();
  const readOnly = useStore((s) => s.readOnly);
  const shortcutsOpen = useStore((s) => s.shortcutsOpen);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { shortcutsOpen, setShortcutsOpen } = useStore.getState();
      if (shortcutsOpen) return; // the dialog is modal: Esc closes it
      if (handleShortcut(e, useStore, () => setShortcutsOpen(true))) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <ShareAlert />
      <BusyProgress />
      <SaveAlertsHost />
      {readOnly && (
        <div className="readonly-badge" data-testid="readonly-badge">
          Read-only view: changes to the cluster are turned off
        </div>
      )}
      {shortcutsOpen && <ShortcutsDialog />}
    </>
  );
}
