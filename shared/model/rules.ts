// What may connect to what, and the checks a document must pass beyond its schema: one id space,
// edges between existing nodes, groups that nest without cycles, references that resolve.
import type { ArchDocument, Edge, Node, NodeKind } from './document';
import { displayName } from './names';

export type EdgeKind = Edge['kind'];
export type Verdict = { ok: true } | { ok: false; reason: string };

const KIND_NAMES: Record<NodeKind, string> = {
  client: 'a client',
  gateway: 'an API gateway',
  service: 'a service',
  pod: 'a pod',
  database: 'a database',
  cache: 'a cache',
  queue: 'a queue',
  external: 'an external API',
};

/** Kinds that only answer calls and never send anything. */
const ANSWER_ONLY: readonly NodeKind[] = ['database', 'external'];
/** What a cache reads through to on a miss (its `call` edges). */
const MISS_TARGETS: readonly NodeKind[] = ['database', 'external', 'service', 'pod'];
/** Kinds a queue delivers messages to (a queue → consumer `call` edge is a subscription). */
const CONSUMERS: readonly NodeKind[] = ['service', 'pod'];

/**
 * Whether an edge of this kind may go from a node of one kind to a node of another, by kind alone.
 * - A client only sends: it cannot be the target of any edge.
 * - Databases and external APIs answer calls; they cannot call or publish.
 * - A cache answers hits itself; its `call` edges go where a miss reads through to (a database,
 *   external API, service or pod). It cannot publish.
 * - A `publish` edge goes to a queue, from a client, gateway, service or pod.
 * - Nothing `call`s a queue (publish to it instead); a queue's `call` edges go to the services
 *   or pods that subscribe to it.
 */
export function kindRule(from: NodeKind, to: NodeKind, kind: EdgeKind): Verdict {
  const src = KIND_NAMES[from];
  const dst = KIND_NAMES[to];
  if (to === 'client') return no(`${dst} only sends traffic; it cannot be the target of an edge`);
  if (ANSWER_ONLY.includes(from)) {
    return no(`${src} answers calls; it cannot ${kind === 'call' ? 'call' : 'publish to'} ${dst}`);
  }
  if (from === 'cache') {
    if (kind === 'call' && MISS_TARGETS.includes(to)) return { ok: true };
    return kind === 'call'
      ? no(
          `a cache's misses read through to a database, external API, service or pod, not to ${dst}`,
        )
      : no('a cache answers calls; it cannot publish');
  }
  if (kind === 'publish') {
    if (to !== 'queue') return no(`a publish edge must go to a queue, not to ${dst}`);
    if (from === 'queue')
      return no('a queue cannot publish to a queue; it delivers to subscribers');
    return { ok: true };
  }
  if (to === 'queue')
    return no(`${src} cannot call a queue; use a publish edge to send it messages`);
  if (from === 'queue' && !CONSUMERS.includes(to)) {
    return no(`a queue delivers only to a service or pod that subscribes, not to ${dst}`);
  }
  return { ok: true };
}

function no(reason: string): Verdict {
  return { ok: false, reason };
}

/** True for a call edge whose `maxDepth` bounds how often one request chain takes it. */
export function isBounded(edge: Edge): boolean {
  return edge.kind === 'call' && edge.props.maxDepth !== undefined;
}

/**
 * Synchronous call edges out of each node. A queue's deliveries to subscribers are not
 * synchronous, and an edge with `maxDepth` may close a cycle, so neither is followed.
 */
export class CallGraph {
  private readonly out = new Map<string, string[]>();
  constructor(private readonly nodes: ReadonlyMap<string, Node>) {}

  add(edge: Edge): void {
    if (edge.kind !== 'call' || isBounded(edge) || this.nodes.get(edge.from)?.kind === 'queue') {
      return;
    }
    const list = this.out.get(edge.from);
    if (list) list.push(edge.to);
    else this.out.set(edge.from, [edge.to]);
  }

  has(from: string, to: string): boolean {
    return this.out.get(from)?.includes(to) ?? false;
  }

  /** A path of synchronous calls from `start` to `goal`, as node ids, or null. */
  path(start: string, goal: string): string[] | null {
    const previous = new Map<string, string>([[start, start]]);
    const queue = [start];
    for (let head = 0; head < queue.length; head++) {
      const at = queue[head] as string;
      if (at === goal) {
        const path = [goal];
        for (let cur = goal; cur !== start; path.unshift(cur)) cur = previous.get(cur) as string;
        return path;
      }
      for (const next of this.out.get(at) ?? []) {
        if (!previous.has(next)) {
          previous.set(next, at);
          queue.push(next);
        }
      }
    }
    return null;
  }
}

/** Whether an edge may join two nodes, given the edges already there (`existing`, `calls`). */
export function linkVerdict(
  nodes: ReadonlyMap<string, Node>,
  calls: CallGraph,
  existing: ReadonlySet<string>,
  fromId: string,
  toId: string,
  kind: EdgeKind,
  bounded = false,
): Verdict {
  const from = nodes.get(fromId);
  const to = nodes.get(toId);
  if (!from) return no(`there is no node "${fromId}"`);
  if (!to) return no(`there is no node "${toId}"`);
  if (fromId === toId) return no('a node cannot connect to itself');
  const byKind = kindRule(from.kind, to.kind, kind);
  if (!byKind.ok) return byKind;
  if (existing.has(linkKey(fromId, toId, kind))) {
    return no(`"${displayName(from)}" already has a ${kind} edge to "${displayName(to)}"`);
  }
  if (kind === 'call' && from.kind !== 'queue' && !bounded) {
    const back = calls.path(toId, fromId);
    if (back) {
      const name = (id: string) => {
        const n = nodes.get(id);
        return n ? displayName(n) : id;
      };
      const cycle = [...back, toId].map(name).join(' → ');
      return no(`it would make a call cycle: ${cycle} (set maxDepth on the edge to bound it)`);
    }
  }
  return { ok: true };
}

export function linkKey(from: string, to: string, kind: EdgeKind): string {
  return JSON.stringify([from, to, kind]);
}

/**
 * Whether the editor may add an edge of `kind` from one node to another, and why not.
 * `bounded`: the new call edge has `maxDepth`, so it may close a call cycle.
 */
export function canConnect(
  doc: Pick<ArchDocument, 'nodes' | 'edges'>,
  fromId: string,
  toId: string,
  kind: EdgeKind,
  bounded = false,
): Verdict {
  const nodes = new Map(doc.nodes.map((n) => [n.id, n] as const));
  const calls = new CallGraph(nodes);
  for (const e of doc.edges) calls.add(e);
  const existing = new Set(doc.edges.map((e) => linkKey(e.from, e.to, e.kind)));
  return linkVerdict(nodes, calls, existing, fromId, toId, kind, bounded);
}
