// Applying the YAML editor's text (the YAML panel's Apply and Import), loaded with the panel: it needs
// the YAML parser and the shell, which the first view does not. Nothing is written when any document
// fails to parse; the apiserver's and kubectl's messages are placed at the line and column of the
// object or field they are about.
import { stringify } from 'yaml';
import { KINDS, type ClusterState } from '../sim';
import { parseManifests } from '../sim/scenario/manifest';
import { runLine } from '../sim/shell';
import { createSession } from '../sim/shell/session';
import type { YamlMessage, YamlResult } from './yaml-slice';
import { indexDocs, locate, type DocIndex } from './yaml-locate';

export { applyInWorker } from './offload';

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
  const resource =
    msg.match(/resource ([\w.]+)\/([^\s]+)/) ??
    msg.match(/^([\w.]+)\/([^\s]+) (?:created|configured|unchanged)/) ??
    msg.match(/([a-z][\w.]*) "([^"]+)"/);
  if (invalid) [kind, name] = [invalid[1], invalid[2]];
  else if (resource) [kind, name] = [KIND_OF[resource[1]] ?? null, resource[2]];
  if (!name) return {};
  const field = msg.match(FIELD)?.[1];
  return locate(idx, kind, name, field) ?? {};
}

/** Apply (or import) `text` on the cluster as `kubectl apply -f -` would; what it said, placed in the text. */
export function applyManifests(cluster: ClusterState, text: string, mode: YamlResult['mode']): YamlResult {
  const importing = mode === 'import';
  const parsed = parseManifests(text, { source: 'STDIN', importing });
  if (parsed.errors.length) {
    // kubectl decodes every document before it sends any: one bad document, nothing applied
    return {
      mode,
      applied: false,
      ignored: parsed.ignored,
      messages: parsed.errors.map((e) => ({ line: e.line, col: e.col, text: e.message, kind: 'error' })),
    };
  }
  if (!parsed.objects.length) {
    return {
      mode,
      applied: false,
      ignored: parsed.ignored,
      messages: [{ text: 'error: no objects passed to apply', kind: 'error' }],
    };
  }
  // kubectl itself does the writing (last-applied annotation, three-way label merge, its words);
  // an import hands it the objects without the fields the parser left out
  const file = importing ? parsed.objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n') : text;
  const session = createSession('master');
  session.files.master = { '/root/manifest.yaml': file };
  const r = runLine(cluster, session, 'kubectl apply -f - < /root/manifest.yaml');
  const idx = indexDocs(text);
  const messages: YamlMessage[] = [];
  for (const chunk of r.output) {
    for (const b of chunk.fd === 1 ? chunk.text.split('\n').filter(Boolean) : blocks(chunk.text)) {
      const kind: YamlMessage['kind'] = chunk.fd === 1 ? 'ok' : /^Warning:/.test(b) ? 'warning' : 'error';
      messages.push({ ...place(idx, b), text: b, kind });
    }
  }
  return { mode, applied: messages.some((m) => m.kind === 'ok'), ignored: parsed.ignored, messages };
}
