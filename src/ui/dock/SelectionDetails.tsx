// What the selection panel shows about a Pod, a node or a Service, with what a user can do to it.
// Loaded with the first selection (or by the idle preload): the first view shows none.
import { useState } from 'react';
import { isNodeReady, isPodReady, nodeIP } from '../../sim';
import { useStore } from '../../store';
import { podStatus } from '../canvas/pod-status';
import { ScaleControl } from './ScaleControl';
import { ServiceActions } from './ServiceActions';

function ownerDeployment(key: string): string | null {
  const s = useStore.getState().cluster;
  const pod = s.objects.pods[key];
  const rsRef = pod?.metadata.ownerReferences?.find((o) => o.kind === 'ReplicaSet');
  if (!rsRef) return null;
  const rs = s.objects.replicasets[`${pod.metadata.namespace}/${rsRef.name}`];
  const d = rs?.metadata.ownerReferences?.find((o) => o.kind === 'Deployment');
  return d ? `${pod.metadata.namespace}/${d.name}` : null;
}

function PodDetails({ pkey }: { pkey: string }) {
  const pod = useStore((s) => s.cluster.objects.pods[pkey]);
  const cs = pod?.status.containerStatuses?.[0];
  const restarts = cs?.restartCount ?? 0;
  const lastExit = cs?.lastState?.terminated;
  const { killPod, setPodLabel, setSpec } = useStore.getState();
  const spec = useStore((s) => s.spec);
  const [lk, setLk] = useState('');
  const [lv, setLv] = useState('');
  if (!pod) return <p className="muted">This Pod is gone.</p>;
  const ns = pod.metadata.namespace!;
  const name = pod.metadata.name;
  const dep = ownerDeployment(pkey);
  const port = pod.spec.containers[0]?.ports?.[0]?.containerPort;
  return (
    <div className="details" data-testid="selection-pod">
      <h3 className="details-title">Pod {name}</h3>
      <dl className="kv">
        <dt>Status</dt>
        <dd>
          {podStatus(pod).text}
          {isPodReady(pod) ? ', Ready' : ', not ready'}
        </dd>
        <dt>IP</dt>
        <dd className="mono">{pod.status.podIP ?? '<none>'}</dd>
        <dt>Node</dt>
        <dd>{pod.spec.nodeName ?? '<none>'}</dd>
        <dt>Image</dt>
        <dd className="mono">{pod.spec.containers[0]?.image}</dd>
        {restarts > 0 && (
          <>
            <dt>Restarts</dt>
            <dd>
              {restarts}
              {lastExit ? ` (last exit code ${lastExit.exitCode}, ${lastExit.reason ?? 'Error'})` : ''}
            </dd>
          </>
        )}
        {port && (
          <>
            <dt>Port</dt>
            <dd className="mono">{port}</dd>
          </>
        )}
      </dl>
      <div className="labels-edit">
        <div className="field-label">Labels</div>
        <ul className="label-list">
          {Object.entries(pod.metadata.labels ?? {}).map(([k, v]) => (
            <li key={k}>
              <span className="chip mono">
                {k}={v}
              </span>
              <button
                type="button"
                className="link-btn"
                aria-label={`Remove label ${k}`}
                onClick={() => setPodLabel(ns, name, k, null)}
              >
                remove
              </button>
            </li>
          ))}
        </ul>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            setPodLabel(ns, name, lk, lv);
          }}
        >
          <input
            aria-label="Label key"
            placeholder="key"
            value={lk}
            onChange={(e) => setLk(e.target.value)}
            spellCheck={false}
          />
          <span>=</span>
          <input
            aria-label="Label value"
            placeholder="value"
            value={lv}
            onChange={(e) => setLv(e.target.value)}
            spellCheck={false}
          />
          <button type="submit" className="btn">
            Set label
          </button>
        </form>
      </div>
      <div className="actions">
        <button
          type="button"
          className="btn danger"
          onClick={() => killPod(ns, name)}
          disabled={pod.metadata.deletionTimestamp !== undefined}
        >
          Kill Pod
        </button>
        {pod.status.podIP && port && (
          <button
            type="button"
            className="btn"
            onClick={() => setSpec({ ...spec, target: { kind: 'podIP', ip: pod.status.podIP, port, pod: pkey } })}
          >
            Target its IP
          </button>
        )}
        {pod.status.podIP && !pod.spec.hostNetwork && (
          <button
            type="button"
            className="btn"
            onClick={() => setSpec({ ...spec, source: { kind: 'pod', namespace: ns, name } })}
          >
            Send from it
          </button>
        )}
      </div>
      {dep && <ScaleControl dkey={dep} />}
      <p className="hint">Tip: focus a Pod on the canvas and press Delete to kill it.</p>
    </div>
  );
}

function NodeDetails({ name }: { name: string }) {
  const node = useStore((s) => s.cluster.objects.nodes[name]);
  const proxy = useStore((s) => s.cluster.proxies[name]);
  const { drainNode, uncordonNode, removeNode } = useStore.getState();
  if (!node) return <p className="muted">This node is gone.</p>;
  return (
    <div className="details" data-testid="selection-node">
      <h3 className="details-title">Node {name}</h3>
      <dl className="kv">
        <dt>InternalIP</dt>
        <dd className="mono">{nodeIP(node)}</dd>
        <dt>PodCIDR</dt>
        <dd className="mono">{node.spec.podCIDR}</dd>
        <dt>Status</dt>
        <dd>
          {isNodeReady(node) ? 'Ready' : 'NotReady'}
          {node.spec.unschedulable ? ',SchedulingDisabled' : ''}
        </dd>
        <dt>kube-proxy</dt>
        <dd>
          {proxy
            ? `${proxy.syncCount} syncs; last +${proxy.lastDiff?.added.length ?? 0} −${proxy.lastDiff?.removed.length ?? 0} rules`
            : 'not running'}
        </dd>
      </dl>
      <div className="actions">
        {node.spec.unschedulable ? (
          <button type="button" className="btn" onClick={() => uncordonNode(name)}>
            Uncordon
          </button>
        ) : (
          <button type="button" className="btn" onClick={() => drainNode(name)}>
            Drain node
          </button>
        )}
        <button type="button" className="btn danger" onClick={() => removeNode(name)}>
          Remove node
        </button>
      </div>
    </div>
  );
}

/** The details of a selected Pod (pod/ns/name), node (node/name) or Service (svc/ns/name). */
export function SelectionDetails({ sel }: { sel: string }) {
  if (sel.startsWith('pod/')) return <PodDetails key={sel} pkey={sel.slice(4)} />;
  if (sel.startsWith('node/')) return <NodeDetails name={sel.slice(5)} />;
  return <ServiceActions key={sel} skey={sel.slice(4)} />;
}
