// Go's text/tabwriter, as kubectl drives it. Text is cut into cells at '\t'; a line's text after its
// last tab is not a cell of any column. Consecutive lines that all have a cell in column k form a
// "column block" whose width is the widest cell + padding (at least minwidth); blocks nest per column.
// A line with fewer cells ends the block, which is why describe's sections line up independently.

export interface TabWriterOptions {
  /** minimal cell width including padding */
  minwidth: number;
  /** padding added to the widest cell of a column block */
  padding: number;
  /** padding character (kubectl always pads with spaces) */
  padchar?: string;
  /**
   * kubectl's fork of tabwriter (RememberWidths): a column is never narrower than it was in an earlier
   * block, so the rows `kubectl get -w` prints one by one line up with the table above them. The widths
   * are kept in this array (updated in place), so they can outlive the writer.
   */
  remembered?: number[];
}

/** cli-runtime printers.GetNewTabWriter: NewWriter(out, 6, 4, 3, ' ', RememberWidths). */
export const GET_TABWRITER: TabWriterOptions = { minwidth: 6, padding: 3 };
/** kubectl describe's tabbedString: Init(buf, 0, 8, 2, ' ', 0). */
export const DESCRIBE_TABWRITER: TabWriterOptions = { minwidth: 0, padding: 2 };

/** Width as Go's tabwriter counts it: runes (code points), not UTF-16 units. */
const runeWidth = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

export class TabWriter {
  private readonly opts: Required<Omit<TabWriterOptions, 'remembered'>> & Pick<TabWriterOptions, 'remembered'>;
  private out: string[] = [];
  /** buffered lines; each is its terminated cells (the last one is the text before the newline) */
  private lines: string[][] = [[]];
  private cell = '';

  constructor(opts: TabWriterOptions) {
    this.opts = { padchar: ' ', ...opts };
  }

  write(text: string): this {
    for (const ch of text) {
      if (ch === '\t' || ch === '\v') {
        this.lines[this.lines.length - 1].push(this.cell);
        this.cell = '';
      } else if (ch === '\n' || ch === '\f') {
        const line = this.lines[this.lines.length - 1];
        line.push(this.cell);
        this.cell = '';
        this.lines.push([]);
        // A one-cell line cannot affect later columns, so Go flushes there; '\f' always flushes.
        if (ch === '\f' || line.length === 1) this.flush();
      } else {
        this.cell += ch;
      }
    }
    return this;
  }

  /** Format and emit everything buffered; later text starts fresh column blocks. */
  flush(): this {
    if (this.cell.length > 0) {
      this.lines[this.lines.length - 1].push(this.cell);
      this.cell = '';
    }
    this.format(0, this.lines.length, []);
    this.lines = [[]];
    return this;
  }

  /** Flush and return all output so far. */
  toString(): string {
    this.flush();
    return this.out.join('');
  }

  private format(line0: number, line1: number, widths: number[]): void {
    const column = widths.length;
    let start = line0;
    for (let i = line0; i < line1; i++) {
      if (column >= this.lines[i].length - 1) continue;
      // this line has a cell in this column: print what came before, then measure the block
      this.writeLines(start, i, widths);
      start = i;
      let width = Math.max(this.opts.minwidth, this.opts.remembered?.[column] ?? 0);
      for (; i < line1; i++) {
        const line = this.lines[i];
        if (column >= line.length - 1) break;
        const w = runeWidth(line[column]) + this.opts.padding;
        if (w > width) width = w;
      }
      if (this.opts.remembered) this.opts.remembered[column] = width;
      this.format(start, i, [...widths, width]);
      start = i;
    }
    this.writeLines(start, line1, widths);
  }

  private writeLines(line0: number, line1: number, widths: number[]): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      let text = '';
      line.forEach((c, j) => {
        text += c;
        if (j < widths.length) text += this.opts.padchar.repeat(widths[j] - runeWidth(c));
      });
      this.out.push(text);
      // the last buffered line has no newline of its own (it is the unterminated tail)
      if (i + 1 !== this.lines.length) this.out.push('\n');
    }
  }
}

/** Run text through a fresh tabwriter. */
export function tabulate(text: string, opts: TabWriterOptions): string {
  return new TabWriter(opts).write(text).toString();
}
