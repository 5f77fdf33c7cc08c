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
