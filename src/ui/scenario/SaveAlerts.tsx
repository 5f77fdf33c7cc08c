// What the saving machinery has to say (src/store/save-status.ts): a save that could not be read and is
// kept aside, a full storage, another tab, the previous work a link replaced. Each says what is at stake
// and offers the file to keep it.
import { useSyncExternalStore } from 'react';
import { dismissSaveAlert, onSaveAlerts, saveAlerts } from '../../store/save-status';
import { download } from '../download';

export function SaveAlerts() {
  const alerts = useSyncExternalStore(onSaveAlerts, saveAlerts);
  if (!alerts.length) return null;
  return (
    <div className="save-alerts" data-testid="save-alerts">
      {alerts.map((a) => (
        <div
          key={a.id}
          className={`save-alert ${a.kind}`}
          role={a.kind === 'error' ? 'alert' : 'status'}
          data-testid={`save-alert-${a.id}`}
        >
          <span className="save-alert-text">{a.text}</span>
          <span className="save-alert-actions">
            {a.download && (
              <button
                type="button"
                className="btn"
                onClick={() => {
                  const text = a.download!.text();
                  if (text !== null) download(new Blob([text], { type: 'application/octet-stream' }), a.download!.name);
                }}
              >
                {a.download.label}
              </button>
            )}
            {a.actions?.map((x) => (
              <button key={x.label} type="button" className="btn" onClick={x.run}>
                {x.label}
              </button>
            ))}
            <button type="button" className="link-btn" onClick={() => dismissSaveAlert(a.id)} aria-label="Dismiss">
              {'\u2715'}
            </button>
          </span>
        </div>
      ))}
    </div>
  );
}
