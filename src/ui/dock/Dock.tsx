// The right-hand dock. Later panels (inspector, rules, console, lessons) dock here as more sections.
import { Notice } from './Notice';
import { SelectionPanel } from './SelectionPanel';
import { SendRequest } from './SendRequest';
import { TraceView } from './TraceView';
import { LessonsPanel } from '../scenario/LessonsPanel';
import { ChallengesPanel } from '../scenario/ChallengesPanel';
import { lazyPart } from '../lazy-part';
import './dock.css';

// the cluster-wide switches sit below the fold: their own chunk, asked for on the first render
const ClusterControls = lazyPart(
  () => import('./ClusterControls').then((m) => m.ClusterControls),
  'the cluster controls',
);

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
