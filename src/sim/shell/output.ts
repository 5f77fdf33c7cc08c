// Building a command's result: stdout and stderr chunks in the order they were written.
import type { Chunk, CmdResult } from './types';

export class Out {
  chunks: Chunk[] = [];
  out(text: string): this {
    if (text) this.chunks.push({ fd: 1, text });
    return this;
  }
  err(text: string): this {
    if (text) this.chunks.push({ fd: 2, text });
    return this;
  }
  /** add another result's chunks (a sub-command's output) */
  add(r: CmdResult): this {
    for (const c of r.chunks) this.chunks.push(c);
    return this;
  }
  done(code = 0): CmdResult {
    return { chunks: this.chunks, code };
  }
}

export const ok = (text = ''): CmdResult => new Out().out(text).done(0);
export const fail = (text: string, code = 1): CmdResult =>
  new Out().err(text.endsWith('\n') || !text ? text : text + '\n').done(code);
export const stdoutOf = (r: CmdResult): string =>
  r.chunks
    .filter((c) => c.fd === 1)
    .map((c) => c.text)
    .join('');
