// A button that opens a small panel under it (disclosure pattern): Escape or a click outside closes
// it and gives focus back to the button.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export function Popover({
  label,
  buttonText,
  className,
  children,
  testId,
  title,
  ariaLabel,
}: {
  label: string;
  /** the button's accessible name, when it shows only an icon */
  ariaLabel?: string;
  buttonText: ReactNode;
  className?: string;
  testId?: string;
  title?: string;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div className={`popover-root ${className ?? ''}`} ref={root}>
      <button
        ref={button}
        type="button"
        className="bar-btn"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        data-testid={testId}
        title={title}
        aria-label={ariaLabel}
      >
        {buttonText}
      </button>
      {open && (
        <div className="popover" id={id} role="dialog" aria-label={label}>
          {children(close)}
        </div>
      )}
    </div>
  );
}
