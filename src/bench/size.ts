// Production build size: gzip bytes of the JavaScript and CSS the first view loads, and of the rest.
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

export async function benchSize() {
  execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
  const html = readFileSync('dist/index.html', 'utf8');
  const initial = new Set([...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1]));
  const rows: { file: string; initial: boolean; bytes: number; gzip: number }[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(js|css)$/.test(f)) {
        const buf = readFileSync(p);
        rows.push({
          file: p.replace(/^dist\//, ''),
          initial: initial.has(p.replace(/^dist\//, '')),
          bytes: buf.length,
          gzip: gzipSync(buf, { level: 9 }).length,
        });
      }
    }
  };
  walk('dist/assets');
  const sum = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((a, r) => a + r.gzip, 0);
  return {
    rows,
    initialJsGzip: sum((r) => r.initial && r.file.endsWith('.js')),
    initialCssGzip: sum((r) => r.initial && r.file.endsWith('.css')),
    lazyGzip: sum((r) => !r.initial),
  };
}
