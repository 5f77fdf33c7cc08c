import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { preloadLaterChunks } from './ui/preload';
import { useStore } from './store';
import { startApp } from './store/start';
import { startPlayback } from './ui/playback';
import { savedWorkShown } from './store/share-url';

// every browser effect (saved work or a shared link first, before the first frame)
startApp(useStore);
// the one cursor over requests in flight (a UI effect: the store does not import the UI)
startPlayback(useStore);
// progress events for a page that frames the playground (a course page, an LMS), loaded only when framed
if (window.parent !== window) void import('./store/embed-events').then((m) => m.startEmbedEvents(useStore));

// (saved work is checked by a small chunk first: the first paint shows it, not the default scenario)
void savedWorkShown.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ErrorBoundary area="app" label="the playground">
        <App />
      </ErrorBoundary>
    </StrictMode>,
  ),
);

// the split-out code, fetched while idle so the app keeps working offline
preloadLaterChunks();
