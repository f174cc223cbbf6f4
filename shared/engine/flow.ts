// How a request moves: a node's steps (outgoing call and publish edges, in order), each attempt
// over an edge (network latency each way, per-attempt timeout, retries with exponential backoff
// and full jitter), and the answer back to the caller with its cause.
//
// A timed-out attempt is abandoned, not cancelled: the callee finishes its work, which is counted
// as wasted on the edge. Timeouts on one edge share one kernel timer: with a constant timeout the
// deadlines are in issue order, so they sit in a FIFO and only its head is scheduled.
import {
  CIRCUIT_OPEN,
  HOP_LIMIT as HOP_LIMIT_CAUSE,
  OK,
  TIMEOUT,
  UNAVAILABLE,
  CAUSES,
  retryable,
} from './causes';
import { K_CACHE, type REdge, type RNode } from './graph';
import { releaseHeld } from './capacity';
import type { Req } from './request';
import type { Trace } from './traces';
import type { World } from './world';
import { EV_DELIVER, EV_EDGE_TIMEOUT, EV_RESPONSE, EV_RETRY, HOP_LIMIT } from './world';

/** A client's new request: the root of a chain. */
export function startRoot(w: World, client: RNode): void {
  const now = w.k.now;
  const r = w.reqs.alloc(now);
  r.node = client;
  r.startMs = now;
  r.counted = now >= w.g.warmupMs;
  r.hops = 0;
  r.step = 0;
  r.trace = w.traces.maybeStart(client.id, now);
  r.spanId = 0;
  r.where = '';
  client.stats.secArrivals++;
  w.e2e.inFlight++;
  nextStep(w, r);
}

/** Perform the visit's next step, or finish it ok when there is none left. */
export function nextStep(w: World, r: Req): void {
  const node = r.node as RNode;
  for (;;) {
    let e: REdge | undefined;
    if (r.route !== null) e = r.step === 0 ? r.route : undefined;
    else e = node.steps[r.step];
    if (e === undefined) return finish(w, r, OK);
    // A branch's call was decided when its parallel group started.
    if (!e.plain && r.joinToken === 0) {
      if (e.parallel && r.route === null) return startParallel(w, r);
      if (skipped(r, e)) {
        r.step++;
        continue;
      }
    }
    r.callEdge = e;
    r.attempt = 0;
    r.rep = 0;
    return sendAttempt(w, r, e);
  }
}

/** Whether visit `r` leaves out the call over `e`: depth limit, cache hit, or its probability. */
function skipped(r: Req, e: REdge): boolean {
  if (e.maxDepth > 0 && depthOf(r, e) >= e.maxDepth) return true;
  if (e.onCacheMiss && r.cacheHit) return true;
  return e.probability < 1 && (r.node as RNode).rng.next() >= e.probability;
}

function depthOf(r: Req, e: REdge): number {
  let n = 0;
  for (let at: Req | null = r; at !== null; at = at.parent) if (at.edge === e) n++;
  return n;
}

/**
 * Start the run of consecutive parallel edges at `r.step`: the calls each is to make are decided
 * in edge order (the same draws every run), then one branch per call starts at once, and `r`
 * waits for them all. A branch is a stand-in for `r` that makes one edge's calls (with their
 * attempts, retries and timeouts) and reports to the join: the first failure of a non-optional
 * call fails `r` at once (the other branches are abandoned, not cancelled).
 */
function startParallel(w: World, r: Req): void {
  const node = r.node as RNode;
  const steps = node.steps;
  const taken: REdge[] = [];
  let i = r.step;
  for (let e = steps[i]; e !== undefined && e.parallel; e = steps[++i])
    if (!skipped(r, e)) taken.push(e);
  r.step = i;
  if (taken.length === 0) return nextStep(w, r);
  const token = ++w.tokens;
  r.token = token;
  r.pending = taken.length;
  const now = w.k.now;
  for (const e of taken) {
    // A branch that failed at once may have finished the join already.
    if (r.token !== token) return;
    const b = w.reqs.alloc(now);
    b.node = node;
    b.parent = r;
    b.hops = r.hops;
    b.startMs = now;
    b.counted = r.counted;
    b.route = e;
    b.step = 0;
    b.joinToken = token;
    b.cacheHit = r.cacheHit;
    b.trace = r.trace;
    b.spanId = r.spanId;
    b.where = r.where;
    b.callEdge = e;
    b.attempt = 0;
    b.rep = 0;
    sendAttempt(w, b, e);
  }
}

