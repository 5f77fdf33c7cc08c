// Details of what is selected on the canvas, with what a user can do to it.
import { useStore } from '../../store';
import { lazyPart } from '../lazy-part';
import { Section } from './Field';

const SelectionDetails = lazyPart(
  () => import('./SelectionDetails').then((m) => m.SelectionDetails),
  'the details panel',
);

export function ScaleControl({ dkey }: { dkey: string }) {
  const replicas = useStore((s) => s.cluster.objects.deployments[dkey]?.spec.replicas ?? 0);
  const ready = useStore((s) => s.cluster.objects.deployments[dkey]?.status.readyReplicas ?? 0);
  const scale = useStore((s) => s.scaleDeployment);
  const [ns, name] = dkey.split('/');
  return (
    <div className="scale" role="group" aria-label={`Scale ${name}`}>
      <span className="scale-name">Deployment {name}</span>
      <button
        type="button"
        className="icon-btn small"
        aria-label={`Scale ${name} down`}
        onClick={() => scale(ns, name, Math.max(0, replicas - 1))}
        disabled={replicas === 0}
      >
        −
      </button>
      <span className="scale-n" data-testid={`replicas-${name}`}>
        {replicas}
      </span>
      <button
        type="button"
        className="icon-btn small"
        aria-label={`Scale ${name} up`}
        onClick={() => scale(ns, name, replicas + 1)}
      >
        +
      </button>
      <span className="muted">{ready} ready</span>
    </div>
  );
}

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
