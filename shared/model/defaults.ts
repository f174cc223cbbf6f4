// New things with their defaults: nodes of each kind, edges, groups, ids and labels, and the
// empty document the editor starts from.
import type { z } from 'zod';
import {
  ArchDocument,
  CURRENT_VERSION,
  Edge,
  Group,
  Node,
  Scenario,
  type NodeKind,
  type NodeOf,
} from './document';
import {
  CacheProps,
  CallProps,
  ClientProps,
  DatabaseProps,
  ExternalProps,
  GatewayProps,
  PodProps,
  PublishProps,
  QueueProps,
  ServiceProps,
} from './props';
import type { Position } from './opTypes';

/** The props schema of each node kind. */
export const PROPS_SCHEMAS = {
  client: ClientProps,
  gateway: GatewayProps,
  service: ServiceProps,
  pod: PodProps,
  database: DatabaseProps,
  cache: CacheProps,
  queue: QueueProps,
  external: ExternalProps,
} as const satisfies Record<NodeKind, z.ZodObject>;

/** The props schema of each edge kind. */
export const EDGE_PROPS_SCHEMAS = { call: CallProps, publish: PublishProps } as const;

/** What the palette and default labels call each kind. */
export const KIND_LABELS: Record<NodeKind, string> = {
  client: 'Client',
  gateway: 'API gateway',
  service: 'Service',
  pod: 'Pod',
  database: 'Database',
  cache: 'Cache',
  queue: 'Queue',
  external: 'External API',
};

export const GROUP_LABELS: Record<Group['kind'], string> = { zone: 'Zone', team: 'Team' };

export function defaultProps<K extends NodeKind>(kind: K): NodeOf<K>['props'] {
  return PROPS_SCHEMAS[kind].parse({}) as NodeOf<K>['props'];
}

/** A node of `kind` with every prop at its default. */
export function newNode<K extends NodeKind>(
  kind: K,
  id: string,
  position: Position,
  label: string = KIND_LABELS[kind],
): NodeOf<K> {
  return Node.parse({ id, kind, label, position: { ...position }, props: {} }) as NodeOf<K>;
}

/** An edge with its kind's default props. */
export function newEdge(id: string, from: string, to: string, kind: Edge['kind'] = 'call'): Edge {
  return Edge.parse({ id, from, to, kind, props: {} });
}

export function newGroup(
  kind: Group['kind'],
  id: string,
  position: Position,
  size = { width: 400, height: 300 },
  label: string = GROUP_LABELS[kind],
): Group {
  return Group.parse({ id, kind, label, position: { ...position }, size: { ...size } });
}

/** All ids in use: nodes, edges and groups share one id space. */
export function usedIds(
  doc: Pick<ArchDocument, 'nodes' | 'edges' | 'groups'> & Partial<Pick<ArchDocument, 'notes'>>,
): Set<string> {
  return new Set(
    [...doc.nodes, ...doc.edges, ...doc.groups, ...(doc.notes ?? [])].map((x) => x.id),
  );
}

/** The first free id `prefix-1`, `prefix-2`, … (ids are shared by nodes, edges and groups). */
export function nextId(
  doc: Pick<ArchDocument, 'nodes' | 'edges' | 'groups'> & Partial<Pick<ArchDocument, 'notes'>>,
  prefix: string,
  taken: ReadonlySet<string> = usedIds(doc),
): string {
  const base = prefix.replace(/[^A-Za-z0-9_.:-]+/g, '-') || 'id';
  for (let n = 1; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** `Service`, then `Service 2`, `Service 3`, … skipping labels already on the canvas. */
export function defaultLabel(doc: Pick<ArchDocument, 'nodes'>, kind: NodeKind): string {
  const labels = new Set(doc.nodes.map((n) => n.label));
  const base = KIND_LABELS[kind];
  if (!labels.has(base)) return base;
  for (let n = 2; ; n++) if (!labels.has(`${base} ${n}`)) return `${base} ${n}`;
}

/** A new node for the palette: fresh id (`service-3`), default label and props. */
export function placeNode<K extends NodeKind>(
  doc: ArchDocument,
  kind: K,
  position: Position,
): NodeOf<K> {
  return newNode(kind, nextId(doc, kind), position, defaultLabel(doc, kind));
}

/** The scenario every new document has: 60 s of the traffic as drawn, no faults, no SLOs. */
export function baselineScenario(): Scenario {
  return Scenario.parse({ name: 'baseline' });
}

export function emptyDocument(name = 'Untitled'): ArchDocument {
  return ArchDocument.parse({
    format: 'archlab',
    version: CURRENT_VERSION,
    name,
    scenarios: [baselineScenario()],
  });
}
