// The last requests, newest first, whoever made them (the Send form, the console, a lesson, continuous
// traffic): choosing one replays its packet from the start and shows its trace, to step and inspect.
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';
import { replayRequest } from '../playback';

const SHOWN = 25;
/** rows travel as strings (a selector must not return new objects); a console line may hold any text */
const SEP = '\u001f';
const ORIGIN: Record<string, string> = {
  send: 'form',
  traffic: 'traffic',
  console: 'console',
  lesson: 'lesson',
  share: 'link',
};

export function RequestList() {
  const rows = useStore(
    useShallow((s) =>
      s.requests
        .slice(-SHOWN)
        .reverse()
        .map((r) =>
          [r.id, r.origin, !r.revealed ? 'wait' : r.ok ? 'ok' : 'fail', `${r.from} → ${r.to}`, r.command ?? ''].join(
            SEP,
          ),
        ),
    ),
  );
  const focused = useStore((s) => s.focusedRequest);
  if (!rows.length) return null;
  return (
    <details className="request-list" data-testid="request-list">
      <summary>Recent requests ({rows.length})</summary>
      <ol>
        {rows.map((row) => {
          const [id, origin, state, text, command] = row.split(SEP);
          const n = Number(id);
          return (
            <li
              key={id}
              className={`rq rq-${state}${n === focused ? ' focused' : ''}`}
              data-testid="request-row"
              data-origin={origin}
            >
              <button
                type="button"
                className="rq-btn"
                onClick={() => replayRequest(n)}
                title={command ? `${command} — replay` : 'Replay this request'}
                aria-current={n === focused ? 'true' : undefined}
              >
                <span className="rq-mark" aria-hidden="true">
                  {state === 'wait' ? '\u2192' : state === 'ok' ? '\u2713' : '\u2715'}
                </span>
                <span className="rq-origin">{ORIGIN[origin] ?? origin}</span>
                <span className="rq-text">{text}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </details>
  );
}
