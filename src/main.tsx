import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { preloadLaterChunks } from './ui/preload';
import { useStore } from './store';
import { startApp } from './store/start';

// every browser effect (saved work or a shared link first, before the first frame)
startApp(useStore);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary area="app" label="the playground">
      <App />
    </ErrorBoundary>
  </StrictMode>,
);

// the split-out code, fetched while idle so the app keeps working offline
preloadLaterChunks();
