// What the editing commands do to the document: each builds operations from the selection and
// applies them in one `apply` call, so each user gesture is one undo step.
import {
  canConnect,
  copyToText,
  nextId,
  newEdge,
  newGroup,
  pasteOps,
  placeNode,
  readClipboard,
  type ArchDocument,
  type NodeKind,
  type Op,
  type Position,
} from '../../../shared/model';
import { useStore } from '../store';
import { absoluteOf, groupAndDescendants, groupAt, NODE_WIDTH } from './flowModel';
import { flow, sizeOf } from './flowApi';
import { freeOffset, keepInside, type Rect } from './freeSpot';

const store = () => useStore.getState();
export const GRID = 16;

export function hasSelection() {
  const s = store();
  return s.selectedNodes.length + s.selectedEdges.length > 0;
}

/** The selected nodes and groups whose group is not selected too (the ones that move). */
export function topLevelSelection(doc: ArchDocument = store().doc): string[] {
  const picked = new Set(store().selectedNodes);
  const inside = new Set<string>();
  for (const id of picked) {
    if (doc.groups.some((g) => g.id === id))
      for (const x of groupAndDescendants(doc, id)) if (x !== id) inside.add(x);
  }
  return [...picked].filter((id) => {
    if (inside.has(id)) return false;
    const item = doc.nodes.find((n) => n.id === id) ?? doc.groups.find((g) => g.id === id);
    return !(item?.parentId !== undefined && inside.has(item.parentId));
  });
}

function report(result: ReturnType<ReturnType<typeof store>['apply']>, what: string) {
  if (!result.ok) {
    const p = result.problems[0];
    store().showToast(`${what}: ${p ? p.message : 'refused'}`, 'error');
  }
  return result.ok;
}

/** Add a node of `kind` with its top-left at a canvas point, inside the group there, if any. */
export function addNodeAt(kind: NodeKind, point: Position): string | null {
  const { doc, apply, select } = store();
  const group = groupAt(doc, point);
  const node = placeNode(doc, kind, { x: Math.round(point.x), y: Math.round(point.y) });
  if (group) {
    const base = absoluteOf(doc, group.id);
    node.parentId = group.id;
    node.position = { x: node.position.x - base.x, y: node.position.y - base.y };
  }
  if (!report(apply([{ type: 'addNode', node }]), 'Could not add')) return null;
  select([node.id]);
  return node.id;
}

/** Connect two nodes: a publish edge into a queue, a call edge otherwise; refused with a reason. */
export function connect(from: string, to: string): boolean {
  const { doc, apply, showToast, select } = store();
  const target = doc.nodes.find((n) => n.id === to);
  const kind = target?.kind === 'queue' ? 'publish' : 'call';
  const verdict = canConnect(doc, from, to, kind);
  if (!verdict.ok) {
    showToast(`Cannot connect: ${verdict.reason}`, 'error');
    return false;
  }
  const edge = newEdge(nextId(doc, 'e'), from, to, kind);
  if (!report(apply([{ type: 'addEdge', edge }]), 'Cannot connect')) return false;
  select([], [edge.id]);
  return true;
}

export function deleteSelection() {
  const { doc, apply, selectedNodes, selectedEdges } = store();
  const groupIds = new Set(doc.groups.map((g) => g.id));
  const gone = new Set<string>();
  for (const id of selectedNodes) {
    if (groupIds.has(id)) for (const g of groupAndDescendants(doc, id)) gone.add(g);
    else gone.add(id);
  }
  const nodes = doc.nodes.filter(
    (n) => gone.has(n.id) || (n.parentId !== undefined && gone.has(n.parentId)),
  );
  const goneNodes = new Set(nodes.map((n) => n.id));
  const edges = selectedEdges.filter((id) => {
    const e = doc.edges.find((x) => x.id === id);
    return e && !goneNodes.has(e.from) && !goneNodes.has(e.to);
  });
  const groups = doc.groups.filter((g) => gone.has(g.id)).reverse();
  const notes = (doc.notes ?? []).filter((n) => gone.has(n.id));
  const ops: Op[] = [
    ...notes.map((n): Op => ({ type: 'removeNote', id: n.id })),
    ...edges.map((id): Op => ({ type: 'removeEdge', id })),
    ...nodes.map((n): Op => ({ type: 'removeNode', id: n.id })),
    ...groups.map((g): Op => ({ type: 'removeGroup', id: g.id })),
  ];
  if (ops.length > 0) report(apply(ops), 'Could not delete');
}

/** The selection as clipboard text (ArchLab's JSON envelope). */
export function selectionText(): string | null {
  const { doc, selectedNodes } = store();
  return selectedNodes.length === 0 ? null : copyToText(doc, selectedNodes);
}

