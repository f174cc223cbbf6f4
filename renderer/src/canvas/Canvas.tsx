import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Controls,
  MiniMap,
  ReactFlow,
  SelectionMode,
  applyNodeChanges,
  type EdgeChange,
  type NodeChange,
  type OnConnect,
  type OnNodeDrag,
} from '@xyflow/react';
import { applyOps, type NodeKind, type Op } from '../../../shared/model';
import { useStore } from '../store';
import { ArchEdge } from './ArchEdge';
import { ArchNode } from './ArchNode';
import { addAtScreen, connect, GRID } from './editActions';
import { setFlowInstance, sizeOf, zoomToFit } from './flowApi';
import {
  absoluteOf,
  groupAt,
  syncEdges,
  syncNodes,
  type AnyFlowNode,
  type ArchFlowEdge,
} from './flowModel';
import { DotGrid } from './DotGrid';
import { GroupNode } from './GroupNode';
import { NoteNode } from './NoteNode';
import { kindLooks } from './kinds';
import { PALETTE_MIME } from './Palette';
import { openLiveMenu } from '../drills/LiveMenu';
import { LARGE_GRAPH } from './ArchNode';
import { importDropped } from '../imports/importActions';
import { openContextMenu } from '../menus/ContextMenu';
import { onCanvasKeyDown } from './canvasKeys';

// Stable across renders (React Flow warns and re-mounts otherwise).
const nodeTypes = { arch: ArchNode, container: GroupNode, note: NoteNode };
const edgeTypes = { arch: ArchEdge };
const SNAP: [number, number] = [GRID, GRID];
const DEFAULT_VIEWPORT = { x: 40, y: 40, zoom: 1 };
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const PRO_OPTIONS = { hideAttribution: false };
/** Above this many nodes only what is on screen is rendered. */
const VISIBLE_ONLY_FROM = LARGE_GRAPH;
/** How long node sizes measured on mount wait to be batched into the node list. */
const SIZES_SETTLE_MS = 150;
/** Above this many nodes the minimap is off unless the user turns it on. */
export const MINIMAP_AUTO_LIMIT = 500;

/** The minimap's size: a share of the canvas, within bounds, so it never covers much of it. */
export function minimapSize(canvas: { width: number; height: number }) {
  const clamp = (v: number, lo: number, hi: number) => Math.round(Math.min(hi, Math.max(lo, v)));
  return {
    width: clamp(canvas.width * 0.16, 96, 200),
    height: clamp(canvas.height * 0.18, 64, 150),
  };
}

