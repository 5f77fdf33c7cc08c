// The challenges' content: the overview (every built-in challenge with the progress kept in this
// browser, and Load file…), or the active challenge: its story, its objectives with their live status,
// hints one at a time, the walkthrough on request, and a solved state. Text is rendered as text.
import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../store';
import { challengeModule } from '../../store/challenge-slice';
import { activeChallenge } from '../../store/challenge-run';
import { useLazy } from '../lazy-part';
import { challengeLink } from './challenge-link';

const LEVEL = ['', 'first look', 'a few places to look', 'several places to look'];

function Overview() {
  const { loaded: m } = useLazy(challengeModule);
  const progress = useStore((s) => s.challengeProgress);
  const errors = useStore((s) => s.challengeErrors);
  const start = useStore((s) => s.startChallenge);
  const file = useRef<HTMLInputElement>(null);
  if (!m) return null;
  const list = m.listChallenges();
  const solvedCount = list.filter((c) => progress[c.name]?.solved).length;
  return (
    <div className="challenge-list" data-testid="challenge-list">
      <p className="hint">
        Something is broken. Find out why, from the console or the canvas, and fix it: each challenge checks by itself
        whether the cluster now behaves. {solvedCount} of {list.length} solved.
      </p>
      <ul>
        {list.map((c) => {
          const p = progress[c.name];
          return (
            <li key={c.name}>
              <button
                type="button"
                className="lesson-item"
                onClick={() => start({ name: c.name })}
                data-challenge={c.name}
              >
                <span className="lesson-item-title">{c.title}</span>
                <span className={`lesson-item-progress${p?.solved ? ' done' : ''}`}>
                  {p?.solved ? '\u2713 Solved' : `Level ${c.level}`}
                </span>
                <span className="lesson-item-summary">
                  {LEVEL[c.level]}
                  {p && !p.solved && p.hints ? `, ${p.hints} hint${p.hints === 1 ? '' : 's'} opened` : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <div className="actions">
        <button type="button" className="btn" onClick={() => file.current?.click()}>
          Load a challenge file…
        </button>
        <input
          ref={file}
          type="file"
          accept=".yaml,.yml,application/yaml,text/plain"
          className="sr-only"
          tabIndex={-1}
          aria-label="Challenge file to load"
          data-testid="challenge-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void f.text().then((yaml) => start({ yaml, source: f.name }));
            e.target.value = '';
          }}
        />
      </div>
      {errors && (
        <div className="callout warn" role="alert" data-testid="challenge-errors">
          <strong>This challenge could not be opened:</strong>
          <ul>
            {errors.map((e) => (
              <li key={e} className="mono">
                {e}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function Solved({ title }: { title: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // the learner may be reading the walkthrough further down: bring the news into view
  useEffect(() => {
    // (a block body: newer browsers return a promise from scrollIntoView, which React would take for a cleanup)
    ref.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, []);
  return (
    <div className="challenge-solved" role="status" data-testid="challenge-solved" ref={ref}>
      <span className="burst" aria-hidden="true">
        {'\u2605'}
      </span>
      <div>
        <strong>Solved!</strong> Every objective is met by the cluster as it is now: {title} is fixed.
      </div>
    </div>
  );
}

function Active() {
  const c = useStore((s) => s.challenge)!;
  const { exitChallenge, showChallengeHint, showChallengeWalkthrough, resetCluster } = useStore.getState();
  const [copied, setCopied] = useState(false);
  const ch = activeChallenge(c);
  if (!ch) return <p className="panel-loading">Loading…</p>;
  const share = () => {
    const url = challengeLink(c.yaml ? { yaml: c.yaml } : { name: c.name });
    void navigator.clipboard?.writeText(url).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div
      className="challenge"
      data-testid="challenge"
      data-challenge={c.name}
      data-solved={c.solved ? 'true' : 'false'}
    >
      {c.solved && <Solved title={ch.title} />}
      <h3 className="challenge-title">{ch.title}</h3>
      <p className="challenge-story">{ch.story}</p>
      <h4 className="challenge-h">Objectives</h4>
      <ul className="objectives" data-testid="challenge-objectives">
        {ch.objectives.map((o, i) => {
          const r = c.results?.[i];
          const state = !r ? 'unknown' : r.met ? 'met' : 'unmet';
          return (
            <li key={i} className={`objective-row ${state}`} data-met={state}>
              <span className="mark" aria-hidden="true">
                {state === 'met' ? '\u2713' : state === 'unmet' ? '\u2717' : '\u2026'}
              </span>
              <span>
                {o.text}
                <span className="sr-only">{state === 'met' ? ' (met)' : state === 'unmet' ? ' (not met)' : ''}</span>
                {r && <span className="objective-detail">Now: {r.detail}</span>}
              </span>
            </li>
          );
        })}
      </ul>
      <div className="hints">
        {c.hints > 0 && (
          <ol className="hint-list" data-testid="challenge-hints">
            {ch.hints.slice(0, c.hints).map((h, i) => (
              <li key={i}>{h}</li>
            ))}
          </ol>
        )}
        {c.hints < ch.hints.length && (
          <button type="button" className="btn" onClick={showChallengeHint}>
            {c.hints === 0 ? 'Show a hint' : 'Another hint'} ({c.hints + 1} of {ch.hints.length})
          </button>
        )}
      </div>
      {c.walkthrough ? (
        <ol className="walkthrough" data-testid="challenge-walkthrough">
          {ch.walkthrough.map((w, i) => (
            <li key={i}>
              {w.text}
              {w.command && <code className="walk-cmd">{w.command}</code>}
            </li>
          ))}
        </ol>
      ) : (
        <button type="button" className="link-btn" onClick={showChallengeWalkthrough}>
          Show the walkthrough (how to find it, step by step)
        </button>
      )}
      <div className="actions">
        <button type="button" className="btn" onClick={resetCluster} title="Back to the broken cluster">
          Start over
        </button>
        <button type="button" className="btn" onClick={share}>
          {copied ? 'Link copied' : 'Copy share link'}
        </button>
        <button type="button" className="btn" onClick={exitChallenge}>
          All challenges
        </button>
      </div>
    </div>
  );
}

export function ChallengesBody() {
  const active = useStore((s) => s.challenge !== null);
  const { loaded } = useLazy(challengeModule);
  if (!loaded) return <p className="panel-loading">Loading…</p>;
  return active ? <Active /> : <Overview />;
}