/** The drawn box of every node (and group) of a document, on the canvas. */
function drawnRects(doc: ArchDocument, withGroups: boolean): Rect[] {
  const rect = (id: string, fallback?: { width: number; height: number }): Rect => {
    const at = absoluteOf(doc, id);
    const s = flow()?.getInternalNode(id) ? sizeOf(id) : (fallback ?? sizeOf(id));
    return { x: at.x, y: at.y, w: s.width, h: s.height };
  };
  return [
    ...doc.nodes.map((n) => rect(n.id)),
    ...(withGroups ? doc.groups.map((g) => rect(g.id, g.size)) : []),
  ];
}

/**
 * Where a paste goes: the nearest offset from the copied positions, starting at one grid step
 * down and right, at which the copy overlaps nothing already drawn.
 */
export function pasteOffset(doc: ArchDocument, text: string): Position {
  const preferred = { x: 40, y: 40 };
  const read = readClipboard(text);
  if (!read.ok) return preferred;
  const { nodes, groups } = read.content;
  const copiedGroups = new Set(groups.map((g) => g.id));
  const top = (item: { parentId?: string | undefined }) =>
    item.parentId === undefined || !copiedGroups.has(item.parentId);
  const size = (id: string, fallback?: { width: number; height: number }) =>
    flow()?.getInternalNode(id) ? sizeOf(id) : (fallback ?? sizeOf(id));
  const moving: Rect[] = [
    ...groups.filter(top).map((g) => ({ ...g.position, w: g.size.width, h: g.size.height })),
    ...nodes.filter(top).map((n) => {
      const s = size(n.id);
      return { ...n.position, w: s.width, h: s.height };
    }),
  ];
  return freeOffset(moving, drawnRects(doc, groups.length > 0), preferred);
}

/** Paste clipboard text; the pasted items become the selection. */
export function pasteText(text: string, offset?: Position): boolean {
  const { doc, apply, select, showToast } = store();
  const r = pasteOps(doc, text, { offset: offset ?? pasteOffset(doc, text) });
  if (!r.ok) {
    showToast(r.reason, 'error');
    return false;
  }
  if (!report(apply(r.ops), 'Could not paste')) return false;
  const after = store().doc;
  const nodeIds = new Set([...after.nodes, ...after.groups].map((x) => x.id));
  select(r.ids.filter((id) => nodeIds.has(id)));
  return true;
}

export function duplicateSelection() {
  const text = selectionText();
  if (text) pasteText(text);
}

export function selectAll() {
  const { doc, select } = store();
  select(
    [...doc.groups.map((g) => g.id), ...doc.nodes.map((n) => n.id)],
    doc.edges.map((e) => e.id),
  );
}

function positionOf(doc: ArchDocument, id: string): Position | undefined {
  return (doc.nodes.find((n) => n.id === id) ?? doc.groups.find((g) => g.id === id))?.position;
}

/** Move the selection by a step (arrow keys); one undo step per key press. */
export function moveSelection(dx: number, dy: number) {
  const { doc, apply } = store();
  const moves = topLevelSelection(doc).flatMap((id) => {
    const p = positionOf(doc, id);
    return p ? [{ id, position: { x: p.x + dx, y: p.y + dy } }] : [];
  });
  if (moves.length > 0) report(apply([{ type: 'moveNodes', moves }]), 'Could not move');
}

interface Box {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  parent: Position;
}

function boxes(doc: ArchDocument): Box[] {
  return topLevelSelection(doc).map((id) => {
    const abs = absoluteOf(doc, id);
    const p = positionOf(doc, id) ?? { x: 0, y: 0 };
    const { width, height } = sizeOf(id);
    return {
      id,
      x: abs.x,
      y: abs.y,
      w: width,
      h: height,
      parent: { x: abs.x - p.x, y: abs.y - p.y },
    };
  });
}

function moveTo(list: { b: Box; x: number; y: number }[], what: string) {
  const moves = list.map(({ b, x, y }) => ({
    id: b.id,
    position: { x: Math.round(x - b.parent.x), y: Math.round(y - b.parent.y) },
  }));
  if (moves.length > 0) report(store().apply([{ type: 'moveNodes', moves }]), what);
}

/** The boxes' bounds, in a loop: Math.min(...list) overflows the call stack past ~100,000. */
function extent(list: readonly { x: number; y: number; w: number; h: number }[]) {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const b of list) {
    minX = Math.min(minX, b.x);
    minY = Math.min(minY, b.y);
    maxX = Math.max(maxX, b.x + b.w);
    maxY = Math.max(maxY, b.y + b.h);
  }
  return { minX, minY, maxX, maxY };
}

export type Alignment = 'left' | 'center' | 'right' | 'top' | 'middle' | 'bottom';

