// Service discovery from inside a Pod: its environment variables (and the Services missing from
// them because they were created after it started), its resolv.conf, and a DNS lookup box.
import { useStore } from '../../../store';
import { podResolv, renderResolv } from '../../../sim';
import { podEnv } from '../../../sim/shell/pod/env';
import { tSec } from '../format';
import { envReport } from './discovery-model';
import { DnsLookup } from './DnsLookup';

function usePodKey(): string | null {
  const chosen = useStore((s) => s.discoveryPod);
  const selection = useStore((s) => s.selection);
  const keys = useStore((s) => Object.keys(s.cluster.objects.pods).sort().join('\n'));
  const list = keys ? keys.split('\n') : [];
  if (chosen && list.includes(chosen)) return chosen;
  const sel = selection?.startsWith('pod/') ? selection.slice(4) : null;
  if (sel && list.includes(sel)) return sel;
  return list.find((k) => k === 'default/busybox') ?? list.find((k) => !k.startsWith('kube-')) ?? list[0] ?? null;
}

function PodPicker({ value }: { value: string }) {
  const keys = useStore((s) => Object.keys(s.cluster.objects.pods).sort().join('\n'));
  const setDiscoveryPod = useStore((s) => s.setDiscoveryPod);
  return (
    <label className="field compact">
      <span className="field-label">Pod</span>
      <select value={value} onChange={(e) => setDiscoveryPod(e.target.value)} data-testid="discovery-pod">
        {keys
          .split('\n')
          .filter(Boolean)
          .map((k) => (
            <option key={k} value={k}>
              {k.startsWith('default/') ? k.slice(8) : k}
            </option>
          ))}
      </select>
    </label>
  );
}

function EnvSection({ pkey }: { pkey: string }) {
  const pod = useStore((s) => s.cluster.objects.pods[pkey]);
  const cluster = useStore((s) => s.cluster);
  if (!pod) return null;
  const r = envReport(cluster, pod);
  const env = podEnv(cluster, pod, false);
  const svcVar = /_(SERVICE_HOST|SERVICE_PORT|PORT)(_|$)/;
  return (
    <section className="disc-col" aria-labelledby="disc-env" tabIndex={0}>
      <h3 id="disc-env">Environment variables</h3>
      {r.started === null ? (
        <p className="callout info">
          The container has not started yet: kubelet writes the Service variables when it starts the container.
        </p>
      ) : (
        <p className="muted small">
          kubelet wrote these when the container started ({tSec(r.started)}): one set per Service that existed then in
          namespace {pod.metadata.namespace}, plus kubernetes.
        </p>
      )}
      {r.missing.length > 0 && (
        <div className="callout warn" role="note" data-testid="env-caveat">
          <strong>Missing: {r.missing.map((m) => m.name).join(', ')}.</strong>{' '}
          {r.missing.length === 1 ? 'It was' : 'They were'} created at{' '}
          {r.missing.map((m) => tSec(m.createdAt)).join(', ')}, after this Pod&apos;s container started (
          {tSec(r.started ?? 0)}), so the Pod has no variables for {r.missing.length === 1 ? 'it' : 'them'}: kubelet
          sets them only when a container starts. Create Services before the Pods that use them, restart the Pod, or use
          DNS ({r.missing[0].name}) instead.
        </div>
      )}
      {r.gone.length > 0 && (
        <div className="callout info" role="note" data-testid="env-gone">
          Deleted since the Pod started, yet still in its environment: {r.gone.map((k) => k.split('/')[1]).join(', ')}.
        </div>
      )}
      <pre className="env-list" data-testid="env-vars" aria-label={`env in ${pod.metadata.name}`}>
        <span className="cmd-echo">$ kubectl exec {pod.metadata.name} -- env</span>
        {'\n'}
        {env.map(([k, v]) => (
          <span key={k} className={svcVar.test(k) ? 'svc-var' : undefined}>
            {k}={v}
            {'\n'}
          </span>
        ))}
      </pre>
    </section>
  );
}

export function DiscoveryPanel() {
  const pkey = usePodKey();
  const pod = useStore((s) => (pkey ? s.cluster.objects.pods[pkey] : undefined));
  const cluster = useStore((s) => s.cluster);
  if (!pkey || !pod) return <div className="panel-empty">No Pods.</div>;
  const conf = podResolv(cluster, pod);
  return (
    <div className="discovery" data-testid="discovery" data-pod={pkey}>
      <div className="panel-toolbar">
        <PodPicker value={pkey} />
        <span className="muted">
          How this Pod finds Services: environment variables (fixed at start) and DNS (always current).
        </span>
      </div>
      <div className="disc-grid">
        <EnvSection pkey={pkey} />
        <section className="disc-col" aria-labelledby="disc-resolv" tabIndex={0}>
          <h3 id="disc-resolv">/etc/resolv.conf</h3>
          <pre className="resolv" data-testid="resolv-conf">
            {renderResolv(conf)}
          </pre>
          <p className="muted small">
            {conf.options.includes('ndots:5')
              ? 'A name with fewer than 5 dots is tried with each search domain first, then as written.'
              : 'This Pod uses the node\u2019s resolver (dnsPolicy Default or hostNetwork): cluster names do not resolve.'}
          </p>
        </section>
        <div className="disc-col">
          <DnsLookup pkey={pkey} />
        </div>
      </div>
    </div>
  );
}
