// The shell (kubectl, host commands, printers) is the largest part of the engine and only the console
// and the YAML panel need it: it loads on first use, so the first view of the canvas does not wait for it.
type ShellModule = typeof import('../sim/shell');

let mod: ShellModule | null = null;
let pending: Promise<ShellModule> | null = null;

export function loadedShell(): ShellModule | null {
  return mod;
}

export function loadShell(): Promise<ShellModule> {
  pending ??= import('../sim/shell').then((m) => (mod = m));
  return pending;
}

/** The shell if it is loaded; otherwise start loading it, call `retry` once it is, and return null. */
export function shellOrRetry(retry: () => void): ShellModule | null {
  if (mod) return mod;
  void loadShell().then(retry);
  return null;
}
