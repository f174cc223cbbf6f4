import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import type { Edge as DocEdge } from '../../../shared/model';
import type { ArchFlowEdge } from './flowModel';
import { useEdgeBreaker } from '../run/liveStore';

/** What an edge's label says: its key settings. */
export function edgeSummary(edge: DocEdge): string {
  if (edge.kind === 'publish') return `publish · ${edge.props.latencyMs} ms`;
  const p = edge.props;
  const parts: string[] = [];
  if (p.mode === 'parallel') parts.push('parallel');
  if (p.probability < 1) parts.push(`${Math.round(p.probability * 1000) / 10} % of requests`);
  if (p.calls > 1) parts.push(`× ${p.calls}`);
  if (p.optional === true) parts.push('optional');
  parts.push(p.timeoutMs > 0 ? `timeout ${p.timeoutMs} ms` : 'no timeout');
  parts.push(p.retries === 1 ? '1 retry' : `${p.retries} retries`);
  return parts.join(' · ');
}

/** A call or publish edge; its settings show on hover or when selected. */
export const ArchEdge = memo(function ArchEdge(props: EdgeProps<ArchFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } = props;
  const { data, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  const edge = data?.edge;
  const show = edge && (selected || data.hovered);
  const breaker = useEdgeBreaker(id);
  const tripped = breaker === 'OPEN' || breaker === 'HALF_OPEN' || breaker === 'FORCED_OPEN';
  return (
    <>
      <BaseEdge id={id} path={path} {...(markerEnd ? { markerEnd } : {})} interactionWidth={16} />
      {tripped && (
        <EdgeLabelRenderer>
          <div
            className={`edge-breaker breaker-${breaker.toLowerCase()}`}
            style={{ transform: `translate(-50%, -150%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`edge-breaker-${id}`}
            title={`Circuit breaker ${breaker}`}
          >
            {breaker === 'HALF_OPEN' ? 'HALF-OPEN' : 'OPEN'}
          </div>
        </EdgeLabelRenderer>
      )}
      {show && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label${selected ? ' selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`edge-label-${id}`}
          >
            {edge.label ? <strong>{edge.label} </strong> : null}
            {edgeSummary(edge)}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
