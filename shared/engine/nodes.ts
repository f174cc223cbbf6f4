// What each kind of node does with a request that reaches it.
//  service/pod  a ready pod (round robin, random or least connection); a free slot or its bounded
//               FIFO queue (full → queue_full); service time; errorRate → internal; then its steps.
//               The slot is held until the visit answers (thread per request), so slow calls
//               downstream fill the pod.
//  gateway      at most `concurrency` in flight (more → overloaded); overheadMs; authFailureRate →
//               unauthorized (nothing behind it is called); its rate limit (over it → rate_limited;
//               a leaky bucket holds the request until it leaks out at 1/r s); then its routes
//               (spread evenly over them, round robin) or, without routes, its steps.
//  database     writes (writeRatio) go to the primary, reads round robin over primary and replicas;
//               each has a pool of poolSize connections; waiting longer than poolTimeoutMs →
//               pool_timeout. The connection is held for the query only.
//  cache        hitLatency; a hit answers, a miss performs the cache's steps.
//  queue        publishLatency, then the message joins every subscription's backlog (capacity →
//               queue_full) and the publisher is acked; consumers pull with their free slots.
//  external     latency, errorRate → upstream_error, then its steps.
import {
  CONNECTION_REFUSED,
  INTERNAL,
  OVERLOADED,
  POOL_TIMEOUT,
  QUEUE_FULL,
  RATE_LIMITED,
  UNAUTHORIZED,
  UNAVAILABLE,
  UPSTREAM_ERROR,
} from './causes';
import type { Pod, Pool, RNode } from './graph';
import {
  K_CACHE,
  K_CLIENT,
  K_DATABASE,
  K_EXTERNAL,
  K_GATEWAY,
  K_POD,
  K_QUEUE,
  K_SERVICE,
  LB_LEAST,
  LB_RANDOM,
} from './graph';
import { sample } from './distribution';
import { finish, nextStep } from './flow';
import { dispatch, releaseConnection, startQuery, startWork } from './capacity';
import type { Req } from './request';
import type { World } from './world';
import { EV_LEAVE_BUCKET, EV_POOL_TIMER, EV_WORK_DONE } from './world';
import { BudgetError } from './api';

export function arriveAt(w: World, r: Req): void {
  // One small function a kind, so the optimiser can inline the one a call site sees.
  switch ((r.node as RNode).kind) {
    case K_SERVICE:
    case K_POD:
      return arriveAtPod(w, r);
    case K_GATEWAY:
      return arriveAtGateway(w, r);
    case K_DATABASE:
      return arriveAtDatabase(w, r);
    case K_CACHE:
      return arriveAtCache(w, r);
    case K_QUEUE:
    case K_EXTERNAL:
      return arriveAtLatency(w, r);
    case K_CLIENT:
      return finish(w, r, UNAVAILABLE);
  }
}

function arriveAtPod(w: World, r: Req): void {
  const node = r.node as RNode;
  const k = w.k;
  // A caller with its own balancer (gateway/balancer.ts) picks the pod; else kube-proxy.
  const lb = r.edge === null ? null : r.edge.lb;
  const pod =
    lb !== null ? lb.pick(w, r) : node.proxy === null ? pickPod(node) : node.proxy.pick(r);
  if (pod === null) return finish(w, r, UNAVAILABLE);
  // An endpoint kube-proxy still lists, where nothing listens (yet or any more).
  if (pod.refusing || k.now < pod.acceptFromMs) return finish(w, r, CONNECTION_REFUSED);
  if (pod.busy < pod.slots) return startWork(w, r, pod);
  if (pod.queue.length >= node.queueCapacity) return finish(w, r, QUEUE_FULL);
  node.stats.level(k.now);
  node.stats.queued++;
  if (node.stats.queued > node.stats.maxQueued) node.stats.maxQueued = node.stats.queued;
  r.queuedMs = k.now;
  pod.queue.push(r);
  if (pod.cpu !== null) pod.cpu.memoryCheck();
}

function arriveAtGateway(w: World, r: Req): void {
  const node = r.node as RNode;
  const k = w.k;
  const stats = node.stats;
  if (stats.busy >= node.concurrency) return finish(w, r, OVERLOADED);
  stats.level(k.now);
  stats.busy++;
  r.slot = true;
  k.atLane(node.workLane, k.now + node.overheadMs + node.extraMs, EV_WORK_DONE, r, r.gen);
}

function arriveAtDatabase(w: World, r: Req): void {
  const node = r.node as RNode;
  const k = w.k;
  const write = node.writeRatio > 0 && node.rng.next() < node.writeRatio;
  r.write = write;
  const pools = node.pools;
  const pool =
    write || pools.length === 1 ? (pools[0] as Pool) : (pools[node.rr++ % pools.length] as Pool);
  if (pool.down) return finish(w, r, UNAVAILABLE);
  if (pool.busy < pool.size) return startQuery(w, r, pool);
  if (pool.timeoutMs <= 0) return finish(w, r, POOL_TIMEOUT);
  node.stats.level(k.now);
  node.stats.queued++;
  if (node.stats.queued > node.stats.maxQueued) node.stats.maxQueued = node.stats.queued;
  r.queuedMs = k.now;
  pool.waiters.push(r);
  if (!pool.timerPending) {
    pool.timerPending = true;
    k.at(k.now + pool.timeoutMs, EV_POOL_TIMER, pool, 0);
  }
}

