// The scenario kit (built-in scenarios, lessons, share links, the YAML parser and export): loaded after
// the first view, or by the first command that needs it. See src/sim/scenario/kit.ts.
import { lazyModule } from './lazy';
import type * as KitModule from '../sim/scenario/kit';

export type Kit = typeof KitModule;

export const kit = lazyModule<Kit>(() => import('../sim/scenario/kit'));
