// A plain textarea with line numbers: the lines an error points at are marked in the gutter, and an
// error's "line:col" button puts the cursor there. Built for big manifests: the gutter's numbers are
// one text node (not an element per line: 5,400 of them re-rendered on every keystroke), and a big
// paste is put in as one value change (Chromium's editing inserts it line by line: seconds).
import { forwardRef, useImperativeHandle, useLayoutEffect, useMemo, useRef, type ClipboardEvent } from 'react';

/** Pastes with more lines than this skip the browser's editing command (the paste is not on its undo stack). */
const BIG_PASTE_LINES = 200;

/** The numbers 1..count, one a line. */
function numbers(count: number): string {
  let out = '1';
  for (let i = 2; i <= count; i++) out += '\n' + i;
  return out;
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

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
  const count = lineCount(value);
  const gutterText = useMemo(() => numbers(count), [count]);
  // where the caret goes once a big paste is in the textarea
  const caretAfter = useRef<number | null>(null);
  useLayoutEffect(() => {
    const at = caretAfter.current;
    const el = area.current;
    if (at === null || !el || el.value !== value) return;
    caretAfter.current = null;
    el.setSelectionRange(at, at);
    // as a paste does: the caret in view
    const lh = parseFloat(getComputedStyle(el).lineHeight) || 22;
    const line = lineCount(value.slice(0, at));
    if ((line - 1) * lh < el.scrollTop || line * lh > el.scrollTop + el.clientHeight)
      el.scrollTop = Math.max(0, line * lh - el.clientHeight / 2);
  }, [value]);
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const text = e.clipboardData.getData('text/plain');
    if (lineCount(text) <= BIG_PASTE_LINES) return; // the browser's own paste (on its undo stack)
    e.preventDefault();
    const el = e.currentTarget;
    const start = el.selectionStart ?? value.length;
    const end = el.selectionEnd ?? start;
    // as a textarea pastes: line ends normalised, the selection replaced, the caret after the text
    const clean = text.replace(/\r\n?/g, '\n');
    caretAfter.current = start + clean.length;
    onChange(value.slice(0, start) + clean + value.slice(end));
  };
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
        <div className="gutter-lines">
          {gutterText}
          {/* the lines an error points at, marked over their numbers */}
          {[...errorLines]
            .filter((l) => l >= 1 && l <= count)
            .map((l) => (
              <div
                key={l}
                className="err"
                data-testid="yaml-error-line"
                data-line={l}
                style={{ top: `calc(${l - 1} * var(--lh))` }}
              >
                {l}
              </div>
            ))}
        </div>
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
          onPaste={onPaste}
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
