// The lessons' content, loaded on first use together with the scenario kit (which holds the lessons): choose one (grouped by
// the chapter's four objectives), then step n of m with the instruction, hints on demand and "Show me".
// The simulator checks each step by itself. Lesson text is rendered as text (commands in it as <code>),
// never as HTML.
import { useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Lesson } from '../../sim';
import type { Kit } from '../../store/kit-loader';
import { useStore } from '../../store';
import { onProgress, progressSnapshot, type Progress } from '../../store/persist';

/** Commands in parentheses ("(kubectl get pods -o wide)") set as code; everything else as text. */
export function LessonText({ text }: { text: string }) {
  const out: ReactNode[] = [];
  const re = /\(((?:kubectl|iptables-save|iptables|nslookup|curl|wget|env|cat)\b[^()]*)\)/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(text.slice(last, m.index), '(', <code key={m.index}>{m[1]}</code>, ')');
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return <>{out}</>;
}

function progressText(l: Lesson, p: Progress[string] | undefined): string {
  if (!p) return `${l.steps.length} steps`;
  if (p.done) return 'Completed';
  return `Reached step ${Math.min(p.step + 1, l.steps.length)} of ${l.steps.length}`;
}

function LessonList({ kit }: { kit: Kit }) {
  const progress = useSyncExternalStore(onProgress, progressSnapshot);
  const start = useStore((s) => s.startLesson);
  return (
    <div className="lesson-list">
      <p className="hint">
        Each lesson opens its scenario (Undo brings your cluster back) and checks every step by itself.
      </p>
      {kit.OBJECTIVES.map((o, i) => (
        <div key={o.id} className="objective" role="group" aria-labelledby={`objective-${o.id}`}>
          <h3 id={`objective-${o.id}`} className="objective-title">
            <span className="objective-n">{i + 1}</span> {o.text}
          </h3>
          <ul>
            {kit
              .listLessons()
              .filter((l) => l.objective === o.id)
              .map((l) => {
                const p = progress[l.id];
                return (
                  <li key={l.id}>
                    <button type="button" className="lesson-item" onClick={() => start(l.id)} data-lesson={l.id}>
                      <span className="lesson-item-title">{l.title}</span>
                      <span className={`lesson-item-progress${p?.done ? ' done' : ''}`}>
                        {p?.done ? '\u2713 ' : ''}
                        {progressText(l, p)}
                      </span>
                      <span className="lesson-item-summary">{l.summary}</span>
                    </button>
                  </li>
                );
              })}
          </ul>
        </div>
      ))}
    </div>
  );
}

function Hints({ hints }: { hints: string[] }) {
  const [shown, setShown] = useState(0);
  return (
    <div className="hints">
      {shown > 0 && (
        <ul className="hint-list" data-testid="lesson-hints">
          {hints.slice(0, shown).map((h, i) => (
            <li key={i}>
              <LessonText text={h} />
            </li>
          ))}
        </ul>
      )}
      {shown < hints.length && (
        <button type="button" className="btn" onClick={() => setShown(shown + 1)}>
          {shown === 0 ? 'Show a hint' : 'Another hint'} ({shown + 1} of {hints.length})
        </button>
      )}
    </div>
  );
}

function nextLesson(kit: Kit, l: Lesson): Lesson | undefined {
  const all = kit.listLessons();
  return all[all.indexOf(l) + 1];
}

function LessonView({ kit, lesson }: { kit: Kit; lesson: Lesson }) {
  const step = useStore((s) => s.lesson?.step ?? 0);
  const playing = useStore((s) => s.playing);
  const { showMe, exitLesson, startLesson } = useStore.getState();
  const [announce, setAnnounce] = useState('');
  const [prevStep, setPrevStep] = useState(step);
  if (step !== prevStep) {
    setPrevStep(step);
    if (step > prevStep)
      setAnnounce(
        step >= lesson.steps.length ? 'Lesson complete.' : `Step ${prevStep + 1} done. Now step ${step + 1}.`,
      );
  }
  const total = lesson.steps.length;
  const done = step >= total;
  const cur = lesson.steps[step];
  const next = nextLesson(kit, lesson);
  const objective = kit.OBJECTIVES.find((o) => o.id === lesson.objective);
  return (
    <div
      className="lesson"
      data-testid="lesson"
      data-lesson={lesson.id}
      data-step={step}
      data-done={done ? 'true' : 'false'}
    >
      <h3 className="lesson-title">{lesson.title}</h3>
      {objective && <p className="lesson-objective">{objective.text}</p>}
      <div className="lesson-progress">
        <span data-testid="lesson-step">{done ? `All ${total} steps done` : `Step ${step + 1} of ${total}`}</span>
        <span
          className="bar"
          role="progressbar"
          aria-label="Lesson progress"
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={Math.min(step, total)}
        >
          <span style={{ width: `${(Math.min(step, total) / total) * 100}%` }} />
        </span>
      </div>
      {step === 0 && (
        <p className="lesson-summary">
          <LessonText text={lesson.summary} />
        </p>
      )}
      {done ? (
        <div className="lesson-done" data-testid="lesson-complete">
          <p>
            <strong>{'\u2713'} Lesson complete.</strong> The simulator saw every step done.
          </p>
          <div className="actions">
            {next && (
              <button type="button" className="btn primary" onClick={() => startLesson(next.id)}>
                Next lesson: {next.title}
              </button>
            )}
            <button type="button" className="btn" onClick={exitLesson}>
              All lessons
            </button>
          </div>
        </div>
      ) : (
        cur && (
          <div key={step}>
            <p className="lesson-instruction" data-testid="lesson-instruction">
              <LessonText text={cur.instruction} />
            </p>
            <p className="lesson-wait">
              {cur.waits
                ? playing
                  ? 'This step completes by itself as time passes.'
                  : 'This step completes by itself as time passes: press Play.'
                : 'The simulator checks this step after every change.'}
            </p>
            <Hints hints={cur.hints} />
            <div className="actions">
              <button
                type="button"
                className="btn primary"
                onClick={showMe}
                data-testid="show-me"
                title="Perform this step for me"
              >
                {cur.waits ? 'Show me (skip ahead)' : 'Show me'}
              </button>
              <button type="button" className="btn" onClick={() => startLesson(lesson.id)}>
                Restart
              </button>
              <button type="button" className="btn" onClick={exitLesson}>
                All lessons
              </button>
            </div>
          </div>
        )
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
    </div>
  );
}

/** The open lesson, or the list to choose one from. */
export function LessonsBody({ kit, id }: { kit: Kit; id: string | null }) {
  const lesson = id ? kit.getLesson(id) : undefined;
  return lesson ? <LessonView kit={kit} lesson={lesson} /> : <LessonList kit={kit} />;
}
