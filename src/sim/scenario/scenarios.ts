// The built-in scenarios, in the chapter's order. Ids are part of share links and lessons: never rename.
import type { BuiltinScenario } from './builtin/types';
import { DEFAULT_SCENARIO } from './builtin/default';
import { DEFAULT_SCENARIO_ID, DEFAULT_SCENARIO_TITLE } from './builtin/default-objects';
import { podIp } from './builtin/pod-ip';
import { kubeProxy } from './builtin/kube-proxy';
import { discoveryEnv } from './builtin/discovery-env';
import { discoveryDns } from './builtin/discovery-dns';
import { clusterIpOnly } from './builtin/clusterip-only';
import { nodePort } from './builtin/nodeport';
import { loadBalancerCloud, loadBalancerPending } from './builtin/loadbalancer';
import { externalIp } from './builtin/externalip';
import { externalName } from './builtin/externalname';
import { headless } from './builtin/headless';
import { sessionAffinity } from './builtin/session-affinity';
import { trafficPolicy } from './builtin/traffic-policy';

export type { BuiltinScenario } from './builtin/types';

export { DEFAULT_SCENARIO_ID };

const defaultScenario: BuiltinScenario = {
  id: DEFAULT_SCENARIO_ID,
  title: DEFAULT_SCENARIO_TITLE,
  chapter: 'Services',
  description:
    "The chapter's cluster. frontend-svc selects the three Pods labelled app=frontend and forwards its port 80 to their port 5000; db-svc selects the one Pod labelled app=db. A busybox Pod sends requests from inside the cluster. Kill a frontend Pod and watch the Service keep working: its selector picks up the replacement.",
  yaml: DEFAULT_SCENARIO,
};

const empty: BuiltinScenario = {
  id: 'empty',
  title: 'Empty cluster',
  chapter: 'Services',
  description:
    'A fresh cluster, as kubeadm leaves it: a control-plane node, two workers, the kubernetes and kube-dns Services and CoreDNS. Nothing of yours yet: apply your own YAML or use kubectl create and kubectl run.',
  yaml: '',
};

const ALL: readonly BuiltinScenario[] = [
  podIp,
  defaultScenario,
  kubeProxy,
  discoveryEnv,
  discoveryDns,
  clusterIpOnly,
  nodePort,
  loadBalancerCloud,
  loadBalancerPending,
  externalIp,
  externalName,
  headless,
  sessionAffinity,
  trafficPolicy,
  empty,
];

export function listScenarios(): readonly BuiltinScenario[] {
  return ALL;
}

export function getScenario(id: string): BuiltinScenario | undefined {
  return ALL.find((s) => s.id === id);
}
