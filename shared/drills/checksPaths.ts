// Checks along request paths: from each client, every chain of synchronous calls (queue deliveries
// start new requests, and an edge with maxDepth may close a cycle, so neither is followed). Finds
// retry amplification and team-crossing chains (Conway's law).
import type { ArchDocument, Edge, Node } from '../model';
import { warning, type Warning } from './checksCatalogue';

/** More paths than this from one client are not looked at (a guard for huge fan-outs). */
const MAX_PATHS_PER_CLIENT = 20_000;

export interface RequestPath {
  nodes: Node[];
  edges: Edge[];
}

type CallEdge = Extract<Edge, { kind: 'call' }>;

/** The synchronous call edges out of each node, in document order. */
export function syncCalls(doc: ArchDocument): Map<string, CallEdge[]> {
  const kinds = new Map(doc.nodes.map((n) => [n.id, n.kind] as const));
  const out = new Map<string, CallEdge[]>();
  for (const e of doc.edges) {
    if (e.kind !== 'call' || e.props.maxDepth !== undefined) continue;
    if (kinds.get(e.from) === 'queue' || !kinds.has(e.to)) continue;
    const list = out.get(e.from);
    if (list) list.push(e);
    else out.set(e.from, [e]);
  }
  return out;
}

/** Every maximal path of synchronous calls from `start` (each ends where calls end). */
export function pathsFrom(doc: ArchDocument, start: Node, calls = syncCalls(doc)): RequestPath[] {
  const byId = new Map(doc.nodes.map((n) => [n.id, n] as const));
  const paths: RequestPath[] = [];
  const walk = (nodes: Node[], edges: Edge[]) => {
    if (paths.length >= MAX_PATHS_PER_CLIENT) return;
    const at = nodes[nodes.length - 1];
    const next = (at ? (calls.get(at.id) ?? []) : []).filter(
      (e) => !nodes.some((n) => n.id === e.to),
    );
    if (next.length === 0) {
      paths.push({ nodes, edges });
      return;
    }
    for (const e of next) {
      const to = byId.get(e.to);
      if (to) walk([...nodes, to], [...edges, e]);
    }
  };
  walk([start], []);
  return paths;
}

/** The name of each node along a path: "shoppers → gateway → orders". */
export function pathName(path: RequestPath): string {
  return path.nodes.map(nameOf).join(' → ');
}

export function nameOf(node: Node): string {
  return node.label !== undefined && node.label.trim() !== '' ? node.label : node.id;
}

/** The team a node belongs to: its nearest ancestor group of kind `team`, or undefined. */
export function teamOf(doc: ArchDocument, node: Node): string | undefined {
  const groups = new Map(doc.groups.map((g) => [g.id, g] as const));
  const seen = new Set<string>();
  for (let id = node.parentId; id !== undefined && !seen.has(id);) {
    seen.add(id);
    const g = groups.get(id);
    if (!g) return undefined;
    if (g.kind === 'team') return g.id;
    id = g.parentId;
  }
  return undefined;
}

export function teamName(doc: ArchDocument, teamId: string): string {
  const g = doc.groups.find((gr) => gr.id === teamId);
  return g?.label !== undefined && g.label.trim() !== '' ? g.label : teamId;
}

/** Worst-case attempts at the end of a path per request at its start: ∏ (1 + retries). */
export function attemptsMultiplier(path: RequestPath): number {
  return path.edges.reduce((m, e) => m * (1 + (e.kind === 'call' ? e.props.retries : 0)), 1);
}

/** The team of every node that has one. */
export function teamsOf(doc: ArchDocument): Map<string, string> {
  const teams = new Map<string, string>();
  for (const n of doc.nodes) {
    const team = teamOf(doc, n);
    if (team !== undefined) teams.set(n.id, team);
  }
  return teams;
}

/** The teams a path passes through, in order, with nodes of no team left out and repeats merged. */
export function teamSequence(teamOfNode: ReadonlyMap<string, string>, path: RequestPath): string[] {
  const teams: string[] = [];
  for (const n of path.nodes) {
    const team = teamOfNode.get(n.id);
    if (team !== undefined && teams[teams.length - 1] !== team) teams.push(team);
  }
  return teams;
}

/** ARCH005 and ARCH008, one warning per client at most for each (its worst path). */
export function pathChecks(doc: ArchDocument, maxTeamCrossings: number): Warning[] {
  const calls = syncCalls(doc);
  const teamOfNode = teamsOf(doc);
  const crossings = (p: RequestPath) => teamSequence(teamOfNode, p).length - 1;
  const out: Warning[] = [];
  const conway: Warning[] = [];
  for (const client of doc.nodes.filter((n) => n.kind === 'client')) {
    const paths = pathsFrom(doc, client, calls);
    const amplified = worst(
      paths.filter((p) => retryLayers(p).length >= 2),
      attemptsMultiplier,
    );
    if (amplified) {
      const layers = retryLayers(amplified);
      const last = amplified.nodes[amplified.nodes.length - 1];
      const message =
        `${pathName(amplified)} retries at ${layers.length} layers: one request can become ` +
        `up to ${attemptsMultiplier(amplified)} attempts at ${last ? nameOf(last) : 'its end'}`;
      out.push(
        warning(
          'ARCH005',
          message,
          amplified.nodes.map((n) => n.id),
          layers.map((e) => e.id),
        ),
      );
    }
    const chatty = worst(
      paths.filter((p) => crossings(p) > maxTeamCrossings),
      crossings,
    );
    if (chatty) {
      const teams = teamSequence(teamOfNode, chatty);
      const message =
        `${pathName(chatty)} crosses team boundaries ${teams.length - 1} times ` +
        `(${teams.map((t) => teamName(doc, t)).join(' → ')}): every change along it needs ` +
        `those teams to agree`;
      conway.push(
        warning(
          'ARCH008',
          message,
          chatty.nodes.map((n) => n.id),
          chatty.edges.map((e) => e.id),
        ),
      );
    }
  }
  return [...out, ...conway];
}

function retryLayers(path: RequestPath): Edge[] {
  return path.edges.filter((e) => e.kind === 'call' && e.props.retries > 0);
}

/** The path with the highest score; the first one found on ties. */
function worst(paths: RequestPath[], score: (p: RequestPath) => number): RequestPath | undefined {
  let best: RequestPath | undefined;
  let bestScore = -Infinity;
  for (const p of paths) {
    const s = score(p);
    if (s > bestScore) {
      best = p;
      bestScore = s;
    }
  }
  return best;
}
