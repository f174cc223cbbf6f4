// Auto-layout (elkjs, layered, left to right by call direction, zones and teams kept as
// containers), run in a worker. After the first layout of a document only new nodes are placed,
// next to what they connect to, so hand-placed nodes stay where the user put them.
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { ArchDocument, Op, Position } from '../../../shared/model';
import { useStore } from '../store';
import { absoluteOf } from './flowModel';
import { sizeOf, zoomToFitSoon } from './flowApi';

const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.layered.spacing.nodeNodeBetweenLayers': '90',
  'elk.spacing.nodeNode': '40',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};
const GROUP_PADDING = '[top=56,left=28,bottom=28,right=28]';

/** Node ids that existed at the last layout of this document. */
let known = new Set<string>();

/** The ELK graph of a document: groups as compound nodes, nodes with their drawn sizes. */
export function elkGraph(doc: ArchDocument, size = sizeOf): ElkNode {
  const elkNodes = new Map<string, ElkNode>();
  for (const g of doc.groups) {
    elkNodes.set(g.id, {
      id: g.id,
      children: [],
      layoutOptions: {
        'elk.padding': GROUP_PADDING,
        'elk.layered.spacing.nodeNodeBetweenLayers':
          LAYOUT_OPTIONS['elk.layered.spacing.nodeNodeBetweenLayers'],
        'elk.spacing.nodeNode': LAYOUT_OPTIONS['elk.spacing.nodeNode'],
      },
    });
  }
  for (const n of doc.nodes) elkNodes.set(n.id, { id: n.id, ...dims(size(n.id)) });
  const root: ElkNode = { id: '__root', layoutOptions: LAYOUT_OPTIONS, children: [], edges: [] };
  for (const item of [...doc.groups, ...doc.nodes]) {
    const self = elkNodes.get(item.id) as ElkNode;
    const parent = item.parentId === undefined ? root : (elkNodes.get(item.parentId) ?? root);
    parent.children?.push(self);
  }
  root.edges = doc.edges.map((e): ElkExtendedEdge => ({
    id: e.id,
    sources: [e.from],
    targets: [e.to],
  }));
  return root;
}

function dims(s: { width: number; height: number }) {
  return { width: Math.round(s.width), height: Math.round(s.height) };
}

/** The operations that put every node and group where ELK placed it. */
export function opsFromLayout(doc: ArchDocument, laid: ElkNode): Op[] {
  const moves: { id: string; position: Position }[] = [];
  const ops: Op[] = [];
  const groups = new Set(doc.groups.map((g) => g.id));
  const walk = (n: ElkNode) => {
    for (const c of n.children ?? []) {
      moves.push({ id: c.id, position: { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) } });
      if (groups.has(c.id)) {
        ops.push({
          type: 'updateGroup',
          id: c.id,
          size: { width: Math.round(c.width ?? 200), height: Math.round(c.height ?? 120) },
        });
        walk(c);
      }
    }
  };
  walk(laid);
  return [{ type: 'moveNodes', moves }, ...ops];
}

let worker: Worker | null = null;
let counter = 0;
const pending = new Map<number, (r: { ok: boolean; result?: ElkNode; message?: string }) => void>();

export function layoutInWorker(graph: ElkNode): Promise<ElkNode> {
  worker ??= new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (
    e: MessageEvent<{ id: number; ok: boolean; result?: ElkNode; message?: string }>,
  ) => {
    pending.get(e.data.id)?.(e.data);
    pending.delete(e.data.id);
  };
  const id = ++counter;
  return new Promise((resolve, reject) => {
    pending.set(id, (r) => (r.ok && r.result ? resolve(r.result) : reject(new Error(r.message))));
    worker?.postMessage({ id, graph });
  });
}

/** Lay out the whole document. One undo step. */
export async function layoutAll(): Promise<void> {
  const { doc, showToast } = useStore.getState();
  if (doc.nodes.length === 0) return;
  let laid: ElkNode;
  try {
    laid = await layoutInWorker(elkGraph(doc));
  } catch (e) {
    showToast(`Auto-layout failed: ${(e as Error).message}`, 'error');
    return;
  }
  const now = useStore.getState();
  if (now.doc !== doc) return; // edited meanwhile: do not overwrite the newer edit
  const r = now.apply(opsFromLayout(doc, laid));
  if (!r.ok) {
    showToast(`Auto-layout failed: ${r.problems[0]?.message ?? ''}`, 'error');
    return;
  }
  known = new Set(doc.nodes.map((n) => n.id));
  now.set({ layoutDone: true });
  zoomToFitSoon();
}

/** Auto-layout as the command does it: everything the first time, new nodes only after that. */
export function autoLayout(): Promise<void> {
  return useStore.getState().layoutDone ? placeNewNodes() : layoutAll();
}

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}
const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.w + 20 && b.x < a.x + a.w + 20 && a.y < b.y + b.h + 20 && b.y < a.y + a.h + 20;

/** Place nodes added since the last layout beside what they connect to; leave the rest. */
export async function placeNewNodes(): Promise<void> {
  const { doc, apply } = useStore.getState();
  const fresh = doc.nodes.filter((n) => !known.has(n.id));
  if (fresh.length === 0) return;
  const rects: Rect[] = doc.nodes
    .filter((n) => known.has(n.id))
    .map((n) => {
      const a = absoluteOf(doc, n.id);
      const s = sizeOf(n.id);
      return { x: a.x, y: a.y, w: s.width, h: s.height };
    });
  const byId = new Map(rects.map((r, i) => [doc.nodes.filter((n) => known.has(n.id))[i]?.id, r]));
  const bottom = rects.reduce((m, r) => Math.max(m, r.y + r.h), 0);
  const moves: { id: string; position: Position }[] = [];
  for (const n of fresh) {
    const s = sizeOf(n.id);
    const from = doc.edges.find((e) => e.to === n.id && byId.has(e.from));
    const to = doc.edges.find((e) => e.from === n.id && byId.has(e.to));
    const anchor = from ? byId.get(from.from) : to ? byId.get(to.to) : undefined;
    const spot: Rect = anchor
      ? {
          x: anchor.x + (from ? anchor.w + 90 : -(s.width + 90)),
          y: anchor.y,
          w: s.width,
          h: s.height,
        }
      : { x: rects[0]?.x ?? 0, y: bottom + 60, w: s.width, h: s.height };
    while (rects.some((r) => overlaps(r, spot))) spot.y += 40;
    rects.push(spot);
    byId.set(n.id, spot);
    const parent = n.parentId === undefined ? { x: 0, y: 0 } : absoluteOf(doc, n.parentId);
    moves.push({
      id: n.id,
      position: { x: Math.round(spot.x - parent.x), y: Math.round(spot.y - parent.y) },
    });
    known.add(n.id);
  }
  if (apply([{ type: 'moveNodes', moves }]).ok) zoomToFitSoon();
}
