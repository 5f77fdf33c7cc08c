// Any object as `kubectl get KIND NAME -o yaml` prints it; the canvas selection picks it unless the
// user chose another here.
import { useMemo, useState } from 'react';
import type { KubeObject } from '../../../sim';
import { printObjects } from '../../../sim/shell/printers';
import { useStore } from '../../../store';

const COLLECTIONS = [
  ['Pod', 'pods'],
  ['Service', 'services'],
  ['Deployment', 'deployments'],
  ['ReplicaSet', 'replicasets'],
  ['EndpointSlice', 'endpointslices'],
  ['Node', 'nodes'],
  ['Namespace', 'namespaces'],
] as const;

type Ref = `${string}|${string}`; // Kind|key

function fromSelection(sel: string | null): Ref | null {
  if (!sel) return null;
  if (sel.startsWith('pod/')) return `Pod|${sel.slice(4)}`;
  if (sel.startsWith('svc/')) return `Service|${sel.slice(4)}`;
  if (sel.startsWith('node/')) return `Node|${sel.slice(5)}`;
  return null;
}

function useObjectList(): string {
  return useStore((s) =>
    COLLECTIONS.map(([kind, c]) =>
      Object.keys(s.cluster.objects[c])
        .sort()
        .map((k) => `${kind}|${k}`)
        .join('\n'),
    )
      .filter(Boolean)
      .join('\n'),
  );
}

export function ObjectYaml() {
  const selection = useStore((s) => s.selection);
  const [chosen, setChosen] = useState<Ref | null>(null);
  const list = useObjectList().split('\n').filter(Boolean);
  const ref =
    (chosen && list.includes(chosen) ? chosen : null) ??
    fromSelection(selection) ??
    list.find((r) => r.startsWith('Service|default/')) ??
    list[0];
  const [kind, key] = ref ? (ref.split('|') as [string, string]) : ['', ''];
  const collection = COLLECTIONS.find(([k]) => k === kind)?.[1];
  const obj = useStore((s) =>
    collection ? (s.cluster.objects[collection] as Record<string, KubeObject>)[key] : undefined,
  );
  const epoch = useStore((s) => s.cluster.settings.epoch);
  const text = useMemo(() => (obj ? printObjects(obj, 'yaml', epoch) : ''), [obj, epoch]);
  const setYamlText = useStore((s) => s.setYamlText);
  const name = key.split('/').pop() ?? '';
  const ns = key.includes('/') ? key.split('/')[0] : '';
  return (
    <section className="yaml-col" aria-labelledby="yaml-view-title">
      <div className="panel-toolbar">
        <h3 id="yaml-view-title" className="col-title">
          Object
        </h3>
        <label className="field compact grow">
          <span className="sr-only">Object to show</span>
          <select value={ref ?? ''} onChange={(e) => setChosen(e.target.value as Ref)} data-testid="yaml-object">
            {COLLECTIONS.map(([k]) => (
              <optgroup key={k} label={k}>
                {list
                  .filter((r) => r.startsWith(`${k}|`))
                  .map((r) => (
                    <option key={r} value={r}>
                      {r.split('|')[1]}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn"
          onClick={() => setYamlText(text, 'STDIN')}
          disabled={!obj}
          title="Copy this YAML into the editor to change and apply it"
        >
          Edit in editor →
        </button>
      </div>
      <p className="cmd-echo mono">
        $ kubectl get {kind.toLowerCase()} {name}
        {ns && ns !== 'default' ? ` -n ${ns}` : ''} -o yaml
      </p>
      <pre className="yaml-view" data-testid="yaml-view" tabIndex={0} aria-label={`${kind} ${name} as YAML`}>
        {text}
      </pre>
    </section>
  );
}
