// Network faults and the API other modules read them through (the transaction net, gateways).
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
import type { ActionCheck, ActionDef } from '../actionTable';
import { CONNECTION_RESET, INJECTED_ERROR, TIMEOUT, UNAVAILABLE } from '../causes';
import { sample } from '../distribution';
import { answer, deliver, failedAttempt } from '../flow';
import type { Action, REdge, RNode } from '../graph';
import type { Req } from '../request';
import type { Timer } from '../timer';
import type { World } from '../world';
import { EV_ACTION_END, EV_DELIVER, EV_RESPONSE, EV_TIMER } from '../world';
import { distribution, forOf, num, strings } from './params';
import type { EdgeFault, NetFault } from './state';
import { crosses, faultState, faultStateIfAny, inboundEdges } from './state';
import { zonesOf } from './zones';

/** Linux TCP: connect gives up after 6 SYN retries (1 + 2 + … + 64 s). */
export const CONNECT_GIVE_UP_MS = 127_000;
const RTO_MAX_MS = 120_000;
const MAX_RETRANSMITS = 15;

// ---- The API for other modules (the transaction net, gateways): the state at the current time.

/** Whether a message from node `from` to node `to` crosses an active partition now. */
export function isPartitioned(w: World, from: string, to: string): boolean {
  const s = faultStateIfAny(w);
  if (!s) return false;
  for (const f of s.net) {
    if (f.kind !== 'partition') continue;
    if (f.sides !== null && crosses(f.sides, from, to)) return true;
    for (const e of f.edges) if (e.from.id === from && e.to.id === to) return true;
  }
  return false;
}

/** Share (0–1) of transmissions lost on an edge now. */
export function lossRate(edge: REdge): number {
  return edge.fault === null ? 0 : edge.fault.loss;
}

/** Added latency (ms) of one message over an edge now: the fixed part plus a fresh sample. */
export function extraLatencyMs(edge: REdge): number {
  const ef = edge.fault;
  return ef === null ? 0 : legExtra(ef);
}

// ---- Data-plane hooks (flow.ts calls these when `edge.fault !== null`).

/** The request leg of attempt `c` over `e` (its timeout is already armed). */
export function faultedSend(w: World, c: Req, e: REdge, baseMs: number): void {
  const ef = e.fault as EdgeFault;
  const r = c.parent as Req;
  if (ef.cutReject) return refuse(w, c, UNAVAILABLE);
  if (ef.abort > 0 && ef.rng.next() < ef.abort) return refuse(w, c, INJECTED_ERROR);
  if (ef.cutDrop) return lose(w, r, c, e, CONNECT_GIVE_UP_MS, TIMEOUT);
  let extra = legExtra(ef);
  if (ef.loss > 0) {
    const rto = retransmitDelay(ef);
    if (rto < 0) return lose(w, r, c, e, -rto, CONNECTION_RESET);
    extra += rto;
  }
  const at = w.k.now + baseMs + extra;
  if (extra === 0 && baseMs > 0) w.k.atLane(e.deliverLane, at, EV_DELIVER, c, c.gen);
  else if (at > w.k.now) w.k.at(at, EV_DELIVER, c, c.gen);
  else deliver(w, c);
}

/** The answer leg of visit `r` back over `e` (r.cause is set). */
export function faultedAnswer(w: World, r: Req, e: REdge, baseMs: number): void {
  const ef = e.fault as EdgeFault;
  const p = r.parent as Req;
  if (ef.cutReject) r.cause = CONNECTION_RESET;
  else if (ef.cutDrop) return loseAnswer(w, p, r, e, CONNECT_GIVE_UP_MS, TIMEOUT);
  let extra = 0;
  if (ef.loss > 0) {
    const rto = retransmitDelay(ef);
    if (rto < 0) return loseAnswer(w, p, r, e, -rto, CONNECTION_RESET);
    extra = rto;
  }
  const at = w.k.now + baseMs + extra;
  if (extra === 0 && baseMs > 0) w.k.atLane(e.responseLane, at, EV_RESPONSE, r, r.gen);
  else if (at > w.k.now) w.k.at(at, EV_RESPONSE, r, r.gen);
  else answer(w, r);
}

function legExtra(ef: EdgeFault): number {
  let ms = ef.fixedMs;
  for (const s of ef.samplers) ms += sample(s, ef.rng);
  return ms;
}

/** TCP retransmissions of one segment: the added delay, or −(time to give up) when it never gets through. */
function retransmitDelay(ef: EdgeFault): number {
  let delay = 0;
  let rto = ef.rtoMs;
  for (let k = 0; ef.rng.next() < ef.loss; k++) {
    if (k === MAX_RETRANSMITS) return -delay;
    delay += rto;
    rto = Math.min(RTO_MAX_MS, rto * 2);
  }
  return delay;
}

/** The attempt fails at once with `cause` (nothing crosses the wire). */
function refuse(w: World, c: Req, cause: number): void {
  c.cause = cause;
  c.startMs = w.k.now;
  answer(w, c);
}

/** The request never arrives: the caller waits for its timeout, or gives up after `giveUpMs`. */
function lose(w: World, r: Req, c: Req, e: REdge, giveUpMs: number, cause: number): void {
  r.child = faultState(w).lost;
  w.reqs.release(c);
  if (e.timeoutMs <= 0) w.k.at(w.k.now + giveUpMs, EV_TIMER, new GiveUp(r, r.token, e, cause), 0);
}

function loseAnswer(w: World, p: Req, r: Req, e: REdge, giveUpMs: number, cause: number): void {
  p.child = faultState(w).lost;
  r.parent = null;
  e.stats.wasted++;
  w.reqs.release(r);
  if (e.timeoutMs <= 0) w.k.at(w.k.now + giveUpMs, EV_TIMER, new GiveUp(p, p.token, e, cause), 0);
}

/** A caller with no timeout stops waiting for a lost message when TCP gives up. */
class GiveUp implements Timer {
  constructor(
    readonly r: Req,
    readonly token: number,
    readonly e: REdge,
    readonly cause: number,
  ) {}
  fire(w: World): void {
    const r = this.r;
    if (r.token !== this.token || r.child !== faultState(w).lost) return;
    r.child = null;
    r.token = 0;
    failedAttempt(w, r, this.e, this.cause);
  }
}

// ---- The actions.

const RUNNING = new WeakMap<Action, NetFault>();

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
  const zones = zonesOf(c.lookup.byId);
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

function netAction(
  name: string,
  allowNode: boolean,
  read: (c: ActionCheck, f: NetFault) => string,
): ActionDef {
  return {
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
      return { data: { scope, f, what } };
    },
    apply(w, a, source) {
      const { scope, f, what } = a.data as { scope: Scope; f: NetFault; what: string };
      const running: NetFault = {
        ...f,
        sides: scope.sides,
        edges: scope.edge
          ? new Set([scope.edge])
          : scope.node
            ? inboundEdges(w, scope.node)
            : new Set(),
      };
      RUNNING.set(a, running);
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
      return true;
    },
    end(w, a) {
      const running = RUNNING.get(a);
      if (!running) return;
      RUNNING.delete(a);
      faultState(w).removeNet(running);
      const { scope, what } = a.data as { scope: Scope; what: string };
      w.log.add(w.k.now, 'Normal', 'FaultCleared', scope.text, `${what} on ${scope.text} ended`, {
        fault: name,
      });
    },
  };
}

function paramsOf(a: Action): Record<string, unknown> {
  const { f } = a.data as { f: NetFault };
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
