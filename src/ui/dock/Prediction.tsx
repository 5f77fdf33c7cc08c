// "Predict first": while the focused packet waits at its sender, the learner picks the Pod it will
// reach (or that it fails); once it has arrived, whether the guess was right.
import { useShallow } from 'zustand/react/shallow';
import { useStore, type RequestRecord } from '../../store';
import { playback } from '../playback';
import { FAIL, guessedRight, predictionChoices } from '../playback/predict';

const nameOf = (choice: string) => (choice === FAIL ? 'it fails' : `Pod ${choice.split('/')[1]}`);

export function Prediction({ rec, held, guess }: { rec: RequestRecord; held: boolean; guess: string | null }) {
  const choices = useStore(
    useShallow((s) => (held && rec.trace ? predictionChoices(s.cluster, rec.trace.destination) : [])),
  );
  if (held)
    return (
      <div className="predict" role="group" aria-label="Predict where this request ends" data-testid="predict">
        <div className="predict-q">Where will this request end up?</div>
        <div className="predict-choices">
          {choices.map((c) => (
            <button key={c} type="button" className="btn" onClick={() => playback.guess(c)}>
              {nameOf(c)}
            </button>
          ))}
        </div>
      </div>
    );
  if (!guess || !rec.trace || !rec.revealed)
    return guess ? <div className="predict muted">You predicted {nameOf(guess)}…</div> : null;
  const right = guessedRight(guess, rec.trace);
  return (
    <div className={`predict ${right ? 'right' : 'wrong'}`} data-testid="predict-result" data-right={right}>
      You predicted {nameOf(guess)}:{' '}
      {right ? 'right.' : `not this time (${rec.ok && rec.trace.pod ? nameOf(rec.trace.pod) : 'it failed'}).`}
    </div>
  );
}
