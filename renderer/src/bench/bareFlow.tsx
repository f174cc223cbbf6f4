// The benchmark's reference: bare React Flow with default nodes, showing the same graph as the
// lab. tests/bench/canvas.ts opens this page (bench.html) and the lab in the same run.
import { createRoot } from 'react-dom/client';
import { ReactFlow, type Edge, type Node, type ReactFlowInstance } from '@xyflow/react';
import '@xyflow/react/dist/style.css';

interface BenchDoc {
  nodes: { id: string; label?: string; position: { x: number; y: number } }[];
  edges: { id: string; from: string; to: string }[];
}

const w = window as unknown as {
  renderBare(doc: BenchDoc): void;
  bareFlow?: ReactFlowInstance;
};

w.renderBare = (doc) => {
  const nodes: Node[] = doc.nodes.map((n) => ({
    id: n.id,
    position: n.position,
    data: { label: n.label ?? n.id },
  }));
  const edges: Edge[] = doc.edges.map((e) => ({ id: e.id, source: e.from, target: e.to }));
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <ReactFlow
      nodes={nodes}
      edges={edges}
      fitView
      onlyRenderVisibleElements
      onInit={(rf) => {
        w.bareFlow = rf;
      }}
    />,
  );
};
