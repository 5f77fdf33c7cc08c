// The app shell: top bar, the canvas in the centre, the dock on the right (panels dock here).
import { TopBar } from './TopBar';
import { CanvasArea } from './panels/CanvasArea';
import { Dock } from './dock/Dock';
import { ScenarioLayer } from './scenario/ScenarioLayer';
import './app.css';

export function App() {
  return (
    <div className="app">
      <TopBar />
      <main className="workspace">
        <CanvasArea />
        <Dock />
      </main>
      <ScenarioLayer />
    </div>
  );
}
