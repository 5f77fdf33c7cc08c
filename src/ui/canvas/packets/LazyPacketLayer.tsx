// The packet layer (drawing, painting, trails) loads as its own chunk: the first view has no packet in
// flight. It is asked for on the canvas's first render, well before a request can be made (a request
// waits for the tracer, a chunk of its own too); until it is in there is nothing to draw, so nothing
// shows meanwhile. Flights are the playback's, not the layer's: once in, it draws them where they are.
import { lazyModule } from '../../../store/lazy';
import { useLazy } from '../../lazy-part';

const layer = lazyModule(() => import('./PacketLayer'));

export function PacketLayer() {
  const { loaded } = useLazy(layer);
  return loaded ? <loaded.PacketLayer /> : null;
}
