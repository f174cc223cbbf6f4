// Small topologies for fault tests: the engine's builder plus zones (groups of kind zone).
import { buildDoc, type DocBuilder } from '../../fixtures/build';

export { buildDoc };

/** The document with zone groups, each node of `zones[z]` drawn inside zone z. */
export function withZones(b: DocBuilder, zones: Record<string, string[]>) {
  const doc = b.build();
  const zoneOf = new Map<string, string>();
  for (const [z, ids] of Object.entries(zones)) for (const id of ids) zoneOf.set(id, z);
  return {
    ...doc,
    groups: Object.keys(zones).map((id, i) => ({
      id,
      kind: 'zone' as const,
      position: { x: i * 500, y: 0 },
      size: { width: 400, height: 400 },
    })),
    nodes: (doc.nodes ?? []).map((n) =>
      zoneOf.has(n.id) ? { ...n, parentId: zoneOf.get(n.id) } : n,
    ),
  };
}

/** Sum of a per-second series over seconds [from, to). */
export const sum = (xs: readonly number[] | undefined, from = 0, to = Infinity): number =>
  (xs ?? []).slice(from, to === Infinity ? undefined : to).reduce((a, b) => a + b, 0);
