// The keyboard shortcut list ("?"), loaded the first time it is opened.
import { useEffect, useRef } from 'react';
import { useStore } from '../../store';

/** keys (any of them) and what they do */
export const SHORTCUTS: readonly [string[], string][] = [
  [['Space'], 'Play / pause'],
  [['→'], 'Step the packet one hop forward'],
  [['←'], 'Step the packet one hop back'],
  [['S'], 'Send the request'],
  [['K'], 'Kill the selected Pod'],
  [['P'], 'Presentation mode on / off'],
  [['Ctrl+Z'], 'Undo'],
  [['Ctrl+Shift+Z', 'Ctrl+Y'], 'Redo'],
  [['?'], 'Show these shortcuts'],
  [['Esc'], 'Close a dialog'],
];

export function ShortcutsDialog() {
  const open = useStore((s) => s.shortcutsOpen);
  const setOpen = useStore((s) => s.setShortcutsOpen);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="shortcuts"
      aria-labelledby="shortcuts-title"
      onClose={() => setOpen(false)}
      data-testid="shortcuts"
    >
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map(([keys, what]) => (
          <div key={what} className="shortcut-row">
            <dt>
              {keys.map((k, i) => (
                <span key={k}>
                  {i > 0 && 'or '}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="btn primary" onClick={() => setOpen(false)}>
        Close
      </button>
    </dialog>
  );
}
