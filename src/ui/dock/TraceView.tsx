// The focused request as text: the verdict (also announced in a live region) once its packet has
// arrived, then its hops as the packet reaches them (or all at once), each with its place, the rule
// that matched, the addresses it changed and the note. The hop the packet shows is marked. With
// "predict first", the packet waits at its sender for a guess. Below, the last requests, to replay.
import { useSyncExternalStore } from 'react';
import { useStore, type RequestRecord } from '../../store';
import { playback } from '../playback';
import { Section } from './Field';
import { lazyPart } from '../lazy-part';
import './trace.css';

// shown only once there are requests: loaded then (and while the page is idle)
const extras = () => import('./TraceExtras');
const Prediction = lazyPart(() => extras().then((m) => m.Prediction), 'the prediction');
const RequestList = lazyPart(() => extras().then((m) => m.RequestList), 'the request list');
const HopList = lazyPart(() => extras().then((m) => m.HopList), 'the hop list');

export function TraceView() {
  const rec = useStore((s) =>
    s.focusedRequest === null ? undefined : s.requests.find((r) => r.id === s.focusedRequest),
  );
  const cursor = useSyncExternalStore(playback.subscribe, playback.getCursor);
  const predict = useStore((s) => s.predict);
  const follow = useStore((s) => s.followPacket);
  const { setPredict, setFollowPacket } = useStore.getState();
  const mine = !!rec && cursor.requestId === rec.id;
  const hop = mine ? cursor.hop : -1;
  const hidden = !!rec && !rec.revealed;
  const verdict = hidden ? 'in-flight' : (rec?.trace?.verdict ?? (rec ? 'not-sent' : 'none'));
  const total = rec?.trace?.hops.length ?? 0;
  // the hops the packet has reached, unless the learner asked for all of them
  const shown = !rec?.trace ? 0 : cursor.showAll || (!mine && !hidden) ? total : mine ? cursor.hop + 1 : 1;
  return (
    <Section title="Trace" id="trace">
      <div className="trace-options">
        <label className="toggle">
          <input type="checkbox" checked={predict} onChange={(e) => setPredict(e.target.checked)} />
          <span>Predict first</span>
        </label>
        <label className="toggle">
          <input type="checkbox" checked={follow} onChange={(e) => setFollowPacket(e.target.checked)} />
          <span>Follow the packet</span>
        </label>
      </div>
      <div
        className={`verdict v-${verdict}`}
        role="status"
        aria-live="polite"
        data-testid="verdict"
        data-verdict={verdict}
        data-request={rec?.id ?? 0}
      >
        {rec ? (
          <VerdictText rec={rec} hidden={hidden} />
        ) : (
          <span className="muted">Send a request to see its path here.</span>
        )}
      </div>
      {rec && mine && (cursor.held || cursor.guess) && <Prediction rec={rec} held={cursor.held} guess={cursor.guess} />}
      {rec?.dns && <div className="dns-line mono">{rec.dns}</div>}
      {rec?.trace && (
        <>
          <HopList rec={rec} shown={shown} hop={hop} />
          {shown < total && (
            <button
              type="button"
              className="link-btn"
              data-testid="show-all-hops"
              onClick={() => playback.setShowAll(true)}
            >
              Show all {total} hops now
            </button>
          )}
        </>
      )}
      {rec && <RequestList />}
    </Section>
  );
}

function VerdictText({ rec, hidden }: { rec: RequestRecord; hidden: boolean }) {
  if (hidden)
    return (
      <>
        <span className="verdict-icon" aria-hidden="true">
          {'\u2192'}
        </span>
        <span>
          {rec.from} → {rec.to}: on its way…
        </span>
      </>
    );
  return (
    <>
      <span className="verdict-icon" aria-hidden="true">
        {rec.ok ? '\u2713' : '\u2715'}
      </span>
      <span>{rec.summary}</span>
    </>
  );
}
