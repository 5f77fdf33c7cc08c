// Clicking the followed packet on the canvas opens the hop inspector at the hop it shows, and pauses
// so the packet stays there. The packet layer draws plain DOM outside React; one capturing listener
// here finds it without the packet layer knowing about panels.
import { useEffect } from 'react';
import { useStore } from '../../store';
import { playback } from '../playback';

export function usePacketClick() {
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      const el = (e.target as Element | null)?.closest?.('.packet.focus');
      if (!el) return;
      const id = Number((el as HTMLElement).dataset.request);
      const cursor = playback.getCursor();
      if (!Number.isFinite(id) || cursor.requestId !== id) return;
      // the pane underneath would take the click as "select nothing"
      e.stopPropagation();
      const { pause, inspectHop } = useStore.getState();
      pause();
      inspectHop(id, cursor.hop);
    };
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, []);
}
