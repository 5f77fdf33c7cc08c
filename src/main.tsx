import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { useStore } from './store';
import { startTickLoop } from './store/tick';
import { bootstrap } from './store/share-url';

// saved work, or a shared link, before the first frame
bootstrap(useStore);
startTickLoop(useStore);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
