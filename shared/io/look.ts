// What every export draws from a document: node sizes, absolute positions, the label and key figure
// of each node, edge captions, group nesting, and the kind colours of both themes (the same
// colours as the canvas, renderer/src/styles.css).
import type { ArchDocument, Edge, Group, Node, NodeKind } from '../model';
import { absolutePosition, meanOf } from '../model';
import { compactNumber, durationText } from '../format';

export { compactNumber } from '../format';

export type Theme = 'light' | 'dark';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The size a node is drawn at, by kind (the canvas draws nodes 200 wide). */
export const NODE_SIZES: Record<NodeKind, { width: number; height: number }> = {
  client: { width: 200, height: 64 },
  gateway: { width: 200, height: 64 },
  service: { width: 200, height: 64 },
  pod: { width: 200, height: 64 },
  database: { width: 200, height: 80 },
  cache: { width: 200, height: 64 },
  queue: { width: 200, height: 64 },
  external: { width: 200, height: 64 },
};

export const KIND_COLORS: Record<Theme, Record<NodeKind, string>> = {
  light: {
    client: '#6b5bd6',
    gateway: '#d9822b',
    service: '#326ce5',
    pod: '#3b82c4',
    database: '#1f9d74',
    cache: '#d14d72',
    queue: '#a0782c',
    external: '#6f7889',
  },
  dark: {
    client: '#9d90f5',
    gateway: '#f0a154',
    service: '#6d9cff',
    pod: '#6fb1ea',
    database: '#4cc79d',
    cache: '#f07c9f',
    queue: '#d3aa5b',
    external: '#a3acbd',
  },
};

export const THEME_COLORS: Record<
  Theme,
  { background: string; text: string; muted: string; edge: string; group: string; fill: string }
> = {
  light: {
    background: '#fbfbfd',
    text: '#1d2330',
    muted: '#677085',
    edge: '#7a8396',
    group: '#9aa3b5',
    fill: '#ffffff',
  },
  dark: {
    background: '#161a21',
    text: '#e3e7ee',
    muted: '#98a1b3',
    edge: '#8a93a6',
    group: '#5d6678',
    fill: '#1b1f27',
  },
};

/** The name a node or group is shown by: its label, or its id when it has none (or a blank one). */
export function nodeLabel(item: Pick<Node | Group, 'id' | 'label'>): string {
  return item.label !== undefined && item.label.trim() !== '' ? item.label : item.id;
}

export const groupLabel: (group: Group) => string = nodeLabel;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The one figure that says most about a node, drawn under its label ("3 pods", "200 rps"). */
export function keyFigure(node: Node): string {
  switch (node.kind) {
    case 'client':
      return `${compactNumber(node.props.rps)} rps`;
    case 'gateway':
      return node.props.routes.length > 0
        ? plural(node.props.routes.length, 'route')
        : `${durationText(node.props.overheadMs)} overhead`;
    case 'service':
      return plural(node.props.replicas, 'pod');
    case 'pod':
      return 'bare pod';
    case 'database':
      return `pool ${node.props.poolSize} · ${
        node.props.replicas === 0 ? 'no replica' : plural(node.props.replicas, 'replica')
      }`;
    case 'cache':
      return `${Math.round(node.props.hitRatio * 100)}% hits`;
    case 'queue':
      return `capacity ${compactNumber(node.props.capacity)}`;
    case 'external': {
      const latency = node.props.latency;
      return latency.dist === 'lognormal'
        ? `p50 ${durationText(latency.p50Ms)}`
        : `~${durationText(meanOf(latency))}`;
    }
  }
}

/** Whether an edge is asynchronous: a publish, or a queue delivering to a subscriber. */
export function isAsync(doc: ArchDocument, edge: Edge): boolean {
  if (edge.kind === 'publish') return true;
  return doc.nodes.find((n) => n.id === edge.from)?.kind === 'queue';
}

/** The caption of an edge: its label, then for a call its timeout and retries. */
export function edgeCaption(doc: ArchDocument, edge: Edge): string {
  const parts: string[] = [];
  if (edge.label !== undefined && edge.label !== '') parts.push(edge.label);
  if (edge.kind === 'call' && !isAsync(doc, edge)) {
    const { timeoutMs, retries } = edge.props;
    parts.push(timeoutMs === 0 ? 'no timeout' : `timeout ${durationText(timeoutMs)}`);
    if (retries > 0) parts.push(plural(retries, 'retry', 'retries'));
  } else if (parts.length === 0) {
    parts.push(edge.kind === 'publish' ? 'publish' : 'delivers');
  }
  return parts.join(', ');
}

/** Groups ordered so that each comes after the group it is in; a broken chain counts as top. */
export function groupsParentsFirst(groups: readonly Group[]): Group[] {
  const byId = new Map(groups.map((g) => [g.id, g] as const));
  const depthOf = (g: Group): number => {
    const seen = new Set<string>([g.id]);
    let depth = 0;
    for (let p = g.parentId; p !== undefined && byId.has(p) && !seen.has(p); depth++) {
      seen.add(p);
      p = byId.get(p)?.parentId;
    }
    return depth;
  };
  return groups
    .map((g, i) => ({ g, i, d: depthOf(g) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .map((x) => x.g);
}

/** Where the top-left corner of something drawn inside `parentId` is, given its own position. */
export function absoluteOf(
  doc: ArchDocument,
  parentId: string | undefined,
  position: { x: number; y: number },
): { x: number; y: number } {
  const origin = absolutePosition(doc, parentId);
  return { x: origin.x + position.x, y: origin.y + position.y };
}

export function nodeRect(doc: ArchDocument, node: Node): Rect {
  return { ...absoluteOf(doc, node.parentId, node.position), ...NODE_SIZES[node.kind] };
}

export function groupRect(doc: ArchDocument, group: Group): Rect {
  return { ...absoluteOf(doc, group.parentId, group.position), ...group.size };
}