/** The drawn size of an element, kept up to date as it is resized. */
function useSize(ref: React.RefObject<HTMLElement | null>) {
  const [size, setSize] = useState({ width: 1024, height: 600 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      const next = { width: el.clientWidth, height: el.clientHeight };
      setSize((old) => (old.width === next.width && old.height === next.height ? old : next));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

const minimapColor = (n: AnyFlowNode) =>
  n.type === 'arch' ? kindLooks[n.data.node.kind].color : 'transparent';

const minimapStroke = (n: AnyFlowNode) => (n.type === 'container' ? 'var(--muted)' : 'transparent');

/** Moves of a finished drag, and the zones/teams the dragged items were dropped into or out of. */
function dropOps(dragged: readonly AnyFlowNode[]): Op[] {
  const { doc } = useStore.getState();
  const moves = dragged.map((n) => ({
    id: n.id,
    position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
  }));
  const moved = applyOps(doc, [{ type: 'moveNodes', moves }]);
  if (!moved.ok) return [];
  const after = moved.doc;
  const ids = new Set(dragged.map((n) => n.id));
  const parents: Op[] = [];
  for (const n of dragged) {
    const item = after.nodes.find((x) => x.id === n.id) ?? after.groups.find((g) => g.id === n.id);
    if (!item || (item.parentId !== undefined && ids.has(item.parentId))) continue;
    const at = absoluteOf(after, n.id);
    const size = sizeOf(n.id);
    const centre = { x: at.x + size.width / 2, y: at.y + size.height / 2 };
    const target = groupAt(after, centre, n.type === 'container' ? n.id : undefined);
    if ((target?.id ?? undefined) !== item.parentId) {
      parents.push({ type: 'setParent', id: n.id, parentId: target?.id ?? null });
    }
  }
  return [{ type: 'moveNodes', moves }, ...parents];
}

/**
 * Before a right-click menu: an item outside the selection becomes the selection. True when the
 * menu is for several selected items.
 */
function selectFor(id: string, what: 'node' | 'edge'): boolean {
  const s = useStore.getState();
  const picked = what === 'node' ? s.selectedNodes : s.selectedEdges;
  if (!picked.includes(id)) {
    if (what === 'node') s.select([id]);
    else s.select([], [id]);
    return false;
  }
  return s.selectedNodes.length + s.selectedEdges.length > 1;
}

/** The centre canvas: React Flow nodes and edges derived from the document, never stored in it. */
export function Canvas({ colorMode }: { colorMode: 'light' | 'dark' }) {
  const doc = useStore((s) => s.doc);
  const selectedNodes = useStore((s) => s.selectedNodes);
  const selectedEdges = useStore((s) => s.selectedEdges);
  const snapToGrid = useStore((s) => s.snapToGrid);
  const minimap = useStore((s) => s.minimap);
  const epoch = useStore((s) => s.epoch);
  const box = useRef<HTMLDivElement>(null);
  const mapSize = minimapSize(useSize(box));

  // Flow nodes are derived from the document and the selection, and hold React Flow's own
  // transient state (drag positions, measured sizes) until a gesture ends.
  const [flowState, setFlowState] = useState(() => ({
    doc,
    selected: selectedNodes,
    nodes: syncNodes([], doc, new Set(selectedNodes)),
  }));
  // Sizes React Flow measured as nodes first mount (while panning a large graph: every frame).
  // React Flow already holds them; handing it a new node list for each would re-adopt every node
  // and re-run every selector, so they reach our list in one batch once the measuring settles,
  // or with the next change React Flow reports. (A node the document changes in between is
  // re-measured by React Flow.)
  const pendingSizes = useRef<NodeChange<AnyFlowNode>[]>([]);
  const sizesTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  let nodes = flowState.nodes;
  if (flowState.doc !== doc || flowState.selected !== selectedNodes) {
    nodes = syncNodes(flowState.nodes, doc, new Set(selectedNodes));
    setFlowState({ doc, selected: selectedNodes, nodes });
  }

  const [hovered, setHovered] = useState<string | null>(null);
  const [edgeState, setEdgeState] = useState(() => ({
    doc,
    selected: selectedEdges,
    hovered,
    edges: syncEdges([], doc, new Set(selectedEdges), hovered),
  }));
  let edges = edgeState.edges;
  if (
    edgeState.doc !== doc ||
    edgeState.selected !== selectedEdges ||
    edgeState.hovered !== hovered
  ) {
    edges = syncEdges(edgeState.edges, doc, new Set(selectedEdges), hovered);
    setEdgeState({ doc, selected: selectedEdges, hovered, edges });
  }

  // A newly opened document is shown whole.
  useEffect(() => {
    const t = setTimeout(() => {
      if (useStore.getState().doc.nodes.length > 0) zoomToFit();
    }, 60);
    return () => clearTimeout(t);
  }, [epoch]);

  useEffect(() => () => clearTimeout(sizesTimer.current), []);

  const onNodesChange = useCallback((changes: NodeChange<AnyFlowNode>[]) => {
    if (changes.every((c) => c.type === 'dimensions' && !c.resizing)) {
      for (const c of changes) pendingSizes.current.push(c);
      clearTimeout(sizesTimer.current);
      sizesTimer.current = setTimeout(() => {
        const batch = pendingSizes.current;
        pendingSizes.current = [];
        if (batch.length > 0) {
          setFlowState((st) => ({ ...st, nodes: applyNodeChanges(batch, st.nodes) }));
        }
      }, SIZES_SETTLE_MS);
      return;
    }
    const batch = pendingSizes.current;
    pendingSizes.current = [];
    clearTimeout(sizesTimer.current);
    setFlowState((st) => ({ ...st, nodes: applyNodeChanges([...batch, ...changes], st.nodes) }));
    const s = useStore.getState();
    const picked = new Set(s.selectedNodes);
    let touched = false;
    for (const c of changes) {
      if (c.type !== 'select') continue;
      touched = true;
      if (c.selected) picked.add(c.id);
      else picked.delete(c.id);
    }
    if (touched) s.select([...picked], s.selectedEdges);
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<ArchFlowEdge>[]) => {
    const s = useStore.getState();
    const picked = new Set(s.selectedEdges);
    let touched = false;
    for (const c of changes) {
      if (c.type !== 'select') continue;
      touched = true;
      if (c.selected) picked.add(c.id);
      else picked.delete(c.id);
    }
    if (touched) s.select(s.selectedNodes, [...picked]);
  }, []);

  const onNodeDragStop: OnNodeDrag<AnyFlowNode> = useCallback((_e, _node, dragged) => {
    const ops = dropOps(dragged);
    const s = useStore.getState();
    const r = ops.length > 0 ? s.apply(ops) : null;
    if (!r || !r.ok) {
      if (r && !r.ok) s.showToast(`Could not move: ${r.problems[0]?.message ?? ''}`, 'error');
      setFlowState((st) => ({
        ...st,
        nodes: syncNodes(st.nodes, s.doc, new Set(s.selectedNodes)),
      }));
    }
  }, []);

  const onConnect: OnConnect = useCallback((c) => {
    connect(c.source, c.target);
  }, []);

  const onDragOver = useCallback((e: React.DragEvent) => {
    if (e.dataTransfer.types.includes('Files')) {
      // YAML files dropped here are imported (Kubernetes / Compose).
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      return;
    }
    if (!e.dataTransfer.types.includes(PALETTE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback((e: React.DragEvent) => {
    if (e.dataTransfer.files.length > 0) {
      e.preventDefault();
      void importDropped([...e.dataTransfer.files]);
      return;
    }
    const kind = e.dataTransfer.getData(PALETTE_MIME) as NodeKind;
    if (!kind || !(kind in kindLooks)) return;
    e.preventDefault();
    addAtScreen(kind, { x: e.clientX, y: e.clientY });
  }, []);

  const onNodeContextMenu = useCallback((e: React.MouseEvent, node: AnyFlowNode) => {
    if (node.type === 'arch') openLiveMenu(e, 'node', node.id);
    if (e.defaultPrevented) return;
    const several = selectFor(node.id, 'node');
    openContextMenu(
      e,
      several
        ? 'selection'
        : node.type === 'arch'
          ? 'node'
          : node.type === 'note'
            ? 'note'
            : 'group',
    );
  }, []);
  const onEdgeContextMenu = useCallback((e: React.MouseEvent, edge: ArchFlowEdge) => {
    openLiveMenu(e, 'edge', edge.id);
    if (e.defaultPrevented) return;
    selectFor(edge.id, 'edge');
    openContextMenu(e, 'edge');
  }, []);
  const onPaneContextMenu = useCallback((e: React.MouseEvent | MouseEvent) => {
    openContextMenu(e, 'canvas');
  }, []);
  const onSelectionContextMenu = useCallback((e: React.MouseEvent) => {
    openContextMenu(e, 'selection');
  }, []);

  // Stable: a new function each render would be a React Flow store update (every selector re-run).
  const onEdgeMouseEnter = useCallback((_e: React.MouseEvent, edge: ArchFlowEdge) => {
    setHovered(edge.id);
  }, []);
  const onEdgeMouseLeave = useCallback(() => setHovered(null), []);

  const onDoubleClick = useCallback((e: React.MouseEvent) => {
    if (!(e.target instanceof Element) || !e.target.classList.contains('react-flow__pane')) return;
    useStore.getState().openPicker('quickAdd', { x: e.clientX, y: e.clientY });
  }, []);

  return (
    <div
      className={`canvas${doc.nodes.length >= LARGE_GRAPH ? ' large' : ''}`}
      aria-label="Canvas"
      ref={box}
      onDoubleClick={onDoubleClick}
      onKeyDown={onCanvasKeyDown}
    >
      <ReactFlow<AnyFlowNode, ArchFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        colorMode={colorMode}
        onInit={setFlowInstance}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onDragOver={onDragOver}
        onDrop={onDrop}
        onNodeContextMenu={onNodeContextMenu}
        onEdgeContextMenu={onEdgeContextMenu}
        onPaneContextMenu={onPaneContextMenu}
        onSelectionContextMenu={onSelectionContextMenu}
        onEdgeMouseEnter={onEdgeMouseEnter}
        onEdgeMouseLeave={onEdgeMouseLeave}
        defaultViewport={DEFAULT_VIEWPORT}
        minZoom={0.05}
        maxZoom={3}
        snapToGrid={snapToGrid}
        snapGrid={SNAP}
        selectionOnDrag
        selectionMode={SelectionMode.Partial}
        panOnDrag={[1, 2]}
        panOnScroll
        zoomOnDoubleClick={false}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        deleteKeyCode={null}
        disableKeyboardA11y
        elevateNodesOnSelect={false}
        onlyRenderVisibleElements={doc.nodes.length >= VISIBLE_ONLY_FROM}
        proOptions={PRO_OPTIONS}
      >
        <DotGrid gap={GRID} size={1.2} />
        <Controls position="bottom-left" />
        {(minimap === 'on' || (minimap === 'auto' && doc.nodes.length < MINIMAP_AUTO_LIMIT)) && (
          <MiniMap<AnyFlowNode>
            position="bottom-right"
            pannable
            zoomable
            style={mapSize}
            nodeColor={minimapColor}
            nodeStrokeColor={minimapStroke}
          />
        )}
      </ReactFlow>
      {doc.nodes.length === 0 && doc.groups.length === 0 && (
        <div className="canvas-empty">
          <p className="canvas-empty-title">An empty architecture</p>
          <p>
            Drag a component from the palette, double-click the canvas to add one, or open a sample
            from the start page.
          </p>
          <p>
            <button
              type="button"
              className="tool"
              onClick={() => useStore.getState().set({ startPageOpen: true })}
            >
              Show the start page
            </button>
          </p>
        </div>
      )}
    </div>
  );
}
