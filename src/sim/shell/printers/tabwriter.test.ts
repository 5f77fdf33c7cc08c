import { describe, expect, it } from 'vitest';
import { DESCRIBE_TABWRITER, GET_TABWRITER, TabWriter, tabulate } from './tabwriter';

describe('tabwriter (Go text/tabwriter semantics)', () => {
  it.each([
    // Go's tabwriter_test "7a": minwidth 8, padding 1; the last line's second cell ends the block
    [
      'column blocks end at a shorter line',
      { minwidth: 8, padding: 1, padchar: '.' },
      'a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n',
      'a.......b.......c\naa......bbb.....cccc\naaa.....bbbb\n',
    ],
    // Go's "9a": minwidth 1, padding 0
    [
      'widths per column',
      { minwidth: 1, padding: 0, padchar: '.' },
      '1\t2\t3\t4\n11\t222\t3333\t44444\n',
      '1.2..3...4\n11222333344444\n',
    ],
    // kubectl's get writer; a line ending in a tab pads its (empty) last cell's column
    [
      'an empty trailing cell',
      GET_TABWRITER,
      'a\tb\tc\naa\tbb\tcc\naaa\t\naaaa\tdddd\teeee\n',
      'a      b     c\naa     bb    cc\naaa    \naaaa   dddd   eeee\n',
    ],
    ['text without a newline is the last cell', GET_TABWRITER, 'x\ty', 'x     y'],
    [
      'a one-cell line splits blocks',
      DESCRIBE_TABWRITER,
      'Name:\tx\nIPs:\n  IP:\t10.0.0.1\nControlled By:\tReplicaSet/x\n',
      'Name:  x\nIPs:\n  IP:           10.0.0.1\nControlled By:  ReplicaSet/x\n',
    ],
    ['rune widths, not UTF-16 units', { minwidth: 0, padding: 1 }, 'é😀\tb\nab\tc\n', 'é😀 b\nab c\n'],
  ])('%s', (_name, opts, input, want) => {
    expect(tabulate(input, opts)).toBe(want);
  });

  it('flush() makes later lines align on their own (describe events)', () => {
    const w = new TabWriter(DESCRIBE_TABWRITER);
    w.write('Name:\tfrontend-svc\nNamespace:\tdefault\n').flush();
    w.write('  Type\tReason\n  ----\t------\n');
    expect(w.toString()).toBe('Name:       frontend-svc\nNamespace:  default\n  Type  Reason\n  ----  ------\n');
  });

  it('minwidth 6 and padding 3, last column unpadded', () => {
    expect(tabulate('NAME\tAGE\nab\t5s\n', GET_TABWRITER)).toBe('NAME   AGE\nab     5s\n');
  });

  it('remembered widths: a later block never narrows a column, and widens it for good (kubectl get -w)', () => {
    const widths: number[] = [];
    const w = (text: string) => new TabWriter({ ...GET_TABWRITER, remembered: widths }).write(text).toString();
    expect(w('NAME\tSTATUS\tAGE\ndefault\tActive\t9h\n')).toBe('NAME      STATUS   AGE\ndefault   Active   9h\n');
    expect(w('ns1\tActive\t0s\n')).toBe('ns1       Active   0s\n');
    expect(w('ns-with-a-long-name\tActive\t0s\n')).toBe('ns-with-a-long-name   Active   0s\n');
    expect(w('ns1\tTerminating\t13s\n')).toBe('ns1                   Terminating   13s\n');
    expect(widths).toEqual([22, 14]);
  });
});
