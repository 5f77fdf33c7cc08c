// A pflag-style parser (kubectl's flags): --flag=value, --flag value, -n value, -nvalue, combined
// boolean shorthands (-it), `--` ending the flags, and pflag's own error texts.

export type FlagType = 'bool' | 'string' | 'int' | 'strings';
export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  /** the value a flag given without one takes (pflag NoOptDefVal), e.g. --dry-run → "unchanged" */
  noOpt?: string;
}

export type FlagValue = string | boolean | number | string[];
export interface Parsed {
  flags: Record<string, FlagValue>;
  args: string[];
  /** how many positional args came before `--` (cobra's ArgsLenAtDash), -1 without `--` */
  dashAt: number;
}

export function parseFlags(argv: string[], specs: FlagSpec[]): Parsed | { error: string } {
  const flags: Record<string, FlagValue> = {};
  const args: string[] = [];
  let dashAt = -1;
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const set = (spec: FlagSpec, raw: string, shown: string): string | null => {
    if (spec.type === 'bool') {
      if (!/^(1|0|t|f|T|F|true|false|TRUE|FALSE|True|False)$/.test(raw))
        return `invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`;
      flags[spec.name] = /^(1|t|T|true|TRUE|True)$/.test(raw);
    } else if (spec.type === 'int') {
      if (!/^[+-]?\d+$/.test(raw))
        return `invalid argument "${raw}" for "${shown}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`;
      // pflag's int is Go's 64-bit int: strconv.ParseInt refuses what does not fit
      const n = BigInt(raw);
      if (n > 9223372036854775807n || n < -9223372036854775808n)
        return `invalid argument "${raw}" for "${shown}" flag: strconv.ParseInt: parsing "${raw}": value out of range`;
      flags[spec.name] = Number(raw);
    } else if (spec.type === 'strings') {
      const prev = (flags[spec.name] as string[] | undefined) ?? [];
      flags[spec.name] = [...prev, ...(spec.name === 'filename' || spec.name === 'env' ? [raw] : raw.split(','))];
    } else flags[spec.name] = raw;
    return null;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      dashAt = args.length;
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = byName.get(name);
      if (!spec) return { error: `unknown flag: --${name}` };
      if (eq >= 0) {
        const e = set(spec, a.slice(eq + 1), `--${name}`);
        if (e) return { error: e };
      } else if (spec.type === 'bool') flags[spec.name] = true;
      else if (spec.noOpt !== undefined) flags[spec.name] = spec.noOpt;
      else {
        if (i + 1 >= argv.length) return { error: `flag needs an argument: --${name}` };
        const e = set(spec, argv[++i], `--${name}`);
        if (e) return { error: e };
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const spec = byShort.get(c);
        if (!spec) return { error: `unknown shorthand flag: '${c}' in ${a}` };
        const rest = a.slice(j + 1);
        if (rest.startsWith('=')) {
          const e = set(spec, rest.slice(1), `-${c}, --${spec.name}`);
          if (e) return { error: e };
          break;
        }
        if (spec.type === 'bool') {
          flags[spec.name] = true;
          continue;
        }
        if (rest) {
          const e = set(spec, rest, `-${c}, --${spec.name}`);
          if (e) return { error: e };
          break;
        }
        if (spec.noOpt !== undefined) {
          flags[spec.name] = spec.noOpt;
          break;
        }
        if (i + 1 >= argv.length) return { error: `flag needs an argument: '${c}' in -${c}` };
        const e = set(spec, argv[++i], `-${c}, --${spec.name}`);
        if (e) return { error: e };
        break;
      }
      continue;
    }
    args.push(a);
  }
  return { flags, args, dashAt };
}

export const str = (p: Parsed, name: string): string | undefined => p.flags[name] as string | undefined;
export const bool = (p: Parsed, name: string): boolean => p.flags[name] === true;
export const int = (p: Parsed, name: string): number | undefined => p.flags[name] as number | undefined;
export const strs = (p: Parsed, name: string): string[] => (p.flags[name] as string[] | undefined) ?? [];
