// The progress of work the engine Worker does for the page (opening a big share link, making a share
// link): shown once it has taken half a second, so quick ones do not flash. The page stays usable
// meanwhile; the result replaces the cluster in one undoable step when it is ready.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { busyNow, onBusy } from '../../store/busy';

const SHOW_AFTER_MS = 500;

export function BusyProgress() {
  const busy = useSyncExternalStore(onBusy, busyNow);
  const running = busy !== null;
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!running) return;
    const t = setTimeout(() => setShown(true), SHOW_AFTER_MS);
    return () => {
      clearTimeout(t);
      setShown(false);
    };
  }, [running]);
  if (!busy || !shown) return null;
  const determinate = busy.total !== null && busy.done !== null && busy.done < busy.total;
  return (
    <div className="busy-progress" data-testid="busy-progress">
      <span role="status">{busy.text}</span>
      <progress
        aria-label={busy.text}
        max={determinate ? busy.total! : undefined}
        value={determinate ? busy.done! : undefined}
      />
    </div>
  );
}
