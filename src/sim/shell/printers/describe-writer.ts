// kubectl describe's PrefixWriter over a tabwriter (minwidth 0, padding 2), plus the helpers every
// describer shares: multi-line labels and annotations, tolerations, and the Events section.
import type { ClusterEvent } from '../../model/state';
import { age, byteCompare } from './format';
import { DESCRIBE_TABWRITER, TabWriter } from './tabwriter';

/** Annotations describe never shows. */
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;

export class DescribeWriter {
  private tw = new TabWriter(DESCRIBE_TABWRITER);
  private text = '';

  /** `raw`: a bare PrefixWriter with no tabwriter behind it (tabs stay tabs, as `rollout history --revision` prints) */
  constructor(private raw = false) {}

  /** Write text indented by 2 spaces per level (LEVEL_0 .. LEVEL_4). */
  write(level: number, text: string): this {
    if (this.raw) this.text += '  '.repeat(level) + text;
    else this.tw.write('  '.repeat(level) + text);
    return this;
  }

  /** WriteLine: the text and a newline, no indentation. */
  line(text: string): this {
    if (this.raw) this.text += text + '\n';
    else this.tw.write(text + '\n');
    return this;
  }

  flush(): this {
    if (!this.raw) this.tw.flush();
    return this;
  }

  toString(): string {
    return this.raw ? this.text : this.tw.toString();
  }
}

/** printLabelsMultilineWithIndent: "Title:\tk=v" then "\tk=v" per further label, sorted. */
export function writeLabels(
  w: DescribeWriter,
  title: string,
  labels: Record<string, string> | undefined,
  initialIndent = '',
  innerIndent = '\t',
): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort(byteCompare);
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, initialIndent + innerIndent);
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

/** printAnnotationsMultiline: "k: v" lines; long or multi-line values go under the key, cut at 138. */
export function writeAnnotations(
  w: DescribeWriter,
  title: string,
  annotations: Record<string, string> | undefined,
): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIP_ANNOTATIONS.has(k))
    .sort(byteCompare);
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = annotations![k].replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) {
        const short = s.length > MAX_ANNOTATION_LEN - 2 ? s.slice(0, MAX_ANNOTATION_LEN - 2) + '...' : s;
        w.write(0, `\t  ${short}\n`);
      }
    } else {
      w.write(0, `${k}: ${value}\n`);
    }
  });
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** printTolerationsMultilineWithIndent: sorted by key; "key=value:Effect op=Exists for 300s". */
export function writeTolerations(
  w: DescribeWriter,
  title: string,
  tolerations: Toleration[] | undefined,
  initialIndent = '',
): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const list = [...(tolerations ?? [])].sort((a, b) => byteCompare(a.key ?? '', b.key ?? ''));
  if (list.length === 0) {
    w.line('<none>');
    return;
  }
  list.forEach((t, i) => {
    if (i !== 0) w.write(0, initialIndent + '\t');
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, s + '\n');
  });
}

/** The events describe shows for an object (matched by kind, namespace, name, and uid when both have one). */
export function eventsFor(
  events: ClusterEvent[],
  obj: { kind: string; metadata: { name: string; namespace?: string; uid?: string } },
): ClusterEvent[] {
  return events.filter(
    (e) =>
      e.object.kind === obj.kind &&
      e.object.name === obj.metadata.name &&
      (e.object.namespace ?? '') === (obj.metadata.namespace ?? '') &&
      (!e.object.uid || !obj.metadata.uid || e.object.uid === obj.metadata.uid),
  );
}

/** kubectl's event age: "12s", or "2m (x3 over 5m)" for a repeated event. */
export function eventInterval(e: ClusterEvent, now: number): string {
  const first = age(now, e.at);
  return e.count > 1 ? `${age(now, e.lastAt)} (x${e.count} over ${first})` : first;
}

/**
 * DescribeEvents: "Events:\t<none>", or a flush (so the table aligns on its own) and the
 * Type/Reason/Age/From/Message table, oldest last-seen first. `events` undefined: no section.
 */
export function writeEvents(w: DescribeWriter, events: ClusterEvent[] | undefined, now: number): void {
  if (!events) return;
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.lastAt - b.e.lastAt || a.i - b.i)
    .map((x) => x.e);
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted)
    w.write(1, `${e.type}\t${e.reason}\t${eventInterval(e, now)}\t${e.source}\t${e.message.trim()}\n`);
}

/** kubectl describe of several objects: the texts joined by a blank line ("\n\n" before each later one). */
export function joinDescriptions(texts: string[]): string {
  return texts.join('\n\n');
}
