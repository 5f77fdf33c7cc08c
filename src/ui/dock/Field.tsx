import type { ReactNode } from 'react';
import type { Option } from './options';

export function Select({
  label,
  value,
  options,
  onChange,
  testId,
  disabled,
  missing,
}: {
  label: string;
  value: string;
  options: Option[];
  onChange: (v: string) => void;
  testId?: string;
  disabled?: boolean;
  missing?: string;
}) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} disabled={disabled}>
        {!options.some(([v]) => v === value) && (
          <option value={value}>{value ? `${missing ?? value} (gone)` : '— choose —'}</option>
        )}
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <section className="dock-section" aria-labelledby={id ? `${id}-title` : undefined}>
      <h2 id={id ? `${id}-title` : undefined}>{title}</h2>
      {children}
    </section>
  );
}
