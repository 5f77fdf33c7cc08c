// service-controller of a cloud provider: gives each LoadBalancer Service an ingress IP after a short
// provisioning delay. With no cloud controller running, EXTERNAL-IP stays <pending> and nothing is logged.
import type { ClusterState } from '../model/state';
import { emit, ref } from '../model/events';
import { objKey } from '../model/meta';
import { pickLoadBalancerIP } from '../apiserver/allocate';
import { recordServiceChange } from '../apiserver/changes';

export const LB_PROVISION_MS = 2000;

export function reconcileCloudLoadBalancers(s: ClusterState): boolean {
  let changed = false;
  for (const k of Object.keys(s.cloud.pending)) {
    const svc = s.objects.services[k];
    if (!svc || svc.spec.type !== 'LoadBalancer' || !s.settings.cloudLoadBalancer) {
      delete s.cloud.pending[k];
      changed = true;
    }
  }
  if (!s.settings.cloudLoadBalancer) return changed;
  for (const svc of Object.values(s.objects.services)) {
    if (svc.spec.type !== 'LoadBalancer' || svc.spec.loadBalancerClass) continue;
    if (svc.status.loadBalancer.ingress?.length) continue;
    const k = objKey(svc);
    const due = s.cloud.pending[k];
    if (due === undefined) {
      s.cloud.pending[k] = s.now + LB_PROVISION_MS;
      emit(s, {
        reason: 'EnsuringLoadBalancer',
        message: 'Ensuring load balancer',
        object: ref(svc),
        source: 'service-controller',
      });
      changed = true;
    } else if (s.now >= due) {
      const want = svc.spec.loadBalancerIP;
      const ip = want && !s.alloc.lbIPs[want] ? want : pickLoadBalancerIP(s);
      delete s.cloud.pending[k];
      if (!ip) {
        emit(s, {
          type: 'Warning',
          reason: 'SyncLoadBalancerFailed',
          message: 'Error syncing load balancer: failed to ensure load balancer: no free address in the pool',
          object: ref(svc),
          source: 'service-controller',
        });
        continue;
      }
      s.alloc.lbIPs[ip] = k;
      svc.status = { loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } };
      emit(s, {
        reason: 'EnsuredLoadBalancer',
        message: 'Ensured load balancer',
        object: ref(svc),
        source: 'service-controller',
      });
      recordServiceChange(s, k);
      changed = true;
    }
  }
  return changed;
}

export function cloudWake(s: ClusterState): number | null {
  const due = Object.values(s.cloud.pending);
  return due.length ? Math.min(...due) : null;
}
