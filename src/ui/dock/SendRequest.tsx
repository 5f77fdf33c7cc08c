// "Send request": a source, a target (Service by ClusterIP / DNS name / NodePort / load balancer /
// external IP, a Pod IP, any address), Send; continuous traffic at a chosen rate with counters.
import { useState } from 'react';
import { useStore, type TargetKind, type TargetRef } from '../../store';
import { parseAddress, sourceLabel } from '../../store/targets';
import { shownTotals } from '../../store/requests-slice';
import { Section, Select } from './Field';
import {
  decodeSource,
  encodeSource,
  useNodeOptions,
  useSourceOptions,
  usePodIPOptions,
  useServiceOptions,
  useServicePorts,
  podIPChoice,
  type Option,
} from './options';

const KINDS: Option[] = [
  ['clusterIP', 'Service ClusterIP'],
  ['dns', 'Service DNS name (from a Pod)'],
  ['nodePort', 'NodePort on a node'],
  ['loadBalancer', 'Load balancer IP'],
  ['externalIP', 'External IP'],
  ['podIP', 'Pod IP directly'],
  ['address', 'Any IP:port'],
];
const RATES: Option[] = [
  ['0.5', '0.5 / s'],
  ['1', '1 / s'],
  ['2', '2 / s'],
  ['5', '5 / s'],
  ['10', '10 / s'],
];

function TargetFields({ target, onChange }: { target: TargetRef; onChange: (t: TargetRef) => void }) {
  const services = useServiceOptions();
  const ports = useServicePorts(target.service);
  const nodes = useNodeOptions();
  const podIPs = usePodIPOptions();
  const podIP = podIPChoice(podIPs, target);
  const [addr, setAddr] = useState(target.ip && target.port ? `${target.ip}:${target.port}` : '');
  // the target replaced from outside (another scenario, a share link): the field shows the new one
  const shown = parseAddress(addr);
  if (target.ip && target.port && (shown?.ip !== target.ip || shown.port !== target.port))
    setAddr(`${target.ip}:${target.port}`);
  const bad = addr !== '' && !parseAddress(addr);
  const usesService = ['clusterIP', 'dns', 'nodePort', 'loadBalancer', 'externalIP'].includes(target.kind);
  return (
    <>
      {usesService && (
        <Select
          label="Service"
          value={target.service ?? ''}
          options={services}
          testId="target-service"
          onChange={(v) =>
            onChange({
              ...target,
              service: v,
              port: undefined,
              name: target.kind === 'dns' ? v.split('/')[1] : target.name,
            })
          }
        />
      )}
      {usesService && target.kind !== 'nodePort' && ports.length > 1 && (
        <Select
          label="Port"
          value={String(target.port ?? ports[0]?.[0] ?? '')}
          options={ports}
          onChange={(v) => onChange({ ...target, port: Number(v) })}
        />
      )}
      {target.kind === 'dns' && (
        <label className="field">
          <span className="field-label">DNS name</span>
          <input
            type="text"
            value={target.name ?? ''}
            spellCheck={false}
            onChange={(e) => onChange({ ...target, name: e.target.value })}
            data-testid="target-dns"
          />
        </label>
      )}
      {target.kind === 'nodePort' && (
        <Select
          label="Node"
          value={target.node ?? ''}
          options={nodes}
          testId="target-node"
          onChange={(v) => onChange({ ...target, node: v })}
        />
      )}
      {target.kind === 'podIP' && (
        <Select
          label="Pod IP"
          value={podIP.value}
          missing={podIP.missing}
          options={podIPs}
          testId="target-pod-ip"
          onChange={(v) => {
            const [ipPort, pod] = v.split('|');
            const a = parseAddress(ipPort);
            if (a) onChange({ ...target, ip: a.ip, port: a.port, pod });
          }}
        />
      )}
      {target.kind === 'address' && (
        <label className="field">
          <span className="field-label">IP:port</span>
          <input
            type="text"
            value={addr}
            placeholder="10.244.1.4:5000"
            spellCheck={false}
            aria-invalid={bad}
            data-testid="target-address"
            onChange={(e) => {
              setAddr(e.target.value);
              const a = parseAddress(e.target.value);
              onChange({ ...target, ip: a?.ip, port: a?.port });
            }}
          />
        </label>
      )}
    </>
  );
}

function defaultsFor(kind: TargetKind, prev: TargetRef, firstNode: string | undefined): TargetRef {
  const service = prev.service ?? 'default/frontend-svc';
  switch (kind) {
    case 'dns':
      return { kind, service, name: service.split('/')[1] };
    case 'nodePort':
      return { kind, service, node: prev.node ?? firstNode };
    case 'podIP':
    case 'address':
      return { kind };
    default:
      return { kind, service };
  }
}

function TrafficControls() {
  const on = useStore((s) => s.traffic.on);
  const rate = useStore((s) => s.traffic.rate);
  // counted as the packets arrive
  const failed = useStore((s) => shownTotals(s).failed);
  const delivered = useStore((s) => shownTotals(s).delivered);
  const { setTraffic, resetCounts } = useStore.getState();
  return (
    <div className="traffic">
      <label className="toggle">
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => setTraffic(e.target.checked)}
          data-testid="traffic-toggle"
        />
        <span>Continuous traffic</span>
      </label>
      <Select label="Rate" value={String(rate)} options={RATES} onChange={(v) => setTraffic(on, Number(v))} />
      <div className="counters" data-testid="counters">
        <span className="ok-count">
          {'\u2713'} {delivered} delivered
        </span>
        <span className="fail-count">
          {'\u2715'} {failed} failed
        </span>
        <button type="button" className="link-btn" onClick={resetCounts}>
          reset
        </button>
      </div>
    </div>
  );
}

export function SendRequest() {
  const spec = useStore((s) => s.spec);
  const setSpec = useStore((s) => s.setSpec);
  const send = useStore((s) => s.send);
  const sources = useSourceOptions();
  const firstNode = useNodeOptions().find(([n]) => n !== 'master')?.[0];
  return (
    <Section title="Send request" id="send">
      <form
        className="send-form"
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <Select
          label="From"
          value={encodeSource(spec.source)}
          options={sources}
          testId="source"
          missing={sourceLabel(spec.source)}
          onChange={(v) => setSpec({ ...spec, source: decodeSource(v) })}
        />
        <Select
          label="To"
          value={spec.target.kind}
          options={KINDS}
          testId="target-kind"
          onChange={(v) => setSpec({ ...spec, target: defaultsFor(v as TargetKind, spec.target, firstNode) })}
        />
        <TargetFields key={spec.target.kind} target={spec.target} onChange={(t) => setSpec({ ...spec, target: t })} />
        <button type="submit" className="btn primary send-btn">
          Send request
        </button>
      </form>
      <TrafficControls />
    </Section>
  );
}
