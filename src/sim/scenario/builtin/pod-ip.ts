import type { BuiltinScenario } from './types';
import { busyboxPod, docs, frontendDeployment } from './parts';

export const podIp: BuiltinScenario = {
  id: 'pod-ip',
  title: 'Connecting to a Pod by its IP',
  chapter: 'Connecting Users to Pods',
  description:
    'One frontend Pod, made by a Deployment, and a busybox Pod to connect from. There is no Service yet, so the only way to reach the frontend is its Pod IP. Send a request to that IP, then kill the Pod: the Deployment replaces it at once, but the new Pod has a new IP address, and a client that remembered the old one now gets no answer. This is the problem Services solve.',
  yaml: docs(frontendDeployment(1), busyboxPod()),
};
