// The app shell: top bar, the canvas in the centre, the dock on the right (panels dock here).
import { TopBar } from './TopBar';
import { CanvasArea } from './panels/CanvasArea';
import { Dock } from './dock/Dock';
import { ScenarioLayer } from './scenario/ScenarioLayer';
import { ErrorBoundary } from './ErrorBoundary';
import './app.css';

export function App() {
  return (
    <div className="app">
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