/** A branch is over: count it at its join, which goes on when the last one is in. */
function branchDone(w: World, b: Req, cause: number): void {
  const j = b.parent as Req;
  const token = b.joinToken;
  if (b.child !== null) {
    b.child.parent = null;
    b.child = null;
  }
  w.reqs.release(b);
  // The join failed on another branch, or gave up, already.
  if (j.token !== token) return;
  if (cause !== OK) {
    j.token = 0;
    return finish(w, j, cause);
  }
  if (--j.pending === 0) {
    j.token = 0;
    nextStep(w, j);
  }
}

function sendAttempt(w: World, r: Req, e: REdge): void {
  const now = w.k.now;
  // A circuit breaker on the edge (gateway/guard.ts) may refuse the attempt.
  if (e.guard !== null && !e.guard.permit(w)) return failedAttempt(w, r, e, CIRCUIT_OPEN);
  const c = w.reqs.alloc(now);
  c.node = e.to;
  c.parent = r;
  c.edge = e;
  c.hops = r.hops + 1;
  c.sentMs = now;
  c.write = false;
  if (r.trace !== null) {
    c.trace = r.trace;
    c.callSpan = r.trace.nextSpan++;
    c.spanId = -1;
    c.where = '';
  }
  r.child = c;
  const token = ++w.tokens;
  r.token = token;
  e.stats.attempts++;
  if (r.attempt > 0) e.stats.retries++;
  if (e.budget !== null) e.budget.sent(r);
  if (e.timeoutMs > 0) {
    e.timeouts.push(r, token, now + e.timeoutMs);
    if (!e.timerPending) {
      e.timerPending = true;
      w.k.at(now + e.timeoutMs, EV_EDGE_TIMEOUT, e, 0);
    }
  }
  const latency = e.latencyMs + e.extraMs;
  if (e.fault !== null) return e.fault.send(w, c, latency);
  if (latency > 0) w.k.atLane(e.deliverLane, now + latency, EV_DELIVER, c, c.gen);
  else deliver(w, c);
}

/** The attempt reaches its node. */
export function deliver(w: World, c: Req): void {
  const node = c.node as RNode;
  const now = w.k.now;
  c.startMs = now;
  c.counted = now >= w.g.warmupMs;
  if (c.trace !== null) c.spanId = c.trace.nextSpan++;
  node.stats.secArrivals++;
  if (c.hops > HOP_LIMIT) return finish(w, c, HOP_LIMIT_CAUSE);
  if (node.failed > 0) return finish(w, c, UNAVAILABLE);
  w.arrive(w, c);
}

/** The visit ends (ok or with a cause): free what it holds, record it, answer the caller. */
export function finish(w: World, r: Req, cause: number): void {
  if (r.joinToken !== 0) return branchDone(w, r, cause);
  const now = w.k.now;
  const node = r.node as RNode;
  releaseHeld(w, r);
  if (r.child !== null) {
    r.child.parent = null;
    r.child = null;
  }
  r.token = 0;
  node.stats.done(now - r.startMs, cause, r.counted);
  if (r.trace !== null && r.spanId > 0) serverSpan(w, r, cause);
  if (r.sub !== null) {
    const sub = r.sub;
    if (cause === OK) sub.ok++;
    else sub.failed++;
    w.reqs.release(r);
    return;
  }
  const e = r.edge;
  if (e === null) return finishRoot(w, r, cause);
  if (r.parent === null) {
    e.stats.wasted++;
    w.reqs.release(r);
    return;
  }
  r.cause = cause;
  const latency = e.latencyMs + e.extraMs;
  if (e.fault !== null) return e.fault.answer(w, r, latency);
  if (latency > 0) w.k.atLane(e.responseLane, now + latency, EV_RESPONSE, r, r.gen);
  else answer(w, r);
}

function finishRoot(w: World, r: Req, cause: number): void {
  const e2e = w.e2e;
  e2e.inFlight--;
  if (r.counted) {
    e2e.requests++;
    if (cause === OK) e2e.ok++;
    else e2e.errors[cause] = (e2e.errors[cause] as number) + 1;
    e2e.latency.record(w.k.now - r.startMs);
  }
  if (r.trace !== null) w.traces.finish(r.trace, w.k.now, CAUSES[cause] as string);
  w.reqs.release(r);
}

