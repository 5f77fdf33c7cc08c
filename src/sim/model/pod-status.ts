// The STATUS kubectl get pods shows (printPod in kubernetes pkg/printers/internalversion): the first
// container's waiting or terminated reason, Completed read as Running/NotReady while a container still
// runs, and Terminating once the Pod is being deleted. The shell's printer and the canvas's cards both
// show this, so a card and `kubectl get pods` always agree.
import type { Pod } from './types';

export function podStatusReason(p: Pod): string {
  let reason: string = p.status.reason || p.status.phase;
  for (const c of p.status.conditions ?? [])
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  const statuses = p.status.containerStatuses ?? [];
  let hasRunning = false;
  // Walk backwards so the first container's reason is the one left standing.
  for (const c of [...statuses].reverse()) {
    const st = c.state;
    if (st.waiting?.reason) reason = st.waiting.reason;
    else if (st.terminated?.reason) reason = st.terminated.reason;
    else if (st.terminated)
      reason = st.terminated.signal ? `Signal:${st.terminated.signal}` : `ExitCode:${st.terminated.exitCode}`;
    else if (c.ready && st.running) hasRunning = true;
  }
  if (reason === 'Completed' && hasRunning) {
    const ready = (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
    reason = ready ? 'Running' : 'NotReady';
  }
  const terminal = p.status.phase === 'Succeeded' || p.status.phase === 'Failed';
  if (p.metadata.deletionTimestamp !== undefined && p.status.reason === 'NodeLost') reason = 'Unknown';
  else if (p.metadata.deletionTimestamp !== undefined && !terminal) reason = 'Terminating';
  return reason;
}
