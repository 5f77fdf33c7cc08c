// The YAML editor: apply (or import) several documents at once, as `kubectl apply -f -` would.
// Nothing is written when any document fails to parse; the apiserver's and kubectl's messages are
// shown at the line and column of the object or field they are about.
import type { StateCreator } from 'zustand';
import { stringify } from 'yaml';
import { KINDS, parseManifests } from '../sim';
import { createSession } from '../sim/shell/session';
import { shellOrRetry } from './shell-loader';
import type { Store } from './types';
import type { YamlMessage, YamlSlice } from './panels-types';
import { indexDocs, locate, type DocIndex } from './yaml-locate';

const KIND_OF: Record<string, string> = {};
for (const [kind, k] of Object.entries(KINDS)) {
  KIND_OF[k.resource] = kind;
  KIND_OF[kind.toLowerCase()] = kind;
  if (k.group) KIND_OF[`${k.resource}.${k.group}`] = kind;
  if (k.group) KIND_OF[`${kind.toLowerCase()}.${k.group}`] = kind;
}

const FIELD = /(?:^|\* |: )((?:metadata|spec|data)(?:\.[^\s:.[\]]+|\[[^\]]*\])+):/m;

/** Split kubectl's stderr into messages: a line that starts with "* " or blanks continues the one before. */
function blocks(text: string): string[] {
  const out: string[] = [];
  for (const line of text.replace(/\n$/, '').split('\n')) {
    if (!line) continue;
    if (out.length && /^(\* |\s)/.test(line)) out[out.length - 1] += '\n' + line;
    else out.push(line);
  }
  return out;
}

/** Which object (and field) a kubectl or apiserver message is about, located in the text. */
function place(idx: DocIndex, msg: string): { line?: number; col?: number } {
  let kind: string | null = null;
  let name = '';
  const invalid = msg.match(/The (\w+) "([^"]*)" is invalid/);
  const resource = msg.match(/resource ([\w.]+)\/([^\s]+)/) ?? msg.match(/^([\w.]+)\/([^\s]+) (?:created|configured|unchanged)/) ?? msg.match(/([a-z][\w.]*) "([^"]+)"/);
  if (invalid) [kind, name] = [invalid[1], invalid[2]];
  else if (resource) [kind, name] = [KIND_OF[resource[1]] ?? null, resource[2]];
  if (!name) return {};
  const field = msg.match(FIELD)?.[1];
  return locate(idx, kind, name, field) ?? {};
}

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
  applyYaml: (mode) => {
    const shell = shellOrRetry(() => get().applyYaml(mode));
    if (!shell) return;
    set((s) => {
      const text = s.yaml.text;
      const importing = mode === 'import';
      const parsed = parseManifests(text, { source: 'STDIN', importing });
      if (parsed.errors.length) {
        // kubectl decodes every document before it sends any: one bad document, nothing applied
        s.yaml.result = { mode, applied: false, ignored: parsed.ignored, messages: parsed.errors.map((e) => ({ line: e.line, col: e.col, text: e.message, kind: 'error' })) };
        return;
      }
      if (!parsed.objects.length) {
        s.yaml.result = { mode, applied: false, ignored: parsed.ignored, messages: [{ text: 'error: no objects passed to apply', kind: 'error' }] };
        return;
      }
      // kubectl itself does the writing (last-applied annotation, three-way label merge, its words);
      // an import hands it the objects without the fields the parser left out
      const file = importing ? parsed.objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n') : text;
      const session = createSession('master');
      session.files.master = { '/root/manifest.yaml': file };
      const r = shell.runLine(s.cluster, session, 'kubectl apply -f - < /root/manifest.yaml');
      const idx = indexDocs(text);
      const messages: YamlMessage[] = [];
      for (const chunk of r.output) {
        for (const b of chunk.fd === 1 ? chunk.text.split('\n').filter(Boolean) : blocks(chunk.text)) {
          const kind: YamlMessage['kind'] = chunk.fd === 1 ? 'ok' : /^Warning:/.test(b) ? 'warning' : 'error';
          messages.push({ ...place(idx, b), text: b, kind });
        }
      }
      const applied = messages.some((m) => m.kind === 'ok');
      s.yaml.result = { mode, applied, ignored: parsed.ignored, messages };
    });
  },
});
