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

function overlayBox(selector: string): DOMRect | null {
  const el = document.querySelector(`.canvas ${selector}`);
  return el ? el.getBoundingClientRect() : null;
}

/**
 * Padding (px) that keeps a fitted view clear of what is drawn over the canvas: the zoom controls
 * down the left side and the minimap in the bottom-right corner (beside it or above it, whichever
 * takes less of the canvas).
 */
export function fitPadding(): Record<'top' | 'right' | 'bottom' | 'left', `${number}px`> {
  const px = (n: number): `${number}px` => `${Math.round(n)}px`;
  const margin = 24;
  const pane = overlayBox('.react-flow');
  const controls = overlayBox('.react-flow__controls');
  const map = overlayBox('.react-flow__minimap');
  let right = margin;
  let bottom = margin;
  if (map && pane && pane.width > 0 && pane.height > 0) {
    const mapW = pane.right - map.left + 8;
    const mapH = pane.bottom - map.top + 8;
    if (mapW / pane.width < mapH / pane.height) right = Math.max(right, mapW);
    else bottom = Math.max(bottom, mapH);
  }
  const left = controls && pane ? Math.max(margin, controls.right - pane.left + 8) : margin;
  return { top: px(margin), right: px(right), bottom: px(bottom), left: px(left) };
}

/** Show the whole document in the part of the canvas nothing is drawn over. */
export function zoomToFit() {
  void instance?.fitView({ padding: fitPadding(), maxZoom: 1.25, duration: 200 });
}

/** Fit the view once React Flow has drawn the document's latest positions (after a layout). */
export function zoomToFitSoon() {
  setTimeout(zoomToFit, 60);
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