function arriveAtCache(w: World, r: Req): void {
  const node = r.node as RNode;
  const u = node.rng.next();
  r.hit = u < node.hitRatio;
  if (node.warmup !== null) node.warmup.lookup(node, u);
  const ms = sample(node.latency, node.rng) * node.slowFactor;
  w.k.at(w.k.now + ms + node.extraMs, EV_WORK_DONE, r, r.gen);
}

/** A queue's publish or an external API's call: its latency, then workDone. */
function arriveAtLatency(w: World, r: Req): void {
  const node = r.node as RNode;
  const ms = sample(node.latency, node.rng) * node.slowFactor;
  w.k.at(w.k.now + ms + node.extraMs, EV_WORK_DONE, r, r.gen);
}

/** EV_WORK_DONE: the node's own work for this visit is over. */
export function workDone(w: World, r: Req): void {
  switch ((r.node as RNode).kind) {
    case K_SERVICE:
    case K_POD:
    case K_EXTERNAL:
      return podWorkDone(w, r);
    case K_GATEWAY:
      return gatewayWorkDone(w, r);
    case K_DATABASE:
      return queryDone(w, r);
    case K_CACHE:
      if (r.hit) return finish(w, r, 0);
      r.step = 0;
      return nextStep(w, r);
    case K_QUEUE:
      return publish(w, r);
  }
}

function podWorkDone(w: World, r: Req): void {
  const node = r.node as RNode;
  // A pod's own error rate (a rolled-out version's bug) adds to the node's.
  const rate = r.pod === null ? node.errorRate : node.errorRate + r.pod.errorRate;
  if (rate > 0 && node.rng.next() < rate)
    return finish(w, r, node.kind === K_EXTERNAL ? UPSTREAM_ERROR : INTERNAL);
  r.step = 0;
  nextStep(w, r);
}

function gatewayWorkDone(w: World, r: Req): void {
  const node = r.node as RNode;
  if (node.authFailureRate > 0 && node.rng.next() < node.authFailureRate)
    return finish(w, r, UNAUTHORIZED);
  r.step = 0;
  if (node.routes.length > 0)
    r.route =
      node.routePick !== null
        ? node.routePick()
        : (node.routes[node.rr++ % node.routes.length] ?? null);
  if (node.gw !== null) {
    const at = node.gw.admit(w, r);
    if (at < 0) return finish(w, r, RATE_LIMITED);
    // A leaky bucket queues it: it goes on when the bucket lets it out.
    if (at > w.k.now) {
      w.k.at(at, EV_LEAVE_BUCKET, r, r.gen);
      return;
    }
  }
  nextStep(w, r);
}

function queryDone(w: World, r: Req): void {
  const pool = r.pool as Pool;
  r.pool = null;
  releaseConnection(w, pool);
  r.step = 0;
  nextStep(w, r);
}

function pickPod(node: RNode): Pod | null {
  const ready = node.ready;
  const n = ready.length;
  if (n === 0) return null;
  if (n === 1) return ready[0] as Pod;
  if (node.lb === LB_RANDOM) return ready[node.rng.int(n)] as Pod;
  const start = node.rr++ % n;
  if (node.rr >= n) node.rr = 0;
  if (node.lb !== LB_LEAST) return ready[start] as Pod;
  let best = ready[start] as Pod;
  let load = best.busy + best.queue.length;
  for (let i = 1; i < n; i++) {
    const p = ready[(start + i) % n] as Pod;
    const l = p.busy + p.queue.length;
    if (l < load) {
      best = p;
      load = l;
    }
  }
  return best;
}

/** EV_POOL_TIMER: fail the waiters whose wait passed poolTimeoutMs; re-arm for the next one. */
export function poolTimer(w: World, pool: Pool): void {
  pool.timerPending = false;
  const now = w.k.now;
  const waiters = pool.waiters;
  const stats = pool.node.stats;
  while (waiters.length > 0 && waiters.peek().queuedMs + pool.timeoutMs <= now) {
    const r = waiters.shift();
    stats.level(now);
    stats.queued--;
    finish(w, r, POOL_TIMEOUT);
  }
  if (waiters.length > 0) {
    pool.timerPending = true;
    w.k.at(waiters.peek().queuedMs + pool.timeoutMs, EV_POOL_TIMER, pool, 0);
  }
}

function publish(w: World, r: Req): void {
  const node = r.node as RNode;
  const now = w.k.now;
  const subs = node.subs;
  for (const sub of subs) if (sub.backlog.length >= node.capacity) return finish(w, r, QUEUE_FULL);
  if (subs.length === 0 && node.stats.queued >= node.capacity) return finish(w, r, QUEUE_FULL);
  node.stats.level(now);
  node.stats.queued += Math.max(1, subs.length);
  if (node.stats.queued > node.stats.maxQueued) node.stats.maxQueued = node.stats.queued;
  w.messages += subs.length;
  if (w.messages > w.budget.maxMessages) {
    throw new BudgetError(
      `Memory budget exceeded at t=${(now / 1000).toFixed(1)} s: more than ` +
        `${w.budget.maxMessages.toLocaleString('en-US')} messages waiting in queues ("${node.id}" ` +
        `holds ${node.stats.queued}). Consumers are too slow or down; lower the queue's capacity.`,
    );
  }
  for (const sub of subs) {
    sub.backlog.push(now);
    if (sub.backlog.length > sub.maxBacklog) sub.maxBacklog = sub.backlog.length;
  }
  finish(w, r, 0);
  for (const sub of subs) dispatch(w, sub);
}