/** The answer reaches the caller (or nobody, if the caller gave up). */
export function answer(w: World, c: Req): void {
  const p = c.parent;
  const e = c.edge as REdge;
  if (p === null || p.child !== c) {
    e.stats.wasted++;
    w.reqs.release(c);
    return;
  }
  const cause = c.cause;
  p.child = null;
  p.token = 0;
  if (e.guard !== null) e.guard.result(w, w.k.now - c.sentMs, cause !== OK);
  if (e.lb !== null) e.lb.answered(w, c, cause);
  if (c.trace !== null) span(w, p, c, cause);
  if (e.to.kind === K_CACHE) p.cacheHit = c.hit;
  w.reqs.release(c);
  if (cause === OK) {
    if (e.budget !== null) e.budget.done(p);
    // The same call again, one after another, with attempts counted afresh.
    if (e.calls > 1 && ++p.rep < e.calls) {
      p.attempt = 0;
      return sendAttempt(w, p, e);
    }
    p.step++;
    nextStep(w, p);
  } else failedAttempt(w, p, e, cause);
}

/** The client span of attempt `c` of caller `p`: sent → answered or given up. */
function span(w: World, p: Req, c: Req, cause: number): void {
  w.traces.add(c.trace as Trace, {
    id: c.callSpan,
    parentId: p.spanId,
    kind: 'client',
    node: (c.edge as REdge).to.id,
    edge: (c.edge as REdge).id,
    pod: p.where === '' ? null : p.where,
    attempt: p.attempt + 1,
    call: p.rep + 1,
    startMs: c.sentMs,
    endMs: w.k.now,
    status: CAUSES[cause] as string,
  });
}

/** The server span of visit `r`: its arrival at the node → its answer. */
function serverSpan(w: World, r: Req, cause: number): void {
  w.traces.add(r.trace as Trace, {
    id: r.spanId,
    parentId: r.callSpan,
    kind: 'server',
    node: (r.node as RNode).id,
    edge: (r.edge as REdge).id,
    pod: r.where === '' ? null : r.where,
    attempt: 0,
    call: 0,
    startMs: r.startMs,
    endMs: w.k.now,
    status: CAUSES[cause] as string,
  });
}

export function failedAttempt(w: World, p: Req, e: REdge, cause: number): void {
  e.stats.failures[cause] = (e.stats.failures[cause] as number) + 1;
  if (
    p.attempt >= e.retries ||
    !retryable(cause) ||
    // A gateway's retry budget may refuse the retry: the call fails with this attempt's cause.
    (e.budget !== null && !e.budget.mayRetry(p))
  ) {
    if (e.budget !== null) e.budget.done(p);
    // A gateway's fallback answers instead (a static or cached response).
    if (e.guard !== null && e.guard.useFallback()) return finish(w, p, OK);
    // An optional call's failure: the visit goes on without it (its other calls left out).
    if (e.optional) {
      p.step++;
      return nextStep(w, p);
    }
    return finish(w, p, cause);
  }
  p.attempt++;
  const ceiling = Math.min(e.backoffMaxMs, e.backoffBaseMs * 2 ** (p.attempt - 1));
  const delay = e.jitter ? (p.node as RNode).rng.next() * ceiling : ceiling;
  const token = ++w.tokens;
  p.token = token;
  w.k.at(w.k.now + delay, EV_RETRY, p, token);
}

/** EV_RETRY: the backoff is over; send the next attempt if the visit still waits for it. */
export function retry(w: World, p: Req, token: number): void {
  if (p.token !== token || p.callEdge === null) return;
  sendAttempt(w, p, p.callEdge);
}

/** EV_EDGE_TIMEOUT: give up on every attempt over this edge whose deadline has passed. */
export function edgeTimeouts(w: World, e: REdge): void {
  e.timerPending = false;
  const now = w.k.now;
  const q = e.timeouts;
  while (q.length > 0) {
    const r = q.peekItem();
    if (r.token === q.peekToken() && r.child !== null) {
      if (q.peekTime() > now) break;
      q.shift();
      const c = r.child;
      c.parent = null;
      r.child = null;
      r.token = 0;
      if (c.trace !== null) span(w, r, c, TIMEOUT);
      if (e.guard !== null) e.guard.result(w, e.timeoutMs, true);
      if (e.lb !== null) e.lb.answered(w, c, TIMEOUT);
      failedAttempt(w, r, e, TIMEOUT);
    } else q.shift();
  }
  if (q.length > 0) {
    e.timerPending = true;
    w.k.at(q.peekTime(), EV_EDGE_TIMEOUT, e, 0);
  }
}
