// Network faults, and isPartitioned for the transaction net. What they do to an edge's traffic is
// the edge's fault hook (edge.ts).
//
//  partition    calls crossing the cut fail: `mode: "drop"` (default; packets dropped, as Chaos Mesh
//               and iptables DROP do) leaves the caller waiting for its edge timeout (an edge with no
//               timeout gives up after Linux's TCP connect timeout, 127 s, with `timeout`);
//               `mode: "reject"` fails at once with `unavailable`. Targets: an edge (that link), a
//               zone (the zone against everything else), `params.zones: [a, b]` (zone against zone)
//               or `params.a / params.b` (two sets of node ids). Calls not crossing it are untouched.
//               An answer on its way back when the cut starts is dropped the same way.
//  packet-loss  each transmission of a request or an answer over the edge (or between two zones) is
//               lost with `percent` %. TCP retransmits it after its RTO (`rtoMs`, 200 ms = Linux's
//               minimum, doubling, at most 120 s), so a loss shows as added delay, and as a timeout
//               when the delay passes the edge's timeout; after 15 losses in a row (tcp_retries2)
//               the connection is dropped: connection_reset.
//  latency      adds `ms` (fixed) and/or a sample of `distribution` to each call's request leg on an
//               edge, or on every edge into a node: a call's round trip grows by exactly that.
//  abort        the caller's proxy answers `percent` % of calls at once with HTTP `status` (Istio
//               fault abort): cause injected_error, retried as a 5xx by the edge's retries.
import { defineAction, type ActionCheck, type ActionDef } from '../actionRegistry';
import type { Action, REdge, RNode } from '../graph';
import type { World } from '../world';
import { EV_ACTION_END } from '../world';
import { RTO_MAX_MS } from './edge';
import { distribution, forOf, num, strings } from './params';
import type { NetFault } from './state';
import { crosses, faultState, inboundEdges } from './state';

/** Whether a message from node `from` to node `to` crosses an active partition now. */
export function isPartitioned(w: World, from: string, to: string): boolean {
  const s = w.faults;
  if (s === null) return false;
  for (const f of s.net) {
    if (f.kind !== 'partition') continue;
    if (f.sides !== null && crosses(f.sides, from, to)) return true;
    for (const e of f.edges) if (e.from.id === from && e.to.id === to) return true;
  }
  return false;
}

// ---- The actions.

function blank(kind: NetFault['kind']): NetFault {
  return {
    kind,
    sides: null,
    edges: new Set(),
    reject: false,
    loss: 0,
    rtoMs: 200,
    fixedMs: 0,
    sampler: null,
    abort: 0,
    status: 503,
  };
}

interface Scope {
  sides: [ReadonlySet<string>, ReadonlySet<string>] | null;
  /** Edges named directly, or a node's inbound edges (resolved when applied). */
  edge: REdge | null;
  node: RNode | null;
  text: string;
}

/** Where a network fault applies: an edge, a node, a zone, two zones, or two sets of nodes. */
function scopeOf(c: ActionCheck, allowNode: boolean): Scope | null {
  const { entry, node, edge } = c;
  const zones = c.lookup.zones;
  const zonePair = strings(c, 'zones');
  const a = strings(c, 'a');
  const b = strings(c, 'b');
  const ids = (list: string[], key: string): Set<string> => {
    for (const id of list)
      if (!c.lookup.byId.has(id)) c.bad(`unknown node "${id}"`, `params.${key}`);
    return new Set(list);
  };
  const members = (zone: string): Set<string> =>
    new Set((zones.members.get(zone) ?? []).map((n) => n.id));
  if (zonePair !== null) {
    if (zonePair.length !== 2 || zonePair[0] === zonePair[1])
      c.bad('zones must name two different zones', 'params.zones');
    for (const z of zonePair)
      if (!zones.members.has(z)) c.bad(`unknown zone "${z}"`, 'params.zones');
    const [za = '', zb = ''] = zonePair;
    return { sides: [members(za), members(zb)], edge: null, node: null, text: `${za} ↔ ${zb}` };
  }
  if (a !== null || b !== null) {
    if (a === null || b === null) {
      c.bad('give both sets of node ids, a and b', a === null ? 'params.a' : 'params.b');
      return null;
    }
    return {
      sides: [ids(a, 'a'), ids(b, 'b')],
      edge: null,
      node: null,
      text: `[${a.join(', ')}] ↔ [${b.join(', ')}]`,
    };
  }
  const target = entry.target;
  if (target === undefined) {
    c.bad(
      `${entry.action} needs a target (an edge${allowNode ? ', a node' : ''} or a zone) or params.zones`,
    );
    return null;
  }
  if (edge) return { sides: null, edge, node: null, text: edge.id };
  if (zones.members.has(target)) {
    const inside = members(target);
    const outside = new Set([...c.lookup.byId.keys()].filter((id) => !inside.has(id)));
    return { sides: [inside, outside], edge: null, node: null, text: `zone ${target}` };
  }
  if (node && allowNode) return { sides: null, edge: null, node, text: node.id };
  c.bad(`unknown ${allowNode ? 'edge, node' : 'edge'} or zone "${target}"`);
  return null;
}

