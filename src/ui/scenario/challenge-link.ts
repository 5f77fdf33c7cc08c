// Share links for challenges: ?challenge=NAME for a built-in one, ?challenge-file=<base64url of the
// file> for a teacher's own (the file travels inside the link; nothing is uploaded anywhere).
export function challengeLink(ref: { name: string } | { yaml: string }, base = location.href): string {
  const u = new URL(base);
  u.hash = '';
  u.searchParams.delete('challenge');
  u.searchParams.delete('challenge-file');
  if ('name' in ref) u.searchParams.set('challenge', ref.name);
  else u.searchParams.set('challenge-file', encodeFile(ref.yaml));
  return u.toString();
}

export function encodeFile(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeFile(s: string): string | null {
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** The challenge a page address asks for, if any. */
export function challengeFromUrl(
  search = location.search,
): { name: string } | { yaml: string; source: string } | { error: string } | null {
  const p = new URLSearchParams(search);
  const name = p.get('challenge');
  if (name) return { name };
  const file = p.get('challenge-file');
  if (file === null) return null;
  const yaml = decodeFile(file);
  return yaml === null
    ? { error: 'The challenge in this link is damaged (it is not base64url-encoded UTF-8).' }
    : { yaml, source: 'the shared link' };
}
