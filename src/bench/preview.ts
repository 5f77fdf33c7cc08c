// A fresh production build served by `vite preview` on a free port, as a child process the browser
// benchmark starts and stops (its own output directory, so a concurrent `vite build` is not disturbed).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Preview {
  url: string;
  stop: () => void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer at ${url} within ${ms} ms`);
}

/** `buildArgs`: extra `vite build` flags (profiling uses `--minify false` to keep function names). */
export async function startPreview(buildArgs: string[] = []): Promise<Preview> {
  const outDir = mkdtempSync(join(tmpdir(), 'ksp-bench-dist-'));
  execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn', ...buildArgs], {
    stdio: 'inherit',
  });
  const port = await freePort();
  // detached: its own process group, so stop() ends npx and the vite process under it, and nothing else
  const child = spawn(
    'npx',
    ['vite', 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { stdio: 'ignore', detached: true },
  );
  const url = `http://127.0.0.1:${port}/`;
  const stop = () => {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
    rmSync(outDir, { recursive: true, force: true });
  };
  try {
    await waitFor(url, child, 30_000);
  } catch (e) {
    stop();
    throw e;
  }
  return { url, stop };
}
