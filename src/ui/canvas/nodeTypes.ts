// Module scope, so React Flow never sees a new nodeTypes object.
import { Position, type NodeTypes } from '@xyflow/react';
import { withHandle } from './nodes/withHandle';
import { PodNode } from './nodes/PodNode';
import { NodeGroup } from './nodes/NodeGroup';
import { ServiceNode } from './nodes/ServiceNode';
import { lazyPart } from '../lazy-part';
import { ClientNode } from './nodes/ClientNode';

// only a large cluster draws group cards, only some scenarios a load balancer or a route: they load
// when first needed
// (their lines' handles are drawn at once: React Flow measures a node's handles when it first renders)
const PodGroup = withHandle(
  lazyPart(() => import('./nodes/PodGroup').then((m) => m.PodGroup), 'the group card'),
  'target',
  Position.Top,
);
const outside = () => import('./nodes/OutsideNodes');
const LbNode = withHandle(
  lazyPart(() => outside().then((m) => m.LbNode), 'the load balancer'),
  'target',
  Position.Left,
);
const RouteNode = withHandle(
  lazyPart(() => outside().then((m) => m.RouteNode), 'the route'),
  'source',
  Position.Bottom,
);

export const nodeTypes: NodeTypes = {
  pod: PodNode,
  podgroup: PodGroup,
  k8snode: NodeGroup,
  service: ServiceNode,
  client: ClientNode,
  lb: LbNode,
  route: RouteNode,
};
