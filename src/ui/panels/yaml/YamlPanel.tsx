// YAML: look at any object as kubectl prints it; edit and apply several documents at once; export the
// scenario as multi-document YAML (a file kubectl apply -f accepts) and import manifests or
// `kubectl get … -o yaml` output back, naming what the import left out.
import { useMemo, useRef, useState } from 'react';
import { stateToScenarioYaml } from '../../../sim/scenario/kit';
import { useStore } from '../../../store';
import type { YamlMessage } from '../../../store';
import { ObjectYaml } from './ObjectYaml';
import { download } from '../../download';
import { YamlEditor, type EditorHandle } from './YamlEditor';

function Message({ m, goTo }: { m: YamlMessage; goTo: (line: number, col: number) => void }) {
  return (
    <li className={`ymsg ${m.kind}`} data-testid={`yaml-${m.kind}`}>
      {m.line !== undefined ? (
        <button
          type="button"
          className="pos-btn mono"
          onClick={() => goTo(m.line!, m.col ?? 1)}
          title="Put the cursor there"
          data-testid="yaml-pos"
        >
          line {m.line}, col {m.col ?? 1}
        </button>
      ) : (
        <span className="pos-btn none" />
      )}
      <pre className="ymsg-text">{m.text}</pre>
    </li>
  );
}

/**
 * Messages shown at first: an apply of 600 Pods prints 600 lines, and drawing them all at once held the
 * main thread for a quarter of a second (issue 12); the rest come with a click.
 */
export const MESSAGES_SHOWN = 100;

function Results({ goTo }: { goTo: (line: number, col: number) => void }) {
  const r = useStore((s) => s.yaml.result);
  const [allOf, setAllOf] = useState<object | null>(null);
  if (!r) return null;
  const errors = r.messages.filter((m) => m.kind === 'error').length;
  const shown = allOf === r ? r.messages : r.messages.slice(0, MESSAGES_SHOWN);
  const more = r.messages.length - shown.length;
  return (
    <div className="yaml-results" data-testid="yaml-results" aria-live="polite">
      <p className={`yaml-summary ${r.applied ? (errors ? 'partly' : 'ok') : 'none'}`}>
        {r.applied
          ? errors
            ? `${r.mode === 'import' ? 'Imported' : 'Applied'}, with ${errors} error${errors === 1 ? '' : 's'} (kubectl writes the objects it can).`
            : r.mode === 'import'
              ? 'Imported.'
              : 'Applied.'
          : `Nothing applied: ${errors} error${errors === 1 ? '' : 's'}.`}
      </p>
      <ul className="ymsg-list">
        {shown.map((m, i) => (
          <Message key={i} m={m} goTo={goTo} />
        ))}
      </ul>
      {more > 0 && (
        <button type="button" className="link-btn" data-testid="yaml-more" onClick={() => setAllOf(r)}>
          Show the other {more.toLocaleString('en-US')} message{more === 1 ? '' : 's'}
          {errors > r.messages.slice(0, MESSAGES_SHOWN).filter((m) => m.kind === 'error').length
            ? ' (errors among them)'
            : ''}
        </button>
      )}
      {r.ignored.length > 0 && (
        <div className="callout info" data-testid="yaml-ignored">
          <strong>Ignored on {r.mode === 'import' ? 'import' : 'apply'}</strong> (the simulator does not model them, or
          the cluster sets them itself):
          <ul>
            {r.ignored.map((f) => (
              <li key={f} className="mono">
                {f}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

export function YamlPanel() {
  const text = useStore((s) => s.yaml.text);
  const source = useStore((s) => s.yaml.source);
  const result = useStore((s) => s.yaml.result);
  const editing = useStore((s) => s.yaml.editing);
  const { setYamlText, applyYaml, finishYamlEdit } = useStore.getState();
  const editor = useRef<EditorHandle>(null);
  const file = useRef<HTMLInputElement>(null);
  const errorLines = useMemo(
    () => new Set((result?.messages ?? []).filter((m) => m.kind === 'error' && m.line).map((m) => m.line!)),
    [result],
  );
  const goTo = (line: number, col: number) => editor.current?.goTo(line, col);
  const onFile = async (f: File | undefined) => {
    if (!f) return;
    setYamlText(await f.text(), f.name);
  };
  return (
    <div className="yaml-panel" data-testid="yaml-panel">
      <ObjectYaml />
      <section className="yaml-col" aria-labelledby="yaml-edit-title">
        <div className="panel-toolbar">
          <h3 id="yaml-edit-title" className="col-title">
            Editor
          </h3>
          <button
            type="button"
            className="btn primary"
            onClick={() => applyYaml('apply')}
            disabled={!text.trim()}
            title="kubectl apply -f - (nothing is applied if a document does not parse)"
          >
            Apply
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => applyYaml('import')}
            disabled={!text.trim()}
            title="Apply manifests or kubectl get -o yaml output, leaving out what the cluster sets itself"
          >
            Import
          </button>
          <button type="button" className="btn" onClick={() => file.current?.click()}>
            Load file…
          </button>
          <input
            ref={file}
            type="file"
            accept=".yaml,.yml,.json,application/yaml,application/json,text/plain"
            className="sr-only"
            tabIndex={-1}
            aria-label="Manifest file to load"
            data-testid="yaml-file"
            onChange={(e) => void onFile(e.target.files?.[0]).then(() => (e.target.value = ''))}
          />
          <button
            type="button"
            className="btn"
            onClick={() =>
              download(
                new Blob([stateToScenarioYaml(useStore.getState().cluster)], { type: 'application/yaml' }),
                'scenario.yaml',
              )
            }
            data-testid="yaml-export"
          >
            Export scenario
          </button>
          <button type="button" className="link-btn" onClick={() => setYamlText('', 'STDIN')} disabled={!text}>
            Clear
          </button>
        </div>
        {editing && (
          <div className="callout info yaml-editing" data-testid="yaml-editing">
            <span>
              <strong className="mono">kubectl edit {editing.ref}</strong> is waiting for this editor: Save applies your
              changes, Cancel leaves the object as it is.
            </span>
            <button
              type="button"
              className="btn primary"
              onClick={() => finishYamlEdit(true)}
              data-testid="yaml-edit-save"
            >
              Save
            </button>
            <button type="button" className="btn" onClick={() => finishYamlEdit(false)} data-testid="yaml-edit-cancel">
              Cancel
            </button>
          </div>
        )}
        {source !== 'STDIN' && !editing && (
          <p className="muted small">
            Loaded {source}
            {result ? '.' : ': press Import to apply it to this cluster.'}
          </p>
        )}
        <div className="editor-and-results">
          <YamlEditor ref={editor} value={text} onChange={(v) => setYamlText(v)} errorLines={errorLines} />
          <Results goTo={goTo} />
        </div>
      </section>
    </div>
  );
}
