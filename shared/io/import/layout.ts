// The imported diagram laid out by ELK (layered, left to right along the calls, each namespace
// or network a container). The host passes its ELK instance: a worker in the app, elkjs in Node.
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { ArchDocument } from '../../model';
import { NODE_SIZES } from '../look';

export interface ElkLike {
  layout(graph: ElkNode): Promise<ElkNode>;
}

const OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.layered.spacing.nodeNodeBetweenLayers': '90',
  'elk.spacing.nodeNode': '40',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

export async function layoutImported(doc: ArchDocument, elk: ElkLike): Promise<ArchDocument> {
  const root: ElkNode = { id: '__root', layoutOptions: OPTIONS, children: [], edges: [] };
  const byId = new Map<string, ElkNode>();
  for (const g of doc.groups)
    byId.set(g.id, {
      id: g.id,
      children: [],
      layoutOptions: { 'elk.padding': '[top=56,left=28,bottom=28,right=28]' },
    });
  for (const n of doc.nodes) byId.set(n.id, { id: n.id, ...NODE_SIZES[n.kind] });
  for (const item of [...doc.groups, ...doc.nodes]) {
    const parent = item.parentId === undefined ? root : (byId.get(item.parentId) ?? root);
    parent.children?.push(byId.get(item.id) as ElkNode);
  }
  root.edges = doc.edges.map((e): ElkExtendedEdge => ({
    id: e.id,
    sources: [e.from],
    targets: [e.to],
  }));
  const laid = await elk.layout(root);
  const at = new Map<string, ElkNode>();
  const walk = (n: ElkNode) => {
    for (const c of n.children ?? []) {
      at.set(c.id, c);
      walk(c);
    }
  };
  walk(laid);
  const pos = (id: string, p: { x: number; y: number }) => {
    const n = at.get(id);
    return n ? { x: Math.round(n.x ?? 0), y: Math.round(n.y ?? 0) } : p;
  };
  return {
    ...doc,
    groups: doc.groups.map((g) => {
      const n = at.get(g.id);
      return {
        ...g,
        position: pos(g.id, g.position),
        size: n
          ? {
              width: Math.round(n.width ?? g.size.width),
              height: Math.round(n.height ?? g.size.height),
            }
          : g.size,
      };
    }),
    nodes: doc.nodes.map((n) => ({ ...n, position: pos(n.id, n.position) })),
  };
}
