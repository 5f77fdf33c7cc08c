// A node drawn by a lazily loaded component, with its handle drawn at once (React Flow measures a
// node's handles when the node first renders, before the lazy part has arrived).
import { memo, type ComponentType } from 'react';
import { Handle, type NodeProps, type Position } from '@xyflow/react';

export function withHandle<P extends NodeProps>(
  Inner: ComponentType<P>,
  type: 'source' | 'target',
  position: Position,
) {
  return memo(function WithHandle(props: P) {
    return (
      <>
        <Handle type={type} position={position} isConnectable={false} className="anchor" />
        <Inner {...props} />
      </>
    );
  });
}
