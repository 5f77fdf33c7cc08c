// The app shell: top bar, the canvas in the centre, the dock on the right (panels dock here).
import { TopBar } from './TopBar';
import { Canvas } from './canvas/Canvas';
import { Dock } from './dock/Dock';
import './app.css';

export function App() {
  return (
    <div className="app">
      <TopBar />
      <main className="workspace">
        <Canvas />
        <Dock />
      </main>
    </div>
  );
}
