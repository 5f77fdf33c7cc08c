// The "Fix this Service" section of the dock: the list of challenges, or the one being worked on.
// Its content (ChallengesBody) and the challenges themselves load when the section is first opened.
import { useEffect, useState } from 'react';
import { useStore } from '../../store';
import { lazyPart } from '../lazy-part';
import { kit } from '../../store/kit-loader';
import { DockSection } from './DockSection';
import './challenges.css';

const ChallengesBody = lazyPart(async () => (await import('./ChallengesBody')).ChallengesBody, 'the challenges');

export function ChallengesPanel() {
  const title = useStore((s) => s.challenge?.title ?? null);
  const solved = useStore((s) => s.challenge?.solved ?? false);
  const [open, setOpen] = useState(title !== null);
  useEffect(() => {
    if (title) setOpen(true);
  }, [title]);
  // ?challenge=NAME or ?challenge-file=…: open it once (after saved work is restored), then take it out
  // of the address, so that a reload keeps the learner's work instead of starting over
  useEffect(() => {
    if (!/[?&]challenge(-file)?=/.test(location.search)) return;
    void import('./challenge-link').then(({ challengeFromUrl }) => {
      const ref = challengeFromUrl();
      if (!ref) return;
      const u = new URL(location.href);
      u.searchParams.delete('challenge');
      u.searchParams.delete('challenge-file');
      history.replaceState(history.state, '', u.toString());
      if ('error' in ref) return void useStore.setState({ challengeErrors: [ref.error] });
      void kit.load().then(() => useStore.getState().startChallenge(ref));
    });
  }, []);
  return (
    <DockSection
      name="challenges"
      title="Fix this Service"
      sub={
        title && (
          <span className="section-sub">
            {solved ? '\u2713 ' : ''}
            {title}
          </span>
        )
      }
      open={open}
      onToggle={() => setOpen(!open)}
    >
      <ChallengesBody />
    </DockSection>
  );
}
