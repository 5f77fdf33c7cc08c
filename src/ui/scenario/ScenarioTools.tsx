// The top bar's right-hand tools: history, share, export, view.
import { HistoryButtons } from './HistoryButtons';
import { ShareButton } from './ShareButton';
import { ExportMenu } from './ExportMenu';
import { ViewTools } from './ViewTools';
import './scenario.css';

export function ScenarioTools() {
  return (
    <div className="scenario-tools">
      <HistoryButtons />
      <ShareButton />
      <ExportMenu />
      <ViewTools />
    </div>
  );
}
