// The YAML editor: its text, and apply (or import) of several documents at once, as `kubectl apply -f -`
// would. The applying itself (parser, shell) loads with the panel: see yaml-apply.ts.
import type { StateCreator } from 'zustand';
import { lazyModule, loadFailure } from './lazy';
import type { Store } from './types';
import type { YamlSlice } from './panels-types';
import { loadedShell } from './shell-loader';

export const yamlApply = lazyModule(() => import('./yaml-apply'));

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
    set((s) => void (s.yaml.result = m.applyManifests(s.cluster, s.yaml.text, mode)));
  },
});
