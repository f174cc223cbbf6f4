// Inferred figures → document fields. A new document gets a node per service (clients, services,
// databases, caches and third parties named by client spans) and an edge per caller → callee;
// `into` an existing document, only the nodes and edges whose names match are updated, and
// only in the fields traces measure.
import {
  ArchDocument,
  CURRENT_VERSION,
  baselineScenario,
  parseDocument,
  type ArchDocumentInput,
  type Calibration,
  type Distribution,
} from '../../model';
import { fitTimes, type Fit, type FitChoice } from './fit';
import type { EdgeStats, Inference, ServiceStats } from './infer';
import { quantile } from './samples';

export interface NodeFigures {
  name: string;
  role: ServiceStats['role'];
  requests: number;
  spans: number;
  errorRate: number;
  self: Fit | null;
  /** A leaf known only from its callers' client spans: their times. */
  latency: Fit | null;
  pods: number;
  peakInFlight: number;
  rps: number | null;
}

export interface EdgeFigures {
  from: string;
  to: string;
  callerRequests: number;
  withCall: number;
  probability: number;
  /** Calls per caller request that makes any (rounded; at most the model's limit). */
  calls: number;
  meanCalls: number;
  attempts: number;
  retries: number;
  mode: 'sequential' | 'parallel';
  /** Largest share, over the caller's other callees, of requests making both where they overlapped. */
  overlapShare: number;
  parallelWith: string[];
  order: number;
  /** One-way network latency (half the median of client span − server span), ms. */
  latencyMs: number | null;
  networkSamples: number;
  maxAttemptMs: number;
}

export interface Figures {
  nodes: NodeFigures[];
  edges: EdgeFigures[];
  windowS: number;
  at: string;
}

/** The model's largest `calls` on an edge. */
export const MAX_CALLS = 1000;

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function figures(inf: Inference, choice: FitChoice): Figures {
  const windowS = Math.max(0, (inf.window.toMs - inf.window.fromMs) / 1000);
  const edges: EdgeFigures[] = [];
  for (const e of inf.edges.values()) edges.push(edgeFigures(e));
  const nodes: NodeFigures[] = [];
  for (const s of inf.services.values()) {
    const leaf = s.self.size === 0 && s.role !== 'client';
    let latency: Fit | null = null;
    if (leaf) {
      const into = edges.filter((e) => e.to === s.name);
      const parts: Float64Array[] = [];
      for (const e of inf.edges.values()) if (e.to === s.name) parts.push(e.attempt.sorted());
      const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        all.set(p, at);
        at += p.length;
      }
      latency = all.length > 0 && into.length > 0 ? fitTimes(all.sort(), choice) : null;
    }
    const a = inf.arrivals.get(s.name);
    let rps: number | null = null;
    if (a !== undefined) {
      const spanS = (a.lastMs - a.firstMs) / 1000;
      rps = a.roots > 1 && spanS > 0 ? (a.weighted * (a.roots - 1)) / a.roots / spanS : null;
    }
    nodes.push({
      name: s.name,
      role: s.role,
      requests: s.requests,
      spans: s.spans,
      errorRate: s.requests > 0 ? s.ownErrors / s.requests : 0,
      self: s.self.size > 0 && s.role !== 'client' ? fitTimes(s.self.sorted(), choice) : null,
      latency,
      pods: s.pods.size,
      peakInFlight: s.peakInFlight,
      rps: rps === null ? null : r4(rps),
    });
  }
  nodes.sort((a, b) => a.name.localeCompare(b.name));
  edges.sort((a, b) => a.from.localeCompare(b.from) || a.order - b.order);
  return { nodes, edges, windowS, at: new Date(Math.round(inf.window.toMs)).toISOString() };
}

/**
 * Parallel when, beside some other callee of the same caller, the calls overlapped in more
 * than half the requests that made both.
 */
function modeOf(e: EdgeStats): {
  mode: EdgeFigures['mode'];
  overlapShare: number;
  parallelWith: string[];
} {
  let share = 0;
  const withs: string[] = [];
  for (const [to, s] of e.beside) {
    const x = s.overlapped / Math.max(1, s.both);
    share = Math.max(share, x);
    if (x > 0.5) withs.push(to);
  }
  return {
    mode: withs.length > 0 ? 'parallel' : 'sequential',
    overlapShare: share,
    parallelWith: withs.sort(),
  };
}

