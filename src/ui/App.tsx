// The app shell: top bar, the canvas in the centre, the dock on the right (panels dock here).
import { TopBar } from './TopBar';
import { CanvasArea } from './panels/CanvasArea';
import { Dock } from './dock/Dock';
import { ScenarioLayer } from './scenario/ScenarioLayer';
import { ErrorBoundary } from './ErrorBoundary';
import { useEffect } from 'react';
import { EMBED, lessonFromUrl } from './embed';
import { useStore } from '../store';
import { kit } from '../store/kit-loader';
import './app.css';

export function App() {
  useEffect(() => {
    const id = lessonFromUrl();
    if (id) void kit.load().then(() => useStore.getState().startLesson(id));
  }, []);
  return (
    <div className={EMBED ? 'app embed' : 'app'}>
      <TopBar />
      <main className="workspace">
        <ErrorBoundary area="canvas" label="the canvas and its panels">
          <CanvasArea />
        </ErrorBoundary>
        <ErrorBoundary area="dock" label="the side panel">
          <Dock />
        </ErrorBoundary>
      </main>
      <ScenarioLayer />
    </div>
  );
}
