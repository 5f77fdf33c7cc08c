// Presentation mode (large type, one panel), the read-only view, and the shortcut list.
import { useStore, type PresentPanel } from '../../store';
import { LockIcon, PresentIcon } from './icons';

const PANELS: [PresentPanel, string][] = [
  ['trace', 'Trace'],
  ['lessons', 'Lessons'],
  ['send', 'Send request'],
  ['selection', 'Selection'],
  ['cluster', 'Cluster'],
  ['bottom', 'Bottom panel'],
  ['none', 'None'],
];

export function ViewTools() {
  const presenting = useStore((s) => s.presenting);
  const panel = useStore((s) => s.presentPanel);
  const readOnly = useStore((s) => s.readOnly);
  const { setPresenting, setPresentPanel, setReadOnly, setShortcutsOpen } = useStore.getState();
  return (
    <div className="view-tools" role="group" aria-label="View">
      <button
        type="button"
        className={`bar-btn${presenting ? ' on' : ''}`}
        aria-pressed={presenting}
        aria-label="Present"
        onClick={() => setPresenting(!presenting)}
        title="Presentation mode: large type, one panel (P)"
        data-testid="present-toggle"
      >
        <PresentIcon /> <span className="bar-label">Present</span>
      </button>
      {presenting && (
        <label className="present-panel">
          <span>Panel</span>
          <select
            value={panel}
            onChange={(e) => setPresentPanel(e.target.value as PresentPanel)}
            aria-label="Panel shown while presenting"
            data-testid="present-panel"
          >
            {PANELS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
      )}
      <button
        type="button"
        className={`bar-btn icon-only${readOnly ? ' on warn' : ''}`}
        aria-pressed={readOnly}
        aria-label="Read-only"
        onClick={() => setReadOnly(!readOnly)}
        title="Read-only view: no changes to the cluster"
        data-testid="readonly-toggle"
      >
        <LockIcon />
      </button>
      <button
        type="button"
        className="icon-btn"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => setShortcutsOpen(true)}
      >
        ?
      </button>
    </div>
  );
}
