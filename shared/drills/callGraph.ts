// The call graph of a document as a drill verdict reads it: who calls whom (synchronous `call`
// edges carry errors back to callers; `publish` edges do not), which nodes a fault's target covers,
// and retry amplification per hop: edge attempts per user request, along each path from a client.
import type { RunResult } from '../engine/result';
import type { ArchDocument } from '../model';

export interface HopFigure {
  edge: string;
  from: string;
  to: string;
  kind: 'call' | 'publish';
  attempts: number;
  retries: number;
  /** Requests sent by the clients whose requests can reach this edge. */
  userRequests: number;
  /** Attempts on this edge per user request (1 = every request crosses it once, no retry). */
  perUserRequest: number;
  /** Attempts per first attempt on this edge: 1 + retries / first attempts. */
  perCall: number;
}

export interface PathFigure {
  client: string;
  /** Edge ids from the client to the end of the path. */
  edges: string[];
  /** perUserRequest of each hop, in order. */
  perHop: number[];
  /** The last hop's attempts per user request. */
  amplification: number;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const MAX_PATHS = 200;

/** For each node, the nodes that call it synchronously. */
export function callersOf(doc: ArchDocument): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of doc.edges) {
    if (e.kind !== 'call') continue;
    const list = out.get(e.to) ?? [];
    if (!list.includes(e.from)) list.push(e.from);
    out.set(e.to, list);
  }
  return out;
}

/** The nodes a fault's target stands for: a node, an edge's caller, or every node in a zone. */
export function targetNodes(doc: ArchDocument, target: string | null | undefined): string[] {
  if (target === null || target === undefined || target === '') return doc.nodes.map((n) => n.id);
  if (doc.nodes.some((n) => n.id === target)) return [target];
  const edge = doc.edges.find((e) => e.id === target);
  if (edge) return [edge.from];
  if (doc.groups.some((g) => g.id === target)) {
    const inside = new Set([target]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const g of doc.groups)
        if (g.parentId !== undefined && inside.has(g.parentId) && !inside.has(g.id)) {
          inside.add(g.id);
          grew = true;
        }
    }
    return doc.nodes
      .filter((n) => n.parentId !== undefined && inside.has(n.parentId))
      .map((n) => n.id);
  }
  return [];
}

/**
 * The nodes a fault can reach, traced from its target to the target's callers and theirs, with
 * the number of call hops from the target and the callee each was reached through.
 */
export function traceCallers(
  doc: ArchDocument,
  start: readonly string[],
): { id: string; hops: number; via: string | null }[] {
  const callers = callersOf(doc);
  const seen = new Map<string, { hops: number; via: string | null }>();
  let frontier = [...start];
  for (const id of start) seen.set(id, { hops: 0, via: null });
  for (let hops = 1; frontier.length > 0; hops++) {
    const next: string[] = [];
    for (const id of frontier)
      for (const c of callers.get(id) ?? []) {
        if (seen.has(c)) continue;
        seen.set(c, { hops, via: id });
        next.push(c);
      }
    frontier = next;
  }
  return [...seen].map(([id, v]) => ({ id, ...v }));
}

const sum = (a: readonly number[] | undefined) => (a ?? []).reduce((x, y) => x + y, 0);

/** Requests each client sent over the whole run (its per-second arrivals summed). */
export function clientRequests(doc: ArchDocument, result: RunResult): Map<string, number> {
  const out = new Map<string, number>();
  for (const n of doc.nodes)
    if (n.kind === 'client') out.set(n.id, sum(result.nodes[n.id]?.series.rps));
  return out;
}

/** Which clients' requests can reach each node (downstream along call and publish edges). */
function reachedBy(doc: ArchDocument): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const down = new Map<string, string[]>();
  for (const e of doc.edges) down.set(e.from, [...(down.get(e.from) ?? []), e.to]);
  for (const n of doc.nodes) {
    if (n.kind !== 'client') continue;
    const stack = [n.id];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      const set = out.get(id) ?? new Set<string>();
      set.add(n.id);
      out.set(id, set);
      for (const next of down.get(id) ?? []) stack.push(next);
    }
  }
  return out;
}

export function hopFigures(doc: ArchDocument, result: RunResult): HopFigure[] {
  const clients = clientRequests(doc, result);
  const reach = reachedBy(doc);
  return doc.edges.flatMap((e) => {
    const figures = result.edges[e.id];
    if (!figures) return [];
    let userRequests = 0;
    for (const c of reach.get(e.from) ?? []) userRequests += clients.get(c) ?? 0;
    const first = figures.attempts - figures.retries;
    return [
      {
        edge: e.id,
        from: e.from,
        to: e.to,
        kind: e.kind,
        attempts: figures.attempts,
        retries: figures.retries,
        userRequests,
        perUserRequest: userRequests > 0 ? r3(figures.attempts / userRequests) : 0,
        perCall: first > 0 ? r3(figures.attempts / first) : 0,
      },
    ];
  });
}

/** Every path of synchronous calls from a client (at most MAX_PATHS), with its amplification. */
export function pathFigures(doc: ArchDocument, hops: readonly HopFigure[]): PathFigure[] {
  const byFrom = new Map<string, HopFigure[]>();
  for (const h of hops)
    if (h.kind === 'call') byFrom.set(h.from, [...(byFrom.get(h.from) ?? []), h]);
  const out: PathFigure[] = [];
  const walk = (client: string, at: string, path: HopFigure[]) => {
    if (out.length >= MAX_PATHS) return;
    const next = (byFrom.get(at) ?? []).filter((h) => !path.some((p) => p.from === h.to));
    if (next.length === 0 && path.length > 0) {
      const perHop = path.map((h) => h.perUserRequest);
      out.push({
        client,
        edges: path.map((h) => h.edge),
        perHop,
        amplification: perHop[perHop.length - 1] ?? 0,
      });
      return;
    }
    for (const h of next) walk(client, h.to, [...path, h]);
  };
  for (const n of doc.nodes) if (n.kind === 'client') walk(n.id, n.id, []);
  return out;
}
