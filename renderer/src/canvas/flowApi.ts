// The canvas's React Flow instance, for commands that act on the view (zoom to fit, focus a node)
// or need a drawn size. Set by the canvas when React Flow is ready.
import type { ReactFlowInstance } from '@xyflow/react';
import type { AnyFlowNode, ArchFlowEdge } from './flowModel';
import { NODE_WIDTH } from './flowModel';

let instance: ReactFlowInstance<AnyFlowNode, ArchFlowEdge> | null = null;

export function setFlowInstance(rf: ReactFlowInstance<AnyFlowNode, ArchFlowEdge> | null) {
  instance = rf;
}

export function flow() {
  return instance;
}

/** The drawn size of a node or group (a default before it is measured). */
export function sizeOf(id: string): { width: number; height: number } {
  const n = instance?.getInternalNode(id);
  return {
    width: n?.measured.width ?? n?.width ?? NODE_WIDTH,
    height: n?.measured.height ?? n?.height ?? 64,
  };
}

/** Whether React Flow has measured these nodes as drawn (their sizes are known). */
export function measured(ids: string[]): boolean {
  return ids.every((id) => instance?.getInternalNode(id)?.measured.height !== undefined);
}

export function zoomToFit() {
  void instance?.fitView({ padding: 0.12, maxZoom: 1.25, duration: 200 });
}

/** Centre the view on a node and zoom in enough to read it. */
export function focusNode(id: string) {
  const n = instance?.getInternalNode(id);
  if (!instance || !n) return;
  const { width, height } = sizeOf(id);
  const p = n.internals.positionAbsolute;
  void instance.setCenter(p.x + width / 2, p.y + height / 2, {
    zoom: Math.max(instance.getZoom(), 1),
    duration: 200,
  });
}
