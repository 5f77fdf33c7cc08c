// Every browser effect the app runs, started in one place (the engine and the store stay free of them
// until this is called): what the screen starts with, autosave, the lesson watcher, the address bar,
// the clock and the console's watch. main.tsx calls it once, before the first frame.
import type { AppStore } from './types';
import { followAddressBar, linkedHash, openStartingWork } from './share-url';
import { startAutosave } from './persist';
import { startLessonWatch } from './lesson-watch';
import { startTickLoop } from './tick';
import { startConsoleSleep, startConsoleWatch } from './console-watch';

/** Start every effect; the returned function stops them all (tests, hot reload). */
export function startApp(store: AppStore): () => void {
  // saved work, or a shared link, before the first frame
  openStartingWork(store);
  const stops = [
    startAutosave(store, linkedHash),
    startLessonWatch(store),
    followAddressBar(store),
    startTickLoop(store),
    startConsoleWatch(store),
    startConsoleSleep(store),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
