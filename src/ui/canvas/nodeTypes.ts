// Module scope, so React Flow never sees a new nodeTypes object.
import type { NodeTypes } from '@xyflow/react';
import { PodNode } from './nodes/PodNode';
import { NodeGroup } from './nodes/NodeGroup';
import { ServiceNode } from './nodes/ServiceNode';
import { PodGroup } from './nodes/PodGroup';
import { ClientNode, LbNode, RouteNode } from './nodes/OutsideNodes';

export const nodeTypes: NodeTypes = {
  pod: PodNode,
  podgroup: PodGroup,
  k8snode: NodeGroup,
  service: ServiceNode,
  client: ClientNode,
  lb: LbNode,
  route: RouteNode,
};
