import { memo } from 'react';
import { Handle, Position, useStore as useFlowStore, type NodeProps } from '@xyflow/react';
import type { Node as DocNode } from '../../../shared/model';
import { displayName } from '../../../shared/model/names';
import { durationText } from '../../../shared/format';
import deployIcon from '../../../assets/icons/kubernetes/deploy.svg';
import podIcon from '../../../assets/icons/kubernetes/pod.svg';
import type { ArchFlowNode } from './flowModel';
import { kindLooks } from './kinds';
import { NodeLiveBadge } from '../run/NodeLiveBadge';
import { LivePods } from './LivePods';
import { NodeMarks } from '../drills/NodeMarks';

export type { ArchFlowNode } from './flowModel';

/** Below this zoom a node shows a compact body: icon, big name, figures, pods as dots. */
export const COMPACT_ZOOM = 0.6;
/** The most pods drawn one by one; beyond, a `+N` marker. */
const MAX_PODS_DRAWN = 24;

// One formatter for every node: toLocaleString() builds a new one on each call, which shows when
// a pan mounts a screenful of nodes.
const NUMBER = new Intl.NumberFormat('en');
const num = (v: number) => NUMBER.format(v);
const ms = durationText;

/** The key figures a reader wants at a glance, per kind. */
export function keyFigures(node: DocNode): string {
  switch (node.kind) {
    case 'client':
      return `${num(node.props.rps)} rps · ${node.props.arrival}`;
    case 'gateway':
      return `${ms(node.props.overheadMs)} · ${node.props.concurrency} conc.`;
    case 'service':
      return `${node.props.replicas} ${node.props.replicas === 1 ? 'pod' : 'pods'} · ${node.props.concurrency} conc.`;
    case 'pod':
      return `bare pod · ${node.props.concurrency} conc.`;
    case 'database':
      return `pool ${node.props.poolSize} · ${node.props.replicas} replicas`;
    case 'cache':
      return `${Math.round(node.props.hitRatio * 100)} % hits`;
    case 'queue':
      return `capacity ${num(node.props.capacity)}`;
    case 'external':
      return node.props.errorRate > 0
        ? `${(node.props.errorRate * 100).toFixed(1)} % errors`
        : 'third party';
  }
}

const zoomedOut = (s: { transform: [number, number, number] }) => s.transform[2] < COMPACT_ZOOM;

/** From this many nodes on, node bodies drop what is costly to paint while panning: pod images,
 * the Deployment icon and shadows (CSS `.canvas.large`). Pods are drawn as dots instead. */
export const LARGE_GRAPH = 300;
const largeGraph = (s: { nodeLookup: { size: number } }) => s.nodeLookup.size >= LARGE_GRAPH;

function Pods({ count, compact }: { count: number; compact: boolean }) {
  const drawn = Math.min(count, MAX_PODS_DRAWN);
  return (
    <div
      className="arch-node-pods"
      role="img"
      aria-label={`${count} ${count === 1 ? 'pod' : 'pods'}`}
    >
      {Array.from({ length: drawn }, (_, i) =>
        compact ? (
          <span key={i} className="pod pod-dot" data-pod={i} />
        ) : (
          <img
            key={i}
            className="pod pod-icon"
            src={podIcon}
            alt=""
            draggable={false}
            data-pod={i}
          />
        ),
      )}
      {count > drawn && <span className="pod-more">+{count - drawn}</span>}
      {count === 0 && <span className="pod-none">no pods</span>}
    </div>
  );
}

/** One architecture component on the canvas; re-renders only when its own document node does. */
export const ArchNode = memo(function ArchNode({ data, selected }: NodeProps<ArchFlowNode>) {
  const { node } = data;
  const compact = useFlowStore(zoomedOut);
  const large = useFlowStore(largeGraph);
  const plain = compact || large;
  const look = kindLooks[node.kind];
  return (
    <div
      className={`arch-node kind-${node.kind}${selected ? ' selected' : ''}${compact ? ' compact' : ''}`}
      style={{ borderColor: look.color }}
      data-node-id={node.id}
    >
      <Handle type="target" position={Position.Left} />
      <div className="arch-node-head">
        <look.icon className="arch-node-icon" style={{ color: look.color }} aria-hidden />
        <span className="arch-node-label" title={displayName(node)}>
          {displayName(node)}
        </span>
        {node.kind === 'service' && !plain && (
          <img className="k8s-icon" src={deployIcon} alt="Deployment" title="Deployment" />
        )}
      </div>
      <div className="arch-node-figures">{keyFigures(node)}</div>
      {node.kind === 'service' && (
        <LivePods
          id={node.id}
          compact={compact}
          fallback={<Pods count={node.props.replicas} compact={plain} />}
        />
      )}
      <NodeLiveBadge id={node.id} />
      <NodeMarks id={node.id} />
      <Handle type="source" position={Position.Right} />
    </div>
  );
});
