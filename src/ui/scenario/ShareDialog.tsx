// The share dialog, loaded when Share is first pressed: the scenario (and, if wanted, the lesson step
// and the request in the trace panel) in the URL fragment. The link is copied when the browser allows
// it; otherwise it is selected in the dialog.
import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../store';
import {
  makeShareLink,
  shareableRequest,
  showLinkInAddressBar,
  type ShareChoice,
  type ShareLink,
} from '../../store/share-url';
import { loadFailure } from '../../store/lazy';

type Copy = 'copying' | 'copied' | 'manual';

export function ShareDialog() {
  const hasTrace = useStore((s) => shareableRequest(s) !== undefined);
  const hasLesson = useStore((s) => s.lesson !== null);
  const [choice, setChoice] = useState<ShareChoice>({ includeTrace: true, includeLesson: true });
  const [link, setLink] = useState<ShareLink | null>(null);
  const [copy, setCopy] = useState<Copy>('copying');
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    setLink(null);
    setProblem(null);
    makeShareLink(useStore.getState(), choice).then(
      async (l) => {
        if (!live) return;
        setLink(l);
        showLinkInAddressBar(useStore, l.fragment);
        try {
          if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
          await navigator.clipboard.writeText(l.url);
          if (live) setCopy('copied');
        } catch {
          if (!live) return;
          setCopy('manual');
        }
      },
      (e: Error) => live && setProblem(loadFailure('the share-link maker', e)),
    );
    return () => void (live = false);
  }, [choice]);

  useEffect(() => {
    if (link && copy === 'manual') {
      input.current?.focus();
      input.current?.select();
    }
  }, [link, copy]);

  return (
    <div className="share-dialog" data-testid="share-dialog">
      <h2 className="popover-title">Share this scenario</h2>
      <p className="popover-note">
        The link holds your objects and the cluster's settings; whoever opens it gets the same cluster.
      </p>
      <label className="toggle">
        <input
          type="checkbox"
          checked={hasTrace && choice.includeTrace}
          disabled={!hasTrace}
          onChange={(e) => setChoice({ ...choice, includeTrace: e.target.checked })}
        />
        <span>Include the request in the trace panel{hasTrace ? '' : ' (send one first)'}</span>
      </label>
      <label className="toggle">
        <input
          type="checkbox"
          checked={hasLesson && choice.includeLesson}
          disabled={!hasLesson}
          onChange={(e) => setChoice({ ...choice, includeLesson: e.target.checked })}
        />
        <span>Include the lesson step{hasLesson ? '' : ' (no lesson open)'}</span>
      </label>
      <label className="share-link">
        <span className="field-label">Link</span>
        <input
          ref={input}
          readOnly
          value={link?.url ?? (problem ? '' : 'Making the link…')}
          data-testid="share-url"
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
        />
      </label>
      <p className="share-status" role="status" data-testid="share-status">
        {problem ??
          (!link
            ? ''
            : copy === 'copied'
              ? `Link copied to the clipboard (${link.url.length.toLocaleString('en-US')} characters).`
              : copy === 'manual'
                ? 'Press Ctrl+C (⌘C) to copy the selected link.'
                : '')}
      </p>
      {link && !link.exact && (
        <p className="share-warn" title={link.differences.join('\n')}>
          Opened elsewhere, the cluster will differ a little:{' '}
          {link.differences.length === 1 ? 'one object' : `${link.differences.length} objects`} will get other names or
          addresses (hover for the list). A Pod still bound to a removed node, for one, cannot be rebuilt as it is.
        </p>
      )}
    </div>
  );
}
