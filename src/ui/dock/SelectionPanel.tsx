// Details of what is selected on the canvas, with what a user can do to it.
import { useStore } from '../../store';
import { lazyPart } from '../lazy-part';
import { Section } from './Field';

const SelectionDetails = lazyPart(
  () => import('./SelectionDetails').then((m) => m.SelectionDetails),
  'the details panel',
);

export function SelectionPanel() {
  const sel = useStore((s) => s.selection);
  let body;
  if (!sel) body = <p className="muted">Click a Pod, a Service or a node on the canvas.</p>;
  else if (/^(pod|node|svc)\//.test(sel)) body = <SelectionDetails sel={sel} />;
  else if (sel.startsWith('lb/'))
    body = (
      <p>
        The cloud load balancer {sel.slice(3)} forwards to a healthy node&apos;s NodePort, keeping the client&apos;s
        address.
      </p>
    );
  else
    body = (
      <p>
        The external client sits outside the cluster: it can reach node IPs, load balancers and routed external IPs,
        never a ClusterIP.
      </p>
    );
  return (
    <Section title="Selection" id="selection">
      {body}
    </Section>
  );
}
