// "Predict first": the answers a learner can give before a packet moves. For a request to a Service
// (by ClusterIP, NodePort, load balancer or external IP) the Pods its EndpointSlices list; for a
// request to a Pod IP, that Pod; always "it fails". Judged against where the packet really ended.
import { nodeIP, type ClusterState, type Trace } from '../../sim';

export const FAIL = 'fail';

/** The Pods (ns/name) a request to `destination` ("IP:port") might reach, then 'fail'. */
export function predictionChoices(c: ClusterState, destination: string, limit = 8): string[] {
  const i = destination.lastIndexOf(':');
  const ip = destination.slice(0, i);
  const port = Number(destination.slice(i + 1));
  const nodeIPs = new Set(Object.values(c.objects.nodes).map(nodeIP));
  const svc = Object.values(c.objects.services).find(
    (v) =>
      v.spec.clusterIP === ip ||
      v.spec.externalIPs?.includes(ip) ||
      v.status.loadBalancer.ingress?.some((x) => x.ip === ip) ||
      (nodeIPs.has(ip) && v.spec.ports?.some((p) => p.nodePort === port)),
  );
  const out = new Set<string>();
  if (svc) {
    const ns = svc.metadata.namespace ?? 'default';
    for (const sl of Object.values(c.objects.endpointslices)) {
      if (sl.metadata.namespace !== ns || sl.metadata.labels?.['kubernetes.io/service-name'] !== svc.metadata.name)
        continue;
      for (const e of sl.endpoints) if (e.targetRef) out.add(`${e.targetRef.namespace}/${e.targetRef.name}`);
    }
  } else {
    const pod = Object.values(c.objects.pods).find((p) => p.status.podIP === ip && !p.spec.hostNetwork);
    if (pod) out.add(`${pod.metadata.namespace}/${pod.metadata.name}`);
  }
  return [...[...out].sort().slice(0, limit), FAIL];
}

/** Whether a guess matches what happened. */
export function guessedRight(guess: string, t: Trace): boolean {
  return guess === FAIL ? t.verdict !== 'delivered' : t.verdict === 'delivered' && t.pod === guess;
}
