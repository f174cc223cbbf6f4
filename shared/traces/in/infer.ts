// From spans to a service graph with figures: each request a service serves (a server span, or a
// root span), the calls it makes (client spans under it, through its internal spans), and who
// answered each call (the server span under the client span, or the peer the span names).
import { Samples } from './samples';
import { KIND, PEER, type SpanStore } from './store';
import { EPS_MS, offsets, pairs, peaks, scatter, selfTime } from './inferSteps';

export type NodeRole = 'client' | 'service' | 'database' | 'cache' | 'external';

export interface ServiceStats {
  name: string;
  role: NodeRole;
  /** Requests it served (server or root spans). */
  requests: number;
  /** Of those, failed with no failed call under them: its own errors. */
  ownErrors: number;
  /** Self time per request (ms): the span minus the union of its calls. */
  self: Samples;
  pods: Set<number>;
  /** Most requests in flight at once, over all its pods. */
  peakInFlight: number;
  /** Spans of this service. */
  spans: number;
  /** Of its requests, those that were the root of their trace. */
  rootRequests: number;
}

export interface EdgeStats {
  from: string;
  to: string;
  /** Requests of the caller: the base of the probability. */
  callerRequests: number;
  /** Caller requests that made at least one call over this edge. */
  withCall: number;
  /** Calls over the edge, retries of a failed call not counted. */
  calls: number;
  /** Client spans (attempts), retries included. */
  attempts: number;
  retries: number;
  failedAttempts: number;
  /** Per other callee of the caller: requests calling both, and those where the calls overlapped. */
  beside: Map<string, { both: number; overlapped: number }>;
  /** Sum of (first call start − request start), for the order of a caller's edges (ms). */
  offsetSum: number;
  /** Client span minus the server span that answered it (ms): the network's share. */
  network: Samples;
  /** Whole client spans (ms): what the caller waited per attempt. */
  attempt: Samples;
}

export interface Inference {
  services: Map<string, ServiceStats>;
  edges: Map<string, EdgeStats>;
  /** Where traffic starts: per client, its root spans, weighted by 1/sampling. */
  arrivals: Map<string, { roots: number; weighted: number; firstMs: number; lastMs: number }>;
  window: { fromMs: number; toMs: number };
  counts: {
    spans: number;
    traces: number;
    /** Spans naming a parent the trace does not have. */
    orphans: number;
    duplicateIds: number;
    /** Server spans longer than the client span they answer (clocks or lost time). */
    serverLongerThanClient: number;
    /** Calls that start before or end after the request they are part of. */
    callOutsideParent: number;
    /** Client spans with no server span and no peer attribute: the callee is unknown. */
    unansweredCalls: number;
    largestTrace: number;
    /** Root spans that state a sampling probability, and those that do not. */
    sampledRoots: number;
    unstatedRoots: number;
  };
  /** Distinct sampling probabilities stated by root spans. */
  samplingSeen: number[];
}

export const clientOf = (service: string) => `${service} clients`;

export function infer(store: SpanStore): Inference {
  const n = store.size;
  const nTraces = store.traces.names.length;
  const counts: Inference['counts'] = {
    spans: n,
    traces: nTraces,
    orphans: 0,
    duplicateIds: 0,
    serverLongerThanClient: 0,
    callOutsideParent: 0,
    unansweredCalls: 0,
    largestTrace: 0,
    sampledRoots: 0,
    unstatedRoots: 0,
  };
  // Spans grouped by trace (counting sort).
  const traceStart = offsets(store.trace, n, nTraces, () => true);
  const order = scatter(store.trace, n, traceStart, () => true);
  // Parents: -1 a root, -2 an orphan.
  const parent = new Int32Array(n);
  const byId = new Map<string, number>();
  for (let t = 0; t < nTraces; t++) {
    const a = traceStart[t] as number;
    const b = traceStart[t + 1] as number;
    counts.largestTrace = Math.max(counts.largestTrace, b - a);
    byId.clear();
    for (let k = a; k < b; k++) {
      const i = order[k] as number;
      const id = store.spanId[i] as string;
      if (byId.has(id)) counts.duplicateIds++;
      else byId.set(id, i);
    }
    for (let k = a; k < b; k++) {
      const i = order[k] as number;
      const pid = store.parentId[i] as string;
      if (pid === '') parent[i] = -1;
      else {
        const p = byId.get(pid);
        if (p === undefined || p === i) {
          parent[i] = -2;
          counts.orphans++;
        } else parent[i] = p;
      }
    }
  }
  // Children lists.
  const hasParent = (i: number) => (parent[i] as number) >= 0;
  const childStart = offsets(parent, n, n, hasParent);
  const children = scatter(parent, n, childStart, hasParent);
  return walk(store, parent, childStart, children, counts);
}

