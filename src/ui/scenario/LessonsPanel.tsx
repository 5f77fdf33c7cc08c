// The lessons section of the dock. Its content (LessonsBody) comes with the scenario kit, which holds
// the lessons: it is fetched when the section is first opened (or by the idle preload).
import { useEffect, useState } from 'react';
import { useStore } from '../../store';
import { kit } from '../../store/kit-loader';
import { lazyPart, useLazy } from '../lazy-part';
import { DockSection } from './DockSection';
import './lessons.css';

// (the kit comes through its loader, not a static import: a chunk imported both ways splits the first view's code)
const LessonsBody = lazyPart(async () => {
  const [m, k] = await Promise.all([import('./LessonsBody'), kit.load()]);
  return function Lessons({ id }: { id: string | null }) {
    return <m.LessonsBody kit={k} id={id} />;
  };
}, 'the lessons');

function LessonTitle({ id }: { id: string }) {
  const title = useLazy(kit).loaded?.getLesson(id)?.title;
  return title ? <span className="section-sub">{title}</span> : null;
}

export function LessonsPanel() {
  const id = useStore((s) => s.lesson?.id ?? null);
  const presentingLessons = useStore((s) => s.presenting && s.presentPanel === 'lessons');
  const [open, setOpen] = useState(id !== null);
  useEffect(() => {
    if (id) setOpen(true);
  }, [id]);
  const shown = open || presentingLessons;
  return (
    <DockSection
      name="lessons"
      title="Lessons"
      sub={id && <LessonTitle id={id} />}
      open={shown}
      onToggle={() => setOpen(!shown)}
    >
      <LessonsBody id={id} />
    </DockSection>
  );
}