function edgeFigures(e: EdgeStats): EdgeFigures {
  const net = e.network.sorted();
  const att = e.attempt.sorted();
  return {
    from: e.from,
    to: e.to,
    callerRequests: e.callerRequests,
    withCall: e.withCall,
    probability: r4(Math.min(1, e.withCall / Math.max(1, e.callerRequests))),
    calls: Math.min(MAX_CALLS, Math.max(1, Math.round(e.calls / Math.max(1, e.withCall)))),
    meanCalls: e.calls / Math.max(1, e.withCall),
    attempts: e.attempts,
    retries: e.retries,
    ...modeOf(e),
    order: e.offsetSum / Math.max(1, e.withCall),
    latencyMs: net.length > 0 ? r4(quantile(net, 0.5) / 2) : null,
    networkSamples: net.length,
    maxAttemptMs: att.length > 0 ? (att[att.length - 1] as number) : 0,
  };
}

/** A node id from a service name (ids are letters, digits and _ . : -). */
export function idFor(name: string, taken: Set<string>): string {
  let base = name.replace(/[^A-Za-z0-9_.:-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  if (base === '') base = 'service';
  base = base.slice(0, 100);
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
  taken.add(id);
  return id;
}

const KIND_OF = {
  client: 'client',
  service: 'service',
  database: 'database',
  cache: 'cache',
  external: 'external',
} as const;

/** The props a node's figures set, and their field names. */
export function nodeProps(
  n: NodeFigures,
  fresh: boolean,
): { props: Record<string, unknown>; fields: string[] } {
  const props: Record<string, unknown> = {};
  const set = (k: string, v: unknown) => {
    props[k] = v;
  };
  const dist = (f: Fit | null): Distribution | undefined => f?.chosen;
  switch (n.role) {
    case 'client':
      if (n.rps !== null) set('rps', n.rps);
      if (fresh) props['arrival'] = 'poisson';
      break;
    case 'service': {
      const st = dist(n.self);
      if (st) set('serviceTime', st);
      set('errorRate', r4(n.errorRate));
      if (fresh) {
        const replicas = Math.max(1, n.pods);
        if (n.pods > 0) set('replicas', replicas);
        else props['replicas'] = 1;
        // At least the requests seen in flight at once per pod, with room: traces cannot tell a
        // pod's limit, only that it served this many together.
        set('concurrency', Math.max(4, Math.ceil((n.peakInFlight / replicas) * 1.5) + 1));
      }
      break;
    }
    case 'database': {
      const d = dist(n.latency);
      if (d) {
        set('readLatency', d);
        set('writeLatency', d);
      }
      if (fresh) props['poolSize'] = Math.max(20, Math.ceil(n.peakInFlight * 1.5) + 1);
      break;
    }
    case 'cache': {
      const d = dist(n.latency);
      if (d) set('hitLatency', d);
      set('hitRatio', 1);
      break;
    }
    case 'external': {
      const d = dist(n.latency);
      if (d) set('latency', d);
      set('errorRate', r4(n.errorRate));
      break;
    }
  }
  const fields = Object.keys(props).filter(
    (k) => !(fresh && (k === 'arrival' || k === 'poolSize' || (k === 'replicas' && n.pods === 0))),
  );
  return { props, fields };
}

export function edgeProps(
  e: EdgeFigures,
  toLeaf: boolean,
  fresh: boolean,
): { props: Record<string, unknown>; fields: string[] } {
  const props: Record<string, unknown> = {};
  props['probability'] = e.probability;
  props['calls'] = e.calls;
  props['mode'] = e.mode;
  if (toLeaf) props['latencyMs'] = 0;
  else if (e.latencyMs !== null) props['latencyMs'] = e.latencyMs;
  const fields = Object.keys(props);
  // The time before a root span starts is not in the traces: no network time is assumed.
  if (fresh && props['latencyMs'] === undefined) props['latencyMs'] = 0;
  // No call the traces show completing may time out in the model.
  if (fresh) props['timeoutMs'] = Math.max(1000, Math.ceil((e.maxAttemptMs * 2) / 100) * 100);
  return { props, fields };
}

export function mark(spans: number, at: string, fields: string[]): Calibration {
  return { source: 'traces', spans, at, fields };
}

/** A new document from the figures (positions by call depth; the host lays it out with ELK). */
export function newDocument(f: Figures, name: string): ArchDocument {
  const taken = new Set<string>();
  const ids = new Map(f.nodes.map((n) => [n.name, idFor(n.name, taken)]));
  const depth = depths(f);
  const perDepth = new Map<number, number>();
  const byName = new Map(f.nodes.map((n) => [n.name, n]));
  const nodes = f.nodes.map((n) => {
    const d = depth.get(n.name) ?? 0;
    const row = perDepth.get(d) ?? 0;
    perDepth.set(d, row + 1);
    const { props, fields } = nodeProps(n, true);
    return {
      id: ids.get(n.name) as string,
      kind: KIND_OF[n.role],
      label: n.name,
      position: { x: d * 290, y: row * 130 },
      props,
      calibrated: mark(n.spans, f.at, fields),
    };
  });
  const back = backEdges(f);
  const edges = f.edges.map((e) => {
    const leaf = (byName.get(e.to)?.self ?? null) === null;
    const { props, fields } = edgeProps(e, leaf, true);
    // Calls that close a cycle (A → B → A) are bounded, as the model asks: taken once per chain.
    if (back.has(e)) props['maxDepth'] = 1;
    const from = ids.get(e.from) as string;
    const to = ids.get(e.to) as string;
    return {
      id: idFor(`${from}-${to}`, taken),
      kind: 'call' as const,
      from,
      to,
      props,
      calibrated: mark(e.attempts, f.at, fields),
    };
  });
  const raw = {
    format: 'archlab',
    version: CURRENT_VERSION,
    name,
    nodes,
    edges,
    groups: [],
    transactions: [],
    scenarios: [
      { ...baselineScenario(), durationS: Math.max(10, Math.min(600, Math.round(f.windowS))) },
    ],
  } as unknown as ArchDocumentInput;
  return checked(raw);
}

export function checked(raw: unknown): ArchDocument {
  const r = parseDocument(raw);
  if (!r.ok)
    throw new Error(
      `the calibrated document does not validate: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  return ArchDocument.parse(r.doc);
}

/** Edges that close a call cycle, found by a depth-first walk from the callers nothing calls. */
export function backEdges(f: Figures): Set<EdgeFigures> {
  const out = new Set<EdgeFigures>();
  const from = new Map<string, EdgeFigures[]>();
  for (const e of f.edges) from.set(e.from, [...(from.get(e.from) ?? []), e]);
  const called = new Set(f.edges.map((e) => e.to));
  const state = new Map<string, 1 | 2>();
  const starts = [...f.nodes.filter((n) => !called.has(n.name)), ...f.nodes].map((n) => n.name);
  for (const s of starts) {
    if (state.has(s)) continue;
    const stack: { node: string; next: number }[] = [{ node: s, next: 0 }];
    state.set(s, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { node: string; next: number };
      const e = from.get(top.node)?.[top.next++];
      if (e === undefined) {
        state.set(top.node, 2);
        stack.pop();
      } else if (state.get(e.to) === 1) out.add(e);
      else if (!state.has(e.to)) {
        state.set(e.to, 1);
        stack.push({ node: e.to, next: 0 });
      }
    }
  }
  return out;
}

function depths(f: Figures): Map<string, number> {
  const d = new Map<string, number>();
  const callers = new Map<string, string[]>();
  for (const e of f.edges) callers.set(e.to, [...(callers.get(e.to) ?? []), e.from]);
  let layer = f.nodes.filter((n) => !callers.has(n.name)).map((n) => n.name);
  for (let k = 0; layer.length > 0 && k < f.nodes.length; k++) {
    const next: string[] = [];
    for (const name of layer) {
      if (d.has(name)) continue;
      d.set(name, k);
      for (const e of f.edges) if (e.from === name && !d.has(e.to)) next.push(e.to);
    }
    layer = next;
  }
  return d;
}