function walk(
  store: SpanStore,
  parent: Int32Array,
  childStart: Int32Array,
  children: Int32Array,
  counts: Inference['counts'],
): Inference {
  const n = store.size;
  const svcName = (i: number) => store.services.names[store.service[i] as number] as string;
  const services = new Map<string, ServiceStats>();
  const edges = new Map<string, EdgeStats>();
  const arrivals: Inference['arrivals'] = new Map();
  const sampling = new Set<number>();
  const window = { fromMs: Infinity, toMs: -Infinity };
  const service = (name: string, role: NodeRole): ServiceStats => {
    let s = services.get(name);
    if (!s) {
      s = {
        name,
        role,
        requests: 0,
        ownErrors: 0,
        self: new Samples(),
        pods: new Set(),
        peakInFlight: 0,
        spans: 0,
        rootRequests: 0,
      };
      services.set(name, s);
    } else if (s.role !== 'service' && role === 'service') s.role = 'service';
    return s;
  };
  const edge = (from: string, to: string): EdgeStats => {
    const key = `${from}\u0000${to}`;
    let e = edges.get(key);
    if (!e) {
      e = {
        from,
        to,
        callerRequests: 0,
        withCall: 0,
        calls: 0,
        attempts: 0,
        retries: 0,
        failedAttempts: 0,
        beside: new Map(),
        offsetSum: 0,
        network: new Samples(),
        attempt: new Samples(),
      };
      edges.set(key, e);
    }
    return e;
  };
  const isCall = (k: number) => k === KIND.client || k === KIND.producer;
  const isEntry = (i: number) => {
    const k = store.kind[i] as number;
    if (k === KIND.server || k === KIND.consumer) return true;
    if (isCall(k)) return false;
    const p = parent[i] as number;
    return p < 0 || store.service[p] !== store.service[i];
  };
  /** The span answering a call: a child that is an entry of another (or the same) service. */
  const answer = (c: number): number => {
    for (let k = childStart[c] as number; k < (childStart[c + 1] as number); k++) {
      const ch = children[k] as number;
      if (isEntry(ch)) return ch;
    }
    return -1;
  };
  const stack: number[] = [];
  const calls: { to: string; start: number; end: number; err: boolean; c: number; sv: number }[] =
    [];
  for (let i = 0; i < n; i++) {
    const st = store.start[i] as number;
    const en = st + (store.dur[i] as number);
    if (st < window.fromMs) window.fromMs = st;
    if (en > window.toMs) window.toMs = en;
    const name = svcName(i);
    const p = parent[i] as number;
    const kind = store.kind[i] as number;
    const root = p === -1;
    if (root) {
      const prob = store.sampling[i] as number;
      if (prob > 0) {
        counts.sampledRoots++;
        sampling.add(prob);
      } else counts.unstatedRoots++;
      const server = kind === KIND.server || kind === KIND.consumer;
      const client = server ? clientOf(name) : name;
      let a = arrivals.get(client);
      if (!a) arrivals.set(client, (a = { roots: 0, weighted: 0, firstMs: st, lastMs: st }));
      a.roots++;
      a.weighted += prob > 0 ? 1 / prob : 1;
      a.firstMs = Math.min(a.firstMs, st);
      a.lastMs = Math.max(a.lastMs, st);
      if (server) {
        service(client, 'client').requests++;
        const e = edge(client, name);
        e.callerRequests++;
        e.withCall++;
        e.calls++;
        e.attempts++;
      }
    }
    const isRequest = isEntry(i) || (root && isCall(kind));
    if (!isRequest) continue;
    const role: NodeRole =
      root && !(kind === KIND.server || kind === KIND.consumer) ? 'client' : 'service';
    const s = service(name, role);
    s.requests++;
    if (root) s.rootRequests++;
    const pod = store.pod[i] as number;
    if (pod >= 0) s.pods.add(pod);
    // Its calls: client spans below it through its own internal spans.
    calls.length = 0;
    if (isCall(kind)) addCall(i);
    else {
      stack.length = 0;
      for (let k = childStart[i] as number; k < (childStart[i + 1] as number); k++)
        stack.push(children[k] as number);
      while (stack.length > 0) {
        const c = stack.pop() as number;
        const ck = store.kind[c] as number;
        if (isCall(ck)) addCall(c);
        else if (isEntry(c)) addDirect(c);
        else
          for (let k = childStart[c] as number; k < (childStart[c + 1] as number); k++)
            stack.push(children[k] as number);
      }
    }
    let callFailed = false;
    for (const c of calls) if (c.err) callFailed = true;
    if (store.error[i] === 1 && !callFailed && !isCall(kind)) s.ownErrors++;
    if (!isCall(kind)) s.self.push(selfTime(st, en, calls, counts));
    account(name, st, s.requests, calls, edge, counts);
  }
  for (const s of services.values()) s.spans = 0;
  for (let i = 0; i < n; i++) {
    const s = services.get(svcName(i));
    if (s) s.spans++;
  }
  peaks(store, parent, services, svcName, isEntry);
  trafficSources(services, edges, arrivals);
  // Callees known only by the peer a client span names.
  for (const e of edges.values()) if (!services.has(e.to)) service(e.to, 'external');
  for (const [, e] of edges) {
    const caller = services.get(e.from);
    e.callerRequests = caller?.requests ?? e.callerRequests;
  }
  return {
    services,
    edges,
    arrivals,
    window,
    counts,
    samplingSeen: [...sampling].sort((a, b) => a - b),
  };

  function addCall(c: number): void {
    const sv = answer(c);
    let to: string;
    if (sv >= 0) to = svcName(sv);
    else if ((store.peer[c] as number) >= 0) {
      to = store.peers.names[store.peer[c] as number] as string;
      const pk = store.peerKind[c] as number;
      service(to, pk === PEER.database ? 'database' : pk === PEER.cache ? 'cache' : 'external')
        .requests++;
    } else {
      counts.unansweredCalls++;
      return;
    }
    const start = store.start[c] as number;
    calls.push({
      to,
      start,
      end: start + (store.dur[c] as number),
      err: store.error[c] === 1,
      c,
      sv,
    });
  }
  function addDirect(sv: number): void {
    const start = store.start[sv] as number;
    calls.push({
      to: svcName(sv),
      start,
      end: start + (store.dur[sv] as number),
      err: store.error[sv] === 1,
      c: -1,
      sv,
    });
  }
  function account(
    from: string,
    reqStart: number,
    _requests: number,
    list: typeof calls,
    edgeOf: (a: string, b: string) => EdgeStats,
    cts: Inference['counts'],
  ): void {
    if (list.length === 0) return;
    list.sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : a.start - b.start));
    pairs(from, list, edgeOf);
    let g = 0;
    while (g < list.length) {
      let h = g;
      while (
        h < list.length &&
        (list[h] as (typeof list)[0]).to === (list[g] as (typeof list)[0]).to
      )
        h++;
      const first = list[g] as (typeof list)[0];
      const e = edgeOf(from, first.to);
      e.withCall++;
      e.offsetSum += first.start - reqStart;
      let retries = 0;
      for (let k = g; k < h; k++) {
        const c = list[k] as (typeof list)[0];
        if (k > g && (list[k - 1] as (typeof list)[0]).err) retries++;
        if (c.err) e.failedAttempts++;
        const dur = c.end - c.start;
        e.attempt.push(dur);
        if (c.c >= 0 && c.sv >= 0) {
          const net = dur - (store.dur[c.sv] as number);
          if (net < -EPS_MS) cts.serverLongerThanClient++;
          else e.network.push(Math.max(0, net));
        }
      }
      e.attempts += h - g;
      e.retries += retries;
      e.calls += h - g - retries;
      g = h;
    }
  }
}

/**
 * A service whose every request is the root of its trace, that does no work of its own (self
 * time under a microsecond) and only calls others, is where traffic starts (a load generator, a
 * simulated client): it becomes the client itself instead of a service with a client made up.
 */
function trafficSources(
  services: Map<string, ServiceStats>,
  edges: Map<string, EdgeStats>,
  arrivals: Inference['arrivals'],
): void {
  for (const s of [...services.values()]) {
    if (s.role !== 'service' || s.rootRequests !== s.requests || s.self.size === 0) continue;
    const self = s.self.sorted();
    if ((self[self.length - 1] as number) >= EPS_MS) continue;
    const made = clientOf(s.name);
    const key = `${made}\u0000${s.name}`;
    if (!edges.has(key) || ![...edges.values()].some((e) => e.from === s.name)) continue;
    edges.delete(key);
    services.delete(made);
    const a = arrivals.get(made);
    arrivals.delete(made);
    if (a) arrivals.set(s.name, a);
    s.role = 'client';
  }
}
