// React Flow's nodes and edges, derived from the document (never stored in it; STYLE.md habit 4).
// Derivation reuses the previous flow object whenever its document item and its selection are
// unchanged, so React Flow and the memoised node components re-render only what changed.
import { MarkerType, type Edge as FlowEdge, type Node as FlowNode } from '@xyflow/react';
import type {
  ArchDocument,
  Edge as DocEdge,
  Group,
  Node as DocNode,
  Note,
} from '../../../shared/model';

export type ArchFlowNode = FlowNode<{ node: DocNode }, 'arch'>;
export type GroupFlowNode = FlowNode<{ group: Group }, 'container'>;
export type NoteFlowNode = FlowNode<{ note: Note }, 'note'>;
export type AnyFlowNode = ArchFlowNode | GroupFlowNode | NoteFlowNode;
export type ArchFlowEdge = FlowEdge<{ edge: DocEdge; hovered: boolean }, 'arch'>;

export const NODE_WIDTH = 180;

/** Groups in an order where each comes after the group it is in (React Flow needs parents first). */
export function groupsParentsFirst(groups: readonly Group[]): Group[] {
  const byId = new Map(groups.map((g) => [g.id, g] as const));
  const depth = new Map<string, number>();
  const depthOf = (g: Group, seen = new Set<string>()): number => {
    const known = depth.get(g.id);
    if (known !== undefined) return known;
    const parent = g.parentId === undefined ? undefined : byId.get(g.parentId);
    const d = parent && !seen.has(parent.id) ? depthOf(parent, seen.add(g.id)) + 1 : 0;
    depth.set(g.id, d);
    return d;
  };
  return groups
    .map((g, i) => ({ g, i, d: depthOf(g) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .map((x) => x.g);
}

function groupNode(group: Group, selected: boolean): GroupFlowNode {
  return {
    id: group.id,
    type: 'container',
    position: group.position,
    data: { group },
    width: group.size.width,
    height: group.size.height,
    selected,
    className: `group-${group.kind}`,
    dragHandle: '.group-drag',
    ...(group.parentId === undefined ? {} : { parentId: group.parentId }),
  };
}

function archNode(node: DocNode, selected: boolean, measured: FlowNode['measured']): ArchFlowNode {
  return {
    id: node.id,
    type: 'arch',
    position: node.position,
    data: { node },
    selected,
    ...(measured ? { measured } : {}),
    ...(node.parentId === undefined ? {} : { parentId: node.parentId }),
  };
}

/** The flow nodes for `doc`, reusing objects of `prev` that have not changed. */
export function syncNodes(
  prev: readonly AnyFlowNode[],
  doc: ArchDocument,
  selected: ReadonlySet<string>,
): AnyFlowNode[] {
  const old = new Map(prev.map((n) => [n.id, n] as const));
  const out: AnyFlowNode[] = [];
  for (const g of groupsParentsFirst(doc.groups)) {
    const p = old.get(g.id);
    const sel = selected.has(g.id);
    if (
      p &&
      p.type === 'container' &&
      p.data.group === g &&
      p.position === g.position &&
      p.width === g.size.width &&
      p.height === g.size.height &&
      !!p.selected === sel
    )
      out.push(p);
    else out.push(groupNode(g, sel));
  }
  for (const n of doc.nodes) {
    const p = old.get(n.id);
    const sel = selected.has(n.id);
    if (
      p &&
      p.type === 'arch' &&
      p.data.node === n &&
      p.position === n.position &&
      !!p.selected === sel
    )
      out.push(p);
    else out.push(archNode(n, sel, p?.measured));
  }
  for (const n of doc.notes ?? []) {
    const p = old.get(n.id);
    const sel = selected.has(n.id);
    if (p && p.type === 'note' && p.data.note === n && !!p.selected === sel) out.push(p);
    else out.push(noteNode(n, sel));
  }
  return out;
}

function noteNode(note: Note, selected: boolean): NoteFlowNode {
  return {
    id: note.id,
    type: 'note',
    position: note.position,
    data: { note },
    width: note.size.width,
    height: note.size.height,
    selected,
    className: `note-${note.kind}`,
    // Notes sit above the architecture, as stickies on a whiteboard do.
    zIndex: 5,
  };
}

/** The flow edges for `doc`, reusing objects of `prev` that have not changed. */
export function syncEdges(
  prev: readonly ArchFlowEdge[],
  doc: ArchDocument,
  selected: ReadonlySet<string>,
  hovered: string | null,
): ArchFlowEdge[] {
  const old = new Map(prev.map((e) => [e.id, e] as const));
  return doc.edges.map((e) => {
    const p = old.get(e.id);
    const sel = selected.has(e.id);
    const hov = hovered === e.id;
    if (p && p.data?.edge === e && !!p.selected === sel && p.data.hovered === hov) return p;
    return {
      id: e.id,
      type: 'arch',
      source: e.from,
      target: e.to,
      selected: sel,
      data: { edge: e, hovered: hov },
      className: `edge-${e.kind}`,
      markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
    };
  });
}

/** Where a node or group's top-left corner is on the canvas. */
export function absoluteOf(doc: ArchDocument, id: string): { x: number; y: number } {
  let x = 0;
  let y = 0;
  const seen = new Set<string>();
  let item: { position: { x: number; y: number }; parentId?: string | undefined } | undefined =
    doc.nodes.find((n) => n.id === id) ?? doc.groups.find((g) => g.id === id);
  while (item && !seen.has(item.parentId ?? '')) {
    x += item.position.x;
    y += item.position.y;
    if (item.parentId === undefined) break;
    seen.add(item.parentId);
    const parentId: string = item.parentId;
    item = doc.groups.find((g) => g.id === parentId);
  }
  return { x, y };
}

/** The ids of a group and every group inside it. */
export function groupAndDescendants(doc: ArchDocument, id: string): Set<string> {
  const out = new Set([id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const g of doc.groups) {
      if (!out.has(g.id) && g.parentId !== undefined && out.has(g.parentId)) {
        out.add(g.id);
        grew = true;
      }
    }
  }
  return out;
}

/** The innermost group whose box holds the canvas point, leaving out `exclude` (and its insides). */
export function groupAt(
  doc: ArchDocument,
  point: { x: number; y: number },
  exclude?: string,
): Group | undefined {
  const skip = exclude === undefined ? new Set<string>() : groupAndDescendants(doc, exclude);
  let best: { g: Group; depth: number } | undefined;
  for (const g of doc.groups) {
    if (skip.has(g.id)) continue;
    const at = absoluteOf(doc, g.id);
    const inside =
      point.x >= at.x &&
      point.y >= at.y &&
      point.x <= at.x + g.size.width &&
      point.y <= at.y + g.size.height;
    if (!inside) continue;
    let depth = 0;
    for (let p = g.parentId; p !== undefined; p = doc.groups.find((x) => x.id === p)?.parentId) {
      depth++;
      if (depth > doc.groups.length) break;
    }
    if (!best || depth >= best.depth) best = { g, depth };
  }
  return best?.g;
}
