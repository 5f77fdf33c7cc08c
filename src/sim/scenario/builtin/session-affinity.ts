import type { BuiltinScenario } from './types';
import { busyboxPod, docs, frontendDeployment, frontendService } from './parts';

export const sessionAffinity: BuiltinScenario = {
  id: 'session-affinity',
  title: 'Session affinity: ClientIP',
  chapter: 'kube-proxy',
  description:
    'frontend-svc has sessionAffinity: ClientIP. kube-proxy adds "recent" rules that remember which Pod each client address went to, so every request from busybox lands on the same frontend Pod (for up to 10800 seconds of quiet). Send a few requests and compare; then set sessionAffinity back to None and they spread across the three Pods again.',
  yaml: docs(frontendDeployment(3), frontendService('frontend-svc', '  sessionAffinity: ClientIP\n'), busyboxPod()),
};
