// Exporting the canvas as PNG or SVG for slides (built in the browser from the canvas's own DOM),
// loaded when Export is first pressed.
import { useState } from 'react';
import { useStore } from '../../store';
import { canvasToPng, download, svgBlob } from './export-image';

function fileName(ext: string): string {
  const s = useStore.getState();
  const base = (s.scenario.id ?? 'shared').replace(/[^a-z0-9-]/gi, '-');
  return `k8s-services-${base}-t${Math.round(s.cluster.now / 1000)}s.${ext}`;
}

export function ExportPanel() {
  const [status, setStatus] = useState('');
  const run = async (kind: 'png' | 'svg') => {
    setStatus('Drawing…');
    try {
      const blob = kind === 'png' ? await canvasToPng(2) : svgBlob();
      if (!blob) throw new Error('there is nothing on the canvas to draw');
      download(blob, fileName(kind));
      setStatus(`Saved ${fileName(kind)}.`);
    } catch (e) {
      setStatus(`The picture could not be made: ${(e as Error).message}.`);
    }
  };
  return (
    <div className="export-panel">
      <h2 className="popover-title">Export the canvas</h2>
      <p className="popover-note">The whole cluster as drawn now (with the packet in flight), for slides.</p>
      <div className="actions">
        <button type="button" className="btn" onClick={() => void run('png')} data-testid="export-png">
          PNG image
        </button>
        <button type="button" className="btn" onClick={() => void run('svg')} data-testid="export-svg">
          SVG image
        </button>
      </div>
      <p className="share-status" role="status">
        {status}
      </p>
    </div>
  );
}
