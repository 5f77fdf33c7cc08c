// Export the canvas as PNG or SVG for slides; the panel and the drawing code load on first use.
import { lazyPart } from '../lazy-part';
import { Popover } from './Popover';
import { ImageIcon } from './icons';

const ExportPanel = lazyPart(() => import('./ExportPanel').then((m) => m.ExportPanel), 'the image export');

export function ExportMenu() {
  return (
    <Popover
      label="Export"
      ariaLabel="Export"
      className="icon-only"
      testId="export-button"
      title="Export the canvas as PNG or SVG"
      buttonText={<ImageIcon />}
    >
      {() => <ExportPanel />}
    </Popover>
  );
}
