// The last command's outcome: errors in the apiserver's words (role=alert), otherwise a quiet status.
import { useStore } from '../../store';

export function Notice() {
  const notice = useStore((s) => s.notice);
  const dismiss = useStore((s) => s.dismissNotice);
  if (!notice) return null;
  return (
    <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
      <span className="mono">{notice.text}</span>
      <button type="button" className="link-btn" onClick={dismiss} aria-label="Dismiss">
        {'\u2715'}
      </button>
    </div>
  );
}
