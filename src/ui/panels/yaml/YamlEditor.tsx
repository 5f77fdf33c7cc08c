// A plain textarea with line numbers: the lines an error points at are marked in the gutter, and an
// error's "line:col" button puts the cursor there.
import { forwardRef, useImperativeHandle, useRef } from 'react';

export interface EditorHandle {
  goTo(line: number, col: number): void;
}

interface Props {
  value: string;
  onChange(v: string): void;
  errorLines: Set<number>;
}

export const YamlEditor = forwardRef<EditorHandle, Props>(function YamlEditor({ value, onChange, errorLines }, ref) {
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const bars = useRef<HTMLDivElement>(null);
  const count = Math.max(1, value.split('\n').length);
  useImperativeHandle(
    ref,
    () => ({
      goTo(line, col) {
        const el = area.current;
        if (!el) return;
        const lines = value.split('\n');
        let off = 0;
        for (let i = 0; i < Math.min(line - 1, lines.length); i++) off += lines[i].length + 1;
        const lineLen = lines[line - 1]?.length ?? 0;
        const at = off + Math.min(Math.max(0, col - 1), lineLen);
        el.focus();
        el.setSelectionRange(at, off + lineLen);
        // put the line in view: the textarea scrolls by line height
        const lh = parseFloat(getComputedStyle(el).lineHeight) || 22;
        el.scrollTop = Math.max(0, (line - 3) * lh);
      },
    }),
    [value],
  );
  return (
    <div className="yaml-editor">
      <div className="gutter" ref={gutter} aria-hidden="true">
        {Array.from({ length: count }, (_, i) => (
          <div
            key={i}
            className={errorLines.has(i + 1) ? 'err' : undefined}
            data-testid={errorLines.has(i + 1) ? 'yaml-error-line' : undefined}
            data-line={i + 1}
          >
            {i + 1}
          </div>
        ))}
      </div>
      <div className="text-wrap">
        {/* a band behind each line an error points at */}
        <div className="err-bars" ref={bars} aria-hidden="true">
          {[...errorLines].map((l) => (
            <div key={l} className="err-bar" style={{ top: `calc(var(--pad) + ${l - 1} * var(--lh))` }} />
          ))}
        </div>
        <textarea
          ref={area}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            const top = e.currentTarget.scrollTop;
            if (gutter.current) gutter.current.scrollTop = top;
            if (bars.current) bars.current.style.transform = `translateY(${-top}px)`;
          }}
          wrap="off"
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          aria-label="YAML to apply (several documents separated by ---)"
          placeholder={
            'apiVersion: v1\nkind: Service\nmetadata:\n  name: my-svc\nspec:\n  selector:\n    app: frontend\n  ports:\n  - port: 8080\n    targetPort: 5000'
          }
          data-testid="yaml-editor"
        />
      </div>
    </div>
  );
});
