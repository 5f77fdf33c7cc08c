// The centre column: the canvas on top, the look-inside panels under it (resizable, collapsible),
// so the canvas stays the centre of the screen.
import { Canvas } from '../canvas/Canvas';
import { BottomPanel } from './BottomPanel';
import { usePacketClick } from './usePacketClick';
import './panels.css';

export function CanvasArea() {
  usePacketClick();
  return (
    <div className="centre">
      <Canvas />
      <BottomPanel />
    </div>
  );
}
