// The right-hand dock. Later panels (inspector, rules, console, lessons) dock here as more sections.
import { ClusterControls } from './ClusterControls';
import { Notice } from './Notice';
import { SelectionPanel } from './SelectionPanel';
import { SendRequest } from './SendRequest';
import { TraceView } from './TraceView';
import { LessonsPanel } from '../scenario/LessonsPanel';
import { ChallengesPanel } from '../scenario/ChallengesPanel';
import './dock.css';

export function Dock() {
  return (
    <aside className="dock" aria-label="Controls and details">
      <Notice />
      <LessonsPanel />
      <ChallengesPanel />
      <SendRequest />
      <TraceView />
      <SelectionPanel />
      <ClusterControls />
    </aside>
  );
}
