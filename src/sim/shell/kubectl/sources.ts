// -f FILE|DIR|-|URL: reading manifests from the machine's files (or stdin) as kubectl does.
import type { ManifestInput } from '../../model/types';
import type { K } from './common';
import { parseManifests } from '../../scenario/manifest';
import { listDir, readFile } from '../fs';
import { parseUrl } from '../host/connect';
import { nodeResolv } from '../../kubelet/resolv';

export interface Source {
  name: string;
  objects: ManifestInput[];
  notes: string[];
}
export type Read = { ok: true; sources: Source[]; serverErrors: string[] } | { ok: false; errors: string[] };

const MANIFEST = /\.(ya?ml|json)$/;

/** The manifest files under a directory: its *.yaml, *.yml and *.json (and subdirectories' with -R). */
function dirFiles(k: K, dir: string, recursive: boolean): { name: string; text: string }[] | null {
  const entries = listDir(k.ctx, dir);
  if (!entries || !entries.length) return null;
  const out: { name: string; text: string }[] = [];
  for (const n of entries) {
    const p = `${dir.replace(/\/$/, '')}/${n}`;
    const t = readFile(k.ctx, p);
    if (t !== null) {
      if (MANIFEST.test(n)) out.push({ name: p, text: t });
    } else if (recursive) out.push(...(dirFiles(k, p, true) ?? []));
  }
  return out;
}

export function readSources(k: K, filenames: string[], recursive = false): Read {
  const texts: { name: string; text: string }[] = [];
  const errors: string[] = [];
  for (const f of filenames) {
    if (f === '-') {
      texts.push({ name: 'STDIN', text: k.ctx.stdin });
      continue;
    }
    if (/^https?:\/\//.test(f)) {
      const host = parseUrl(f)?.host ?? f;
      errors.push(
        `error: Get "${f}": dial tcp: lookup ${host} on ${nodeResolv(k.state).nameservers[0]}:53: no such host`,
      );
      continue;
    }
    const text = readFile(k.ctx, f);
    if (text !== null) {
      texts.push({ name: f, text });
      continue;
    }
    const inDir = dirFiles(k, f, recursive);
    if (inDir) {
      texts.push(...inDir);
      continue;
    }
    errors.push(`error: the path "${f}" does not exist`);
  }
  if (errors.length) return { ok: false, errors };
  const sources: Source[] = [];
  const serverErrors: string[] = [];
  for (const t of texts) {
    const p = parseManifests(t.text, { source: t.name });
    const hard = p.errors.filter((e) => !e.message.startsWith('Error from server'));
    if (hard.length) return { ok: false, errors: hard.map((e) => e.message) };
    serverErrors.push(...p.errors.map((e) => e.message));
    sources.push({ name: t.name, objects: p.objects, notes: p.ignored });
  }
  const total = sources.reduce((n, s) => n + s.objects.length, 0);
  if (total === 0 && !serverErrors.length) return { ok: false, errors: ['error: no objects passed to apply'] };
  return { ok: true, sources, serverErrors };
}
