import { memo } from 'react';
import { Handle, Position, type NodeProps, type Node as FlowNode } from '@xyflow/react';
import type { Node as DocNode } from '../../../shared/model';
import { kindLooks } from './kinds';

export type ArchFlowNode = FlowNode<{ node: DocNode }, 'arch'>;

/** The key figures a reader wants at a glance, per kind. */
export function keyFigures(node: DocNode): string {
  switch (node.kind) {
    case 'client':
      return `${node.props.rps} rps · ${node.props.arrival}`;
    case 'gateway':
      return `${node.props.overheadMs} ms · ${node.props.concurrency} conc.`;
    case 'service':
      return `${node.props.replicas} pods · ${node.props.concurrency} conc.`;
    case 'pod':
      return `${node.props.concurrency} conc.`;
    case 'database':
      return `pool ${node.props.poolSize} · ${node.props.replicas} replicas`;
    case 'cache':
      return `${Math.round(node.props.hitRatio * 100)} % hits`;
    case 'queue':
      return `capacity ${node.props.capacity.toLocaleString('en')}`;
    case 'external':
      return node.props.errorRate > 0 ? `${(node.props.errorRate * 100).toFixed(1)} % errors` : 'third party';
  }
}

export const ArchNode = memo(function ArchNode({ data, selected }: NodeProps<ArchFlowNode>) {
  const { node } = data;
  const look = kindLooks[node.kind];
  const pods = node.kind === 'service' ? Math.min(node.props.replicas, 12) : 0;
  return (
    <div className={`arch-node kind-${node.kind}${selected ? ' selected' : ''}`} style={{ borderColor: look.color }}>
      {node.kind !== 'client' && <Handle type="target" position={Position.Left} />}
      <div className="arch-node-head">
        <look.icon size={16} style={{ color: look.color }} aria-hidden />
        <span className="arch-node-label">{node.label ?? node.id}</span>
      </div>
      <div className="arch-node-figures">{keyFigures(node)}</div>
      {pods > 0 && (
        <div className="arch-node-pods" aria-label={`${node.kind === 'service' ? node.props.replicas : 0} pods`}>
          {Array.from({ length: pods }, (_, i) => (
            <span key={i} className="pod-dot" />
          ))}
        </div>
      )}
      <Handle type="source" position={Position.Right} />
    </div>
  );
});
