import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The Content-Security-Policy of the built app: no inline script, no eval, nothing outside its origin.
// Only the build gets it: Vite's dev server injects inline styles and React Refresh's inline preamble.
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

function contentSecurityPolicy(): Plugin {
  return {
    name: 'ksp-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' },
    ],
  };
}

/**
 * The first view's chunk asks Chromium (136+) to compile all its functions at once, while the file is
 * still arriving and off the main thread, instead of each one on its first call. Its code runs at start
 * anyway (the engine builds the default cluster, React renders the page), and compiling it lazily made
 * those tasks 20-40 ms longer. Other browsers read the line as a comment.
 */
function compileHint(): Plugin {
  return {
    name: 'ksp-compile-hint',
    apply: 'build',
    // (on the written file: Vite puts its own first line in after every plugin's generateBundle)
    writeBundle(out, bundle) {
      for (const c of Object.values(bundle)) {
        if (c.type !== 'chunk' || !c.moduleIds.some((id) => id.endsWith('/src/main.tsx'))) continue;
        const file = join(out.dir!, c.fileName);
        writeFileSync(file, `//# allFunctionsCalledOnLoad\n${readFileSync(file, 'utf8')}`);
      }
    },
  };
}

/**
 * One chunk for the first view. Everything the entry reaches through static imports is what the first
 * view loads anyway; left to itself, Rolldown splits the part that lazy chunks also use into several
 * shared chunks, and each file compresses worse on its own (about 4 KB gzip more in all). This records
 * the static import graph as modules are parsed, and the chunk group below captures the entry's closure.
 *
 * A barrel (a module that only re-exports, like src/sim/index.ts) is followed only for the names the
 * first view imports from it: the engine's barrel also re-exports what only later chunks use (the packet
 * tracer, printers, the kit's builders), and following all of it put those in the first chunk.
 */
type Edge = { to: string; names: string[] | '*' };
interface Parsed {
  edges: Edge[];
  /** for a barrel: exported name -> the module and name it comes from ('*' for export *) */
  reexports: { to: string; from: string; as: string }[] | null;
}
const STATEMENT =
  /(?:^|[;\n])\s*(import|export)\s*([^;'"]*?)\s*from\s*["']([^"']+)["']|(?:^|[;\n])\s*import\s*["']([^"']+)["']/g;
function specifiers(clause: string): string[] | '*' {
  if (/\*/.test(clause) && !/\{/.test(clause)) return '*';
  const names: string[] = [];
  const braces = clause.match(/\{([^}]*)\}/);
  const head = clause
    .replace(/\{[^}]*\}/, '')
    .replace(/,/g, ' ')
    .trim();
  if (head && head !== 'type') names.push('default');
  for (const part of braces?.[1].split(',') ?? []) {
    const n = part
      .trim()
      .replace(/^type\s+/, '')
      .split(/\s+as\s+/)[0]
      .trim();
    if (n) names.push(n);
  }
  return names;
}
function firstViewChunk() {
  const parsed = new Map<string, Parsed>();
  let entry: string | null = null;
  let closure: Set<string> | null = null;
  const plugin: Plugin = {
    name: 'ksp-first-view-graph',
    apply: 'build',
    buildStart() {
      parsed.clear();
      entry = null;
      closure = null;
    },
    async moduleParsed(info) {
      if (info.isEntry) entry = info.id;
      const code = info.code ?? '';
      const edges: Edge[] = [];
      const reexports: NonNullable<Parsed['reexports']> = [];
      let resolvedAll = true;
      for (const m of code.matchAll(STATEMENT)) {
        const spec = m[3] ?? m[4];
        const to = (await this.resolve(spec, info.id))?.id;
        if (!to || !info.importedIds.includes(to)) {
          resolvedAll = false;
          continue;
        }
        if (m[4] !== undefined) edges.push({ to, names: [] });
        else if (m[1] === 'import') edges.push({ to, names: specifiers(m[2]) });
        else {
          const star = m[2].match(/^\*(?:\s+as\s+(\S+))?$/);
          if (star) reexports.push({ to, from: '*', as: star[1] ?? '*' });
          else
            for (const part of m[2].replace(/^\{|\}$/g, '').split(','))
              if (part.trim()) {
                const [from, as = from] = part
                  .trim()
                  .split(/\s+as\s+/)
                  .map((x) => x.trim());
                reexports.push({ to, from, as });
              }
        }
      }
      // a barrel: nothing but `export … from` statements (every static import accounted for)
      const rest = code
        .replace(STATEMENT, '')
        .replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '')
        .replace(/[\s;]/g, '');
      const barrel = resolvedAll && rest === '' && edges.length === 0 && reexports.length > 0;
      // anything not understood is followed whole
      for (const to of info.importedIds)
        if (!edges.some((e) => e.to === to) && !reexports.some((r) => r.to === to)) edges.push({ to, names: '*' });
      if (!barrel) for (const r of reexports) edges.push({ to: r.to, names: '*' });
      parsed.set(info.id, { edges, reexports: barrel ? reexports : null });
    },
  };
  const test = (id: string): boolean => {
    if (!closure) {
      const done = new Set<string>();
      const seen = new Set<string>();
      const todo: Edge[] = entry ? [{ to: entry, names: '*' }] : [];
      for (let e = todo.pop(); e !== undefined; e = todo.pop()) {
        const p = parsed.get(e.to);
        if (p?.reexports && e.names !== '*') {
          // a barrel: only the modules that export the names asked for
          done.add(e.to);
          for (const name of e.names) {
            if (seen.has(`${e.to}#${name}`)) continue;
            seen.add(`${e.to}#${name}`);
            for (const r of p.reexports)
              if (r.as === name) todo.push({ to: r.to, names: r.from === '*' ? '*' : [r.from] });
              else if (r.as === '*') todo.push({ to: r.to, names: [name] });
          }
          continue;
        }
        if (seen.has(e.to)) continue;
        seen.add(e.to);
        done.add(e.to);
        todo.push(...(p?.edges ?? []));
      }
      closure = done;
    }
    return closure.has(id);
  };
  return { plugin, group: { name: 'index', test } };
}

const firstView = firstViewChunk();

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), firstView.plugin, compileHint()],
  build: {
    rolldownOptions: {
      treeshake: { moduleSideEffects: (id: string) => !id.endsWith('/src/sim/index.ts') },
      output: {
        codeSplitting: { groups: [firstView.group] },
        chunkFileNames: 'assets/[name]-[hash:6].js',
        assetFileNames: 'assets/[name]-[hash:6][extname]',
      },
    },
    // The first view's one chunk is about 640 kB minified; what counts is its gzip size, which
    // `npm run bench -- size` checks against the budget (200 KB).
    chunkSizeWarningLimit: 700,
    // No module preloading: the first view is one chunk with nothing to preload, and the helper that
    // fetches a lazy chunk's own imports beside it (with the list of every chunk's dependencies) cost the
    // first chunk about 0.8 KB gzip. A lazy chunk now fetches its imports once it has arrived (one more
    // round trip the first time), and the idle preload (ui/preload.ts) fetches them all early anyway.
    // Vite still loads a lazy chunk's CSS with it.
    modulePreload: false,
  },
  base: './',
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    setupFiles: ['src/sim/test-setup.ts', 'src/store/test-setup.ts'],
  },
});