export function align(how: Alignment) {
  const list = boxes(store().doc);
  if (list.length < 2) return;
  const { minX, maxX, minY, maxY } = extent(list);
  moveTo(
    list.map((b) => {
      switch (how) {
        case 'left':
          return { b, x: minX, y: b.y };
        case 'center':
          return { b, x: (minX + maxX) / 2 - b.w / 2, y: b.y };
        case 'right':
          return { b, x: maxX - b.w, y: b.y };
        case 'top':
          return { b, x: b.x, y: minY };
        case 'middle':
          return { b, x: b.x, y: (minY + maxY) / 2 - b.h / 2 };
        case 'bottom':
          return { b, x: b.x, y: maxY - b.h };
      }
    }),
    'Could not align',
  );
}

/** Equal gaps between the selected items along one axis, the outermost ones staying put. */
export function distribute(axis: 'x' | 'y') {
  const list = boxes(store().doc);
  if (list.length < 3) return;
  const size = (b: Box) => (axis === 'x' ? b.w : b.h);
  const sorted = [...list].sort((a, b) => a[axis] - b[axis]);
  const first = sorted[0] as Box;
  const last = sorted[sorted.length - 1] as Box;
  const total = sorted.reduce((sum, b) => sum + size(b), 0);
  const gap = (last[axis] + size(last) - first[axis] - total) / (sorted.length - 1);
  let at = first[axis];
  moveTo(
    sorted.map((b) => {
      const out = axis === 'x' ? { b, x: at, y: b.y } : { b, x: b.x, y: at };
      at += size(b) + gap;
      return out;
    }),
    'Could not distribute',
  );
}

/** Put the selection into a new zone or team drawn around it. */
export function groupSelection(kind: 'zone' | 'team') {
  const { doc, apply, select } = store();
  const list = boxes(doc);
  if (list.length === 0) return;
  const pad = 32;
  const head = 40;
  const e = extent(list);
  const minX = e.minX - pad;
  const minY = e.minY - pad - head;
  const maxX = e.maxX + pad;
  const maxY = e.maxY + pad;
  const parents = new Set(
    list.map(
      (b) =>
        (doc.nodes.find((n) => n.id === b.id) ?? doc.groups.find((g) => g.id === b.id))?.parentId,
    ),
  );
  const parentId = parents.size === 1 ? [...parents][0] : undefined;
  const base = parentId === undefined ? { x: 0, y: 0 } : absoluteOf(doc, parentId);
  const group = newGroup(
    kind,
    nextId(doc, kind),
    { x: Math.round(minX - base.x), y: Math.round(minY - base.y) },
    { width: Math.round(maxX - minX), height: Math.round(maxY - minY) },
  );
  if (parentId !== undefined) group.parentId = parentId;
  const ops: Op[] = [
    { type: 'addGroup', group },
    ...list.map((b): Op => ({ type: 'setParent', id: b.id, parentId: group.id })),
  ];
  if (report(apply(ops), 'Could not group')) select([group.id]);
}

export function ungroupSelection() {
  const { doc, apply, selectedNodes } = store();
  const ids = selectedNodes.filter((id) => doc.groups.some((g) => g.id === id));
  if (ids.length > 0)
    report(apply(ids.map((id): Op => ({ type: 'removeGroup', id }))), 'Could not ungroup');
}

/** Add a node centred under a screen point (a drop from the palette, the quick picker). */
export function addAtScreen(kind: NodeKind, screen: { x: number; y: number }): string | null {
  const rf = flow();
  if (!rf) return null;
  const p = rf.screenToFlowPosition(screen);
  const size = { w: NODE_WIDTH, h: 64 };
  let at = { x: p.x - size.w / 2, y: p.y - size.h / 2 };
  const view = visibleCanvas();
  if (view) at = keepInside({ ...at, ...size }, view);
  const snapUp = (v: number, min: number) => {
    if (!store().snapToGrid) return Math.round(v);
    const snapped = Math.round(v / GRID) * GRID;
    return snapped < min ? snapped + GRID : snapped;
  };
  return addNodeAt(kind, {
    x: snapUp(at.x, view ? view.x : -Infinity),
    y: snapUp(at.y, view ? view.y : -Infinity),
  });
}

/** The part of the canvas on screen (between the panels), in canvas coordinates. */
export function visibleCanvas(): Rect | null {
  const rf = flow();
  const el = document.querySelector('.canvas .react-flow');
  if (!rf || !el) return null;
  const box = el.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return null;
  const a = rf.screenToFlowPosition({ x: box.left, y: box.top }, { snapToGrid: false });
  const b = rf.screenToFlowPosition({ x: box.right, y: box.bottom }, { snapToGrid: false });
  return { x: a.x, y: a.y, w: b.x - a.x, h: b.y - a.y };
}
