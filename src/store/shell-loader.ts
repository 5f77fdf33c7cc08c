// The shell (kubectl, host commands, printers) is the largest part of the engine and only the console
// and the YAML panel need it: it loads on first use, so the first view of the canvas does not wait for it.
import { lazyModule } from './lazy';

export const shell = lazyModule(() => import('../sim/shell'));

export const loadedShell = shell.loaded;
export const loadShell = shell.load;
export const shellOrRetry = shell.orRetry;
