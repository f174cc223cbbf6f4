import { useMemo } from 'react';
import { Background, BackgroundVariant, Controls, MiniMap, ReactFlow, type Edge as FlowEdge } from '@xyflow/react';
import { useStore } from '../store';
import { ArchNode, type ArchFlowNode } from './ArchNode';
import { kindLooks } from './kinds';

const nodeTypes = { arch: ArchNode };

/** The centre canvas: React Flow nodes and edges derived from the document, never stored in it. */
export function Canvas({ colorMode }: { colorMode: 'light' | 'dark' }) {
  const doc = useStore((s) => s.doc);
  const nodes = useMemo<ArchFlowNode[]>(
    () =>
      doc.nodes.map((n) => ({
        id: n.id,
        type: 'arch',
        position: n.position,
        data: { node: n },
      })),
    [doc.nodes],
  );
  const edges = useMemo<FlowEdge[]>(
    () =>
      doc.edges.map((e) => ({
        id: e.id,
        source: e.from,
        target: e.to,
        animated: e.kind === 'publish',
        ...(e.kind === 'publish' ? { className: 'edge-publish' } : {}),
      })),
    [doc.edges],
  );
  return (
    <div className="canvas" aria-label="Canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        colorMode={colorMode}
        fitView
        proOptions={{ hideAttribution: false }}
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1.2} />
        <Controls position="bottom-left" />
        <MiniMap
          position="bottom-right"
          pannable
          zoomable
          nodeColor={(n) => kindLooks[(n as ArchFlowNode).data.node.kind].color}
        />
      </ReactFlow>
      {doc.nodes.length === 0 && (
        <div className="canvas-empty">
          <p className="canvas-empty-title">An empty architecture</p>
          <p>Drag a component from the palette, or open a sample from the File menu.</p>
        </div>
      )}
    </div>
  );
}
