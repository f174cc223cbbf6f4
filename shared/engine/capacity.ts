// What a visit holds while a node serves it, taken and given back: a pod's slot (and its FIFO
// queue behind it), a database connection (and its waiters), a gateway's slot, and the messages
// a queue hands to its consumers' free slots. Starting work only schedules its end (EV_WORK_DONE);
// nothing here ends a visit, so the request flow (flow.ts) can free what a visit holds without
// importing the node behaviours (nodes.ts).
import type { Pod, Pool, RNode, Subscription } from './graph';
import { sample } from './distribution';
import { removePod } from './pods';
import type { Req } from './request';
import type { World } from './world';
import { EV_WORK_DONE } from './world';
import { PodCpu } from './cpu/ps';

export function startWork(w: World, r: Req, pod: Pod): void {
  const node = pod.node;
  const k = w.k;
  const stats = node.stats;
  stats.level(k.now);
  stats.busy++;
  if (r.counted) {
    stats.queueWaitSum += k.now - r.startMs;
    stats.queueWaitCount++;
  }
  pod.busy++;
  r.pod = pod;
  const head = pod.active;
  r.podNext = head;
  r.podPrev = null;
  if (head !== null) head.podPrev = r;
  pod.active = r;
  if (r.trace !== null) r.where = pod.name;
  // A hung process takes the request and never answers.
  if (k.now >= pod.stallFromMs) return;
  let extra = node.extraMs + pod.extraMs;
  if (pod.leakMsPerS > 0) extra += (pod.leakMsPerS * (k.now - pod.startedMs)) / 1000;
  if (node.cpu !== null) {
    const cpu = pod.cpu ?? (pod.cpu = new PodCpu(w, pod, node.cpu));
    cpu.start(r, extra);
    return cpu.memoryCheck();
  }
  k.at(
    k.now + sample(node.serviceTime, node.rng) * node.slowFactor + extra,
    EV_WORK_DONE,
    r,
    r.gen,
  );
}

/** Free the slot, pod connection or gateway slot a finishing visit holds. */
export function releaseHeld(w: World, r: Req): void {
  const pod = r.pod;
  if (pod !== null) {
    r.pod = null;
    const prev = r.podPrev;
    const next = r.podNext;
    if (prev !== null) prev.podNext = next;
    else pod.active = next;
    if (next !== null) next.podPrev = prev;
    r.podPrev = r.podNext = null;
    if (r.cpu !== null) (pod.cpu as PodCpu).released(r);
    pod.busy--;
    const stats = pod.node.stats;
    stats.level(w.k.now);
    stats.busy--;
    if (pod.alive) podFreed(w, pod);
    return;
  }
  if (r.slot) {
    r.slot = false;
    const stats = (r.node as RNode).stats;
    stats.level(w.k.now);
    stats.busy--;
  } else if (r.pool !== null) {
    const pool = r.pool;
    r.pool = null;
    releaseConnection(w, pool);
  }
}

/** A slot came free: serve the pod's queue first, then pull a message it consumes. */
function podFreed(w: World, pod: Pod): void {
  const node = pod.node;
  if (pod.queue.length > 0) {
    const next = pod.queue.shift();
    const stats = node.stats;
    stats.level(w.k.now);
    stats.queued--;
    return startWork(w, next, pod);
  }
  if (node.subs.length > 0 && pod.ready && node.failed === 0) {
    const subs = node.subs;
    for (let i = 0; i < subs.length; i++) {
      const sub = subs[(node.subRr + i) % subs.length] as Subscription;
      if (sub.backlog.length > 0) {
        node.subRr = (node.subRr + i + 1) % subs.length;
        return startMessage(w, sub, pod);
      }
    }
  }
  if (pod.terminating && pod.busy === 0) {
    if (pod.rt !== null) return pod.rt.drained();
    pod.alive = false;
    removePod(pod);
  }
}

export function startQuery(w: World, r: Req, pool: Pool): void {
  const node = pool.node;
  const k = w.k;
  pool.busy++;
  const stats = node.stats;
  stats.level(k.now);
  stats.busy++;
  if (r.counted) {
    stats.queueWaitSum += k.now - r.startMs;
    stats.queueWaitCount++;
  }
  r.pool = pool;
  const latency =
    sample(r.write ? node.writeLatency : node.readLatency, node.rng) * node.slowFactor;
  k.at(k.now + latency + node.extraMs, EV_WORK_DONE, r, r.gen);
}

export function releaseConnection(w: World, pool: Pool): void {
  const stats = pool.node.stats;
  pool.busy--;
  stats.level(w.k.now);
  stats.busy--;
  if (pool.waiters.length === 0) return;
  const next = pool.waiters.shift();
  stats.queued--;
  startQuery(w, next, pool);
}

/** Hand waiting messages to consumer pods with a free slot and nothing queued. */
export function dispatch(w: World, sub: Subscription): void {
  if (sub.consumer.failed > 0) return;
  const pods = sub.consumer.ready;
  for (let i = 0; i < pods.length && sub.backlog.length > 0; i++) {
    const pod = pods[i] as Pod;
    if (pod.refusing) continue;
    while (pod.busy < pod.slots && pod.queue.length === 0 && sub.backlog.length > 0)
      startMessage(w, sub, pod);
  }
}

function startMessage(w: World, sub: Subscription, pod: Pod): void {
  const now = w.k.now;
  const queue = sub.queue;
  const enqueued = sub.backlog.shift();
  w.messages--;
  queue.stats.level(now);
  queue.stats.queued--;
  sub.delivered++;
  sub.waitSum += now - enqueued;
  const r = w.reqs.alloc(now);
  r.node = pod.node;
  r.sub = sub;
  r.edge = sub.edge;
  r.hops = 1;
  r.startMs = now;
  r.sentMs = now;
  r.counted = now >= w.g.warmupMs;
  pod.node.stats.secArrivals++;
  startWork(w, r, pod);
}
