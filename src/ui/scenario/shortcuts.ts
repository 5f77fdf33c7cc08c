// Keyboard shortcuts, for teaching from the keyboard. Ignored while typing in a field, and when a
// focused control already handled the key (a tab list's arrows, a button's Space). The list the "?"
// dialog shows is in ShortcutsDialog.tsx: keep the two in step.
import type { AppStore } from '../../store';
import { playback } from '../playback';

function typing(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el || !el.tagName) return false;
  const tag = el.tagName;
  return (
    tag === 'INPUT' ||
    tag === 'TEXTAREA' ||
    tag === 'SELECT' ||
    el.isContentEditable ||
    !!el.closest('[role="textbox"], .cm-editor')
  );
}

/** A focused control that uses Space or the arrows itself. */
function ownsKey(t: EventTarget | null, key: string): boolean {
  const el = t as HTMLElement | null;
  if (!el || !el.closest) return false;
  if (key === 'ArrowLeft' || key === 'ArrowRight')
    return !!el.closest('[role="tablist"], [role="separator"], [role="slider"], [role="listbox"], [role="menu"]');
  return false;
}

/**
 * Space on the page or the canvas's background plays and pauses. React Flow claims Space on the whole
 * window (hold it to pan) and prevents its default, so for Space it is where the focus is that counts.
 */
function spaceIsFree(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el || el === document.body || el === document.documentElement) return true;
  return !!el.closest?.('.react-flow') && !el.closest('.react-flow__node, button, a[href]');
}

export function handleShortcut(e: KeyboardEvent, store: AppStore, toggleHelp: () => void): boolean {
  if (e.altKey) return false;
  if (e.key === ' ' && !e.ctrlKey && !e.metaKey) {
    if (!spaceIsFree(e.target)) return false;
    const s = store.getState();
    if (s.playing) s.pause();
    else s.play();
    return true;
  }
  if (e.defaultPrevented) return false;
  const s = store.getState();
  const mod = e.ctrlKey || e.metaKey;
  const k = e.key;
  if (mod) {
    if (typing(e.target)) return false; // the field's own undo
    const z = k.toLowerCase() === 'z';
    if (z && !e.shiftKey) s.undo();
    else if ((z && e.shiftKey) || k.toLowerCase() === 'y') s.redo();
    else return false;
    return true;
  }
  if (typing(e.target) || ownsKey(e.target, k)) return false;
  switch (k) {
    case 'ArrowRight':
      playback.step(1);
      return true;
    case 'ArrowLeft':
      playback.step(-1);
      return true;
    case 's':
    case 'S':
      s.send();
      return true;
    case 'k':
    case 'K': {
      const sel = s.selection;
      if (!sel?.startsWith('pod/')) {
        s.dismissNotice();
        store.setState(
          (d) =>
            void (d.notice = {
              id: Date.now(),
              kind: 'info',
              text: 'K kills the selected Pod: select a Pod on the canvas first.',
            }),
        );
        return true;
      }
      const [, ns, name] = sel.split('/');
      s.killPod(ns, name);
      return true;
    }
    case 'p':
    case 'P':
      s.setPresenting(!s.presenting);
      return true;
    case '?':
      toggleHelp();
      return true;
    default:
      return false;
  }
}
