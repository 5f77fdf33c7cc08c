// A terminal over the shell: the prompt of the machine (or Pod) the session is on, history with ↑/↓,
// Tab completion, copy and paste, `clear`. Each line entered is one store action, so the canvas
// shows what a command did at once. Output is text, never markup.
import { useEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { createSession, prompt } from '../../../sim/shell/session';

/** Text selected in the input or on the page (then Ctrl+C copies it instead of interrupting). */
function hasSelection(input: HTMLInputElement): boolean {
  return (input.selectionStart ?? 0) !== (input.selectionEnd ?? 0) || !!window.getSelection()?.toString();
}

/** What the console shows before its first command: the shell a first command will get. */
const FRESH = createSession('master');
import { loadShell, loadedShell } from '../../../store/shell-loader';
import { useStore } from '../../../store';
import { applyCompletion } from './completion';

export function ConsolePanel() {
  const lines = useStore((s) => s.console.lines);
  const shown = useStore((s) => prompt(s.console.session ?? FRESH));
  // a running `kubectl get -w` or `sleep` holds the terminal, as it would a real one, until Ctrl+C
  const watching = useStore((s) => s.console.watch !== null || s.console.sleep !== null);
  const sleeping = useStore((s) => s.console.sleep !== null);
  const { runConsole, clearConsole, interruptConsole } = useStore.getState();
  const [value, setValue] = useState('');
  const [list, setList] = useState<string[]>([]);
  const hist = useRef<{ i: number | null; draft: string }>({ i: null, draft: '' });
  const tabLeaves = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const screen = useRef<HTMLDivElement>(null);

  // the shell loads with the console, so Tab completion is ready by the first keystroke
  useEffect(() => {
    loadShell().catch(() => {}); // offline: running a line says so
  }, []);

  useEffect(() => {
    const el = screen.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines, list]);

  const setCaret = (v: string, caret: number) => {
    setValue(v);
    requestAnimationFrame(() => input.current?.setSelectionRange(caret, caret));
  };

  const run = (line: string) => {
    runConsole(line);
    hist.current = { i: null, draft: '' };
    setList([]);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const history = useStore.getState().console.session?.history ?? [];
    if (e.key === 'Escape') {
      tabLeaves.current = true;
      setList([]);
      return;
    }
    if (e.key === 'Tab') {
      if (tabLeaves.current || e.shiftKey) return; // let focus move on
      e.preventDefault();
      const { cluster, console: c } = useStore.getState();
      const caret = e.currentTarget.selectionStart ?? value.length;
      const r = applyCompletion(
        value,
        caret,
        loadedShell()?.complete(cluster, c.session ?? FRESH, value.slice(0, caret)) ?? [],
      );
      if (r.value !== value) setCaret(r.value, r.caret);
      setList(r.list);
      return;
    }
    tabLeaves.current = false;
    if (watching && !(e.key === 'c' && e.ctrlKey)) {
      if (e.key === 'Enter') e.preventDefault();
      return;
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      run(value);
      setValue('');
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      if (!history.length) return;
      e.preventDefault();
      const h = hist.current;
      if (h.i === null) h.draft = value;
      let i = h.i ?? history.length;
      i = e.key === 'ArrowUp' ? Math.max(0, i - 1) : i + 1;
      if (i >= history.length) {
        h.i = null;
        setCaret(h.draft, h.draft.length);
      } else {
        h.i = i;
        setCaret(history[i], history[i].length);
      }
    } else if (e.key === 'l' && e.ctrlKey) {
      e.preventDefault();
      clearConsole();
    } else if (e.key === 'c' && e.ctrlKey && !e.shiftKey && !e.altKey && !e.metaKey && !hasSelection(e.currentTarget)) {
      // as in bash: the line is abandoned (not run, not in history) and a fresh prompt follows;
      // with text selected, Ctrl+C copies as usual
      e.preventDefault();
      interruptConsole(watching ? '' : `${shown} ${value}`);
      hist.current = { i: null, draft: '' };
      setValue('');
      setList([]);
    } else if (list.length) setList([]);
  };

  // several pasted lines run one by one, as in a terminal; an unfinished last line stays in the input
  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData('text/plain').replace(/\r\n?/g, '\n');
    if (!text.includes('\n')) return;
    e.preventDefault();
    const caret = e.currentTarget.selectionStart ?? value.length;
    const parts = (value.slice(0, caret) + text + value.slice(e.currentTarget.selectionEnd ?? caret)).split('\n');
    const last = parts.pop() ?? '';
    for (const p of parts) run(p);
    setCaret(last, last.length);
  };

  return (
    <div className="console" data-testid="console">
      <div
        className="console-screen"
        ref={screen}
        onMouseUp={() => {
          // a click (not a text selection for copying) puts the cursor back on the prompt
          if (!window.getSelection()?.toString()) input.current?.focus();
        }}
      >
        <div role="log" aria-label="Console output" className="console-log" data-testid="console-output">
          {lines.length === 0 && (
            <div className="console-hello">
              The cluster's shell. Try <kbd>kubectl get svc</kbd>, <kbd>kubectl get pods -o wide</kbd>,{' '}
              <kbd>kubectl describe svc frontend-svc</kbd>, <kbd>ssh worker1</kbd> then <kbd>iptables-save -t nat</kbd>,{' '}
              <kbd>kubectl exec -it busybox -- sh</kbd>.
            </div>
          )}
          {lines.map((l) => (
            <pre key={l.id} className={`cl ${l.kind}`}>
              {l.text}
            </pre>
          ))}
        </div>
        <form className="console-input-row" onSubmit={(e) => e.preventDefault()}>
          <label className="console-prompt" htmlFor="console-input" data-testid="console-prompt">
            {watching ? '' : shown}
          </label>
          <input
            id="console-input"
            ref={input}
            className="console-input"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            autoComplete="off"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            aria-describedby="console-help"
            readOnly={watching}
            placeholder={
              sleeping ? 'Sleeping: Ctrl+C stops' : watching ? 'Watching for changes: Ctrl+C stops' : undefined
            }
            data-testid="console-input"
          />
        </form>
        {list.length > 0 && (
          <pre className="completions" data-testid="console-completions" aria-live="polite">
            {list.join('  ')}
          </pre>
        )}
      </div>
      <p className="console-help" id="console-help">
        Enter runs · ↑/↓ history · Tab completes · Ctrl+C abandons the line · Ctrl+L clears · Esc then Tab leaves the
        console
      </p>
    </div>
  );
}
