// Vitest's setup file for the store: the parts a first view loads later are in from the start, as in
// Node code that imports them directly (the shell, the CLI): the packet tracer and the lessons' actions.
// The wait for the tracer when it is not in is tested in tracer-wait.test.ts.
import { tracer } from './tracer-loader';
import { lessonModule } from './lesson-slice';
import { shadowCheck } from './tick-pods';

await Promise.all([tracer.load(), lessonModule.load()]);

// every tick the engine Worker answers is checked to rebuild its cluster exactly (tick-pods.ts)
shadowCheck.on = true;
