// A dock section whose heading is a disclosure button: the caret, the title and an optional subtitle
// (the lesson or challenge being worked on). The body is rendered only while the section is open, so
// a lazily loaded body is fetched when the section is first opened.
import type { ReactNode } from 'react';

export function DockSection({
  name,
  title,
  sub,
  open,
  onToggle,
  children,
}: {
  name: string;
  title: string;
  sub?: ReactNode;
  open: boolean;
  onToggle: () => void;
  children: ReactNode;
}) {
  return (
    <section className={`dock-section ${name}-section`} aria-labelledby={`${name}-title`} data-testid={`${name}-panel`}>
      <h2 id={`${name}-title`}>
        <button
          type="button"
          className="section-toggle"
          aria-expanded={open}
          aria-controls={`${name}-body`}
          onClick={onToggle}
        >
          <span aria-hidden="true" className="caret">
            {open ? '\u25BE' : '\u25B8'}
          </span>{' '}
          {title}
          {sub}
        </button>
      </h2>
      {open && <div id={`${name}-body`}>{children}</div>}
    </section>
  );
}
