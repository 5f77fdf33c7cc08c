// The YAML editor: its text, and apply (or import) of several documents at once, as `kubectl apply -f -`
// would. The applying itself (parser, shell) loads with the panel: see yaml-apply.ts.
import type { StateCreator } from 'zustand';
import { keepUnchanged } from './keep-unchanged';
import { lazyModule, loadFailure } from './lazy';
import type { Store } from './types';
import type { EditRequest } from '../sim/shell';
import type { ClusterState } from '../sim';
import type { Applied } from './offload';
import { loadedShell } from './shell-loader';

export interface YamlMessage {
  /** 1-based line and column in the editor's text, when known */
  line?: number;
  col?: number;
  text: string;
  kind: 'error' | 'warning' | 'ok' | 'info';
}

export interface YamlResult {
  mode: 'apply' | 'import';
  /** whether anything was written to the cluster */
  applied: boolean;
  messages: YamlMessage[];
  /** fields and objects the import left out, in the parser's words */
  ignored: string[];
}

export interface YamlSlice {
  /** editing: a `kubectl edit` from the console waits for this editor (Save applies, Cancel discards) */
  yaml: { text: string; result: YamlResult | null; source: string; editing?: EditRequest | null };
  /** end the console's `kubectl edit`: save the editor's text (as the editor's :wq would) or cancel */
  finishYamlEdit: (save: boolean) => void;
  setYamlText: (text: string, source?: string) => void;
  /** `kubectl apply -f` the editor's documents (import: tolerate and name server-set fields) */
  applyYaml: (mode: 'apply' | 'import') => void;
}

export const yamlApply = lazyModule(() => import('./yaml-apply'));
/** a text this long (about 20 small manifests) is applied in the engine Worker */
const WORKER_FROM_CHARS = 2000;
/** an apply the Worker finished, waiting for applyYaml to put it in */
let ready: (Applied & { text: string; mode: YamlResult['mode'] }) | null = null;

export const createYamlSlice: StateCreator<Store, [['zustand/immer', never]], [], YamlSlice> = (set, get) => ({
  yaml: { text: '', result: null, source: 'STDIN' },
  setYamlText: (text, source) =>
    set((s) => {
      s.yaml.text = text;
      if (source !== undefined) {
        s.yaml.source = source;
        // a new file: the last result was about another text
        s.yaml.result = null;
      }
    }),
  finishYamlEdit: (save) => {
    const shell = loadedShell();
    const req = get().yaml.editing;
    if (!shell || !req) return;
    set((s) => {
      const r = shell.finishEdit(s.cluster, req, save ? s.yaml.text : req.text);
      const c = s.console;
      for (const chunk of r.chunks)
        c.lines.push({ id: ++c.seq, kind: chunk.fd === 2 ? 'err' : 'out', text: chunk.text });
      const text = r.chunks
        .map((x) => x.text)
        .join('')
        .trimEnd();
      // kubectl reopens the file after a refused save; a cancel or a save ends the edit
      const refused = r.code !== 0 && !/Edit cancelled, no changes made/.test(text);
      s.yaml.result = {
        mode: 'apply',
        applied: r.code === 0,
        ignored: [],
        messages: [{ text, kind: r.code === 0 ? 'ok' : refused ? 'error' : 'info' }],
      };
      if (!refused) {
        s.yaml.editing = null;
        s.yaml.source = 'STDIN';
      }
    });
  },
  applyYaml: (mode) => {
    const m = yamlApply.orRetry(
      () => get().applyYaml(mode),
      (e) =>
        set(
          (s) =>
            void (s.yaml.result = {
              mode,
              applied: false,
              ignored: [],
              messages: [{ text: loadFailure('the YAML parser', e), kind: 'error' }],
            }),
        ),
    );
    if (!m) return;
    // Applied on a plain copy, not inside the immer recipe: every read of a draft goes through a proxy,
    // and 600 Pods took 17–24 s that way (kubesim, on plain objects, applies 2,000 in 4.5 s).
    const here = (base: ClusterState, text: string): Applied => {
      const work = structuredClone(base);
      return { base, cluster: work, result: m.applyManifests(work, text, mode) };
    };
    const finish = ({ base, cluster: work, result }: Applied, text: string) => {
      // a command ran while the Worker applied (the clock waits, the console does not): apply on what is there now
      if (get().cluster !== base) return finish(here(get().cluster, text), text);
      const changed = JSON.stringify(work.objects) !== JSON.stringify(base.objects);
      set((s) => {
        s.yaml.result = result;
        // unchanged objects keep their identity, so only what the apply touched re-renders
        if (changed) s.cluster = keepUnchanged(base, work);
      });
    };
    // the Worker's result arrives as this action run again, so that undo records it like any command
    if (ready?.mode === mode) {
      const r = ready;
      ready = null;
      return finish(r, r.text);
    }
    const text = get().yaml.text;
    // a long text is applied in the engine Worker (the same engine, the same result): the page stays responsive
    const job =
      text.length > WORKER_FROM_CHARS
        ? m.applyInWorker(
            () => get().cluster,
            text,
            mode,
            (b) => here(b, text),
          )
        : null;
    if (!job) return finish(here(get().cluster, text), text);
    void job.then((r) => {
      ready = { ...r, text, mode };
      get().applyYaml(mode);
    });
  },
});
