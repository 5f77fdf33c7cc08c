// A Deployment's replica count with − and + (the selection details and the cluster controls show it).
import { useStore } from '../../store';

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