/** A network fault's entry: where, what, and the fault while it runs (null when it does not). */
interface NetData {
  scope: Scope;
  f: NetFault;
  what: string;
  running: NetFault | null;
}

function netAction(
  name: string,
  allowNode: boolean,
  read: (c: ActionCheck, f: NetFault) => string,
): ActionDef {
  return defineAction<NetData>({
    name,
    compile(c) {
      const scope = scopeOf(c, allowNode);
      const f = blank(
        name === 'partition'
          ? 'partition'
          : name === 'packet-loss'
            ? 'loss'
            : name === 'latency'
              ? 'latency'
              : 'abort',
      );
      const what = read(c, f);
      return scope === null ? undefined : { data: { scope, f, what, running: null } };
    },
    apply(w, a, source) {
      const { scope, f, what } = a.data;
      const running: NetFault = {
        ...f,
        sides: scope.sides,
        edges: scope.edge
          ? new Set([scope.edge])
          : scope.node
            ? inboundEdges(w, scope.node)
            : new Set(),
      };
      a.data.running = running;
      faultState(w).addNet(running);
      w.log.add(
        w.k.now,
        'Warning',
        'FaultInjected',
        scope.text,
        `${what} on ${scope.text} ${forOf(a.forMs)}`,
        {
          ...source,
          fault: name,
          ...paramsOf(a),
        },
      );
      if (a.forMs !== Infinity) w.k.at(w.k.now + a.forMs, EV_ACTION_END, a, 0);
    },
    end(w, a) {
      const running = a.data.running;
      if (!running) return;
      a.data.running = null;
      faultState(w).removeNet(running);
      const { scope, what } = a.data;
      w.log.add(w.k.now, 'Normal', 'FaultCleared', scope.text, `${what} on ${scope.text} ended`, {
        fault: name,
      });
    },
  });
}

function paramsOf(a: Action<NetData>): Record<string, unknown> {
  const { f } = a.data;
  const out: Record<string, unknown> = {};
  if (f.kind === 'partition') out['mode'] = f.reject ? 'reject' : 'drop';
  if (f.kind === 'loss') Object.assign(out, { percent: f.loss * 100, rtoMs: f.rtoMs });
  if (f.kind === 'latency') out['ms'] = f.fixedMs;
  if (f.kind === 'abort') Object.assign(out, { percent: f.abort * 100, status: f.status });
  return out;
}

export const NETWORK_ACTIONS: readonly ActionDef[] = [
  netAction('partition', false, (c, f) => {
    const mode = c.entry.params['mode'] ?? 'drop';
    if (mode !== 'drop' && mode !== 'reject')
      c.bad('mode must be "drop" or "reject"', 'params.mode');
    f.reject = mode === 'reject';
    return `Network partition (${f.reject ? 'reject' : 'drop'})`;
  }),
  netAction('packet-loss', true, (c, f) => {
    f.loss = num(c, 'percent', 0, 100) / 100;
    f.rtoMs = num(c, 'rtoMs', 1, RTO_MAX_MS, 200);
    return `${f.loss * 100} % packet loss`;
  }),
  netAction('latency', true, (c, f) => {
    f.sampler = distribution(c, 'distribution');
    f.fixedMs = num(c, 'ms', 0, 3_600_000, f.sampler === null ? undefined : 0);
    return f.sampler === null ? `${f.fixedMs} ms of latency` : 'Latency from a distribution';
  }),
  netAction('abort', true, (c, f) => {
    f.abort = num(c, 'percent', 0, 100) / 100;
    f.status = num(c, 'status', 400, 599, 503);
    if (!Number.isInteger(f.status)) c.bad('status must be an HTTP status code', 'params.status');
    return `Abort ${f.abort * 100} % of calls with HTTP ${f.status}`;
  }),
];
