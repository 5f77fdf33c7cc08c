// Undo and redo (also Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y): every command, never the clock.
import { useStore } from '../../store';
import { RedoIcon, UndoIcon } from './icons';

export function HistoryButtons() {
  const undoLabel = useStore((s) => s.past.at(-1)?.label ?? null);
  const redoLabel = useStore((s) => s.future.at(-1)?.label ?? null);
  const { undo, redo } = useStore.getState();
  return (
    <div className="history" role="group" aria-label="History">
      <button
        type="button"
        className="icon-btn"
        onClick={undo}
        disabled={undoLabel === null}
        aria-label={undoLabel ? `Undo: ${undoLabel}` : 'Undo'}
        title={undoLabel ? `Undo: ${undoLabel} (Ctrl+Z)` : 'Nothing to undo'}
        data-testid="undo"
      >
        <UndoIcon />
      </button>
      <button
        type="button"
        className="icon-btn"
        onClick={redo}
        disabled={redoLabel === null}
        aria-label={redoLabel ? `Redo: ${redoLabel}` : 'Redo'}
        title={redoLabel ? `Redo: ${redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}
        data-testid="redo"
      >
        <RedoIcon />
      </button>
    </div>
  );
}
