// Vitest's setup file for the store: the packet tracer is in from the start, as it is in Node code that
// imports it (the shell, the CLI). The wait for it when it is not is tested in tracer-wait.test.ts.
import { tracer } from './tracer-loader';

await tracer.load();
