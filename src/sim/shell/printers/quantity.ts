// A small slice of apimachinery's resource.Quantity: parse "100m", "2", "70Mi", "32Gi", "1k",
// add, and print the canonical form (an unchanged quantity keeps the text it was written with).

export interface Quantity {
  /** value in thousandths of a unit */
  milli: number;
  format: 'DecimalSI' | 'BinarySI';
  /** original text, kept while the value is unchanged */
  text?: string;
}

const DECIMAL: Record<string, number> = { m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

export const ZERO: Quantity = { milli: 0, format: 'DecimalSI' };

export function parseQuantity(text: string | undefined): Quantity {
  if (!text) return ZERO;
  const m = /^([+-]?\d+(?:\.\d+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(text.trim());
  if (!m) return ZERO;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix in BINARY) return { milli: Math.round(n * BINARY[suffix] * 1000), format: 'BinarySI', text };
  return { milli: Math.round(n * DECIMAL[suffix] * 1000), format: 'DecimalSI', text };
}

/** q.Add(other): the sum keeps the receiver's format (a zero Quantity takes the other's). */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  const format = a.milli === 0 && !a.text ? b.format : a.format;
  return { milli: a.milli + b.milli, format };
}

/** Quantity.Value(): whole units, rounded up. */
export const quantityValue = (q: Quantity): number => Math.ceil(q.milli / 1000);

/** Quantity.String() */
export function formatQuantity(q: Quantity): string {
  if (q.text !== undefined) return q.text;
  if (q.milli === 0) return '0';
  if (q.milli % 1000 !== 0) return `${q.milli}m`;
  const v = q.milli / 1000;
  if (q.format === 'BinarySI') {
    for (const s of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
      if (Math.abs(v) >= BINARY[s] && v % BINARY[s] === 0) return `${v / BINARY[s]}${s}`;
    }
    return String(v);
  }
  for (const s of ['E', 'P', 'T', 'G', 'M', 'k']) {
    if (Math.abs(v) >= DECIMAL[s] && v % DECIMAL[s] === 0) return `${v / DECIMAL[s]}${s}`;
  }
  return String(v);
}
