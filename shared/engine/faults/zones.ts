// Zones of the document (and database failover times) (groups of kind `zone`, nested through parentId) and the nodes in each,
// indexed once per compile into Graph.zones. A node is in a zone when the zone is one of its
// ancestors (a team group inside a zone counts for its nodes).
import type { RNode } from '../graph';

export interface ZoneIndex {
  /** Zone id → the nodes in it (document order). */
  members: Map<string, RNode[]>;
  /** Node id → the zones it is in, innermost first. */
  zonesOfNode: Map<string, string[]>;
  /** Database id → its failoverSeconds (ms). */
  failoverMs: Map<string, number>;
}

interface DocLike {
  nodes: readonly {
    id: string;
    kind: string;
    parentId?: string | undefined;
    props: object;
  }[];
  groups: readonly { id: string; kind: string; parentId?: string | undefined }[];
}

/** No zones (a graph without groups). */
export const NO_ZONES: ZoneIndex = {
  members: new Map(),
  zonesOfNode: new Map(),
  failoverMs: new Map(),
};

export function indexZones(byId: ReadonlyMap<string, RNode>, doc: DocLike): ZoneIndex {
  const groups = new Map(doc.groups.map((g) => [g.id, g]));
  const index: ZoneIndex = { members: new Map(), zonesOfNode: new Map(), failoverMs: new Map() };
  for (const g of doc.groups) if (g.kind === 'zone') index.members.set(g.id, []);
  for (const n of doc.nodes) {
    const node = byId.get(n.id);
    if (!node) continue;
    const zones: string[] = [];
    const seen = new Set<string>();
    for (let p = n.parentId; p !== undefined && !seen.has(p); p = groups.get(p)?.parentId) {
      seen.add(p);
      if (groups.get(p)?.kind === 'zone') {
        zones.push(p);
        index.members.get(p)?.push(node);
      }
    }
    if (zones.length > 0) index.zonesOfNode.set(n.id, zones);
    const failover = (n.props as { failoverSeconds?: unknown }).failoverSeconds;
    if (n.kind === 'database' && typeof failover === 'number')
      index.failoverMs.set(n.id, failover * 1000);
  }
  return index;
}
