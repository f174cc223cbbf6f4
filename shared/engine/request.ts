// A request visiting one node (one attempt of one call). Pooled: the simulation reuses them, and
// `gen` changes on every release so a stale event can tell its request has moved on.
import { BudgetError } from './api';
import type { Pod, Pool, REdge, RNode, Subscription } from './graph';
import type { Trace } from './traces';
import type { Job } from './cpu/job';

export class Req {
  gen = 0;
  node: RNode | null = null;
  /** The caller's visit; null for a client's own request, a queue message, or an abandoned one. */
  parent: Req | null = null;
  /** The edge this visit came over (null for a client's own request). */
  edge: REdge | null = null;
  hops = 0;
  /** Arrival at this node (ms). */
  startMs = 0;
  /** When the caller sent this attempt (ms). */
  sentMs = 0;
  queuedMs = 0;
  counted = false;
  cause = 0;
  // resources held
  pod: Pod | null = null;
  podPrev: Req | null = null;
  podNext: Req | null = null;
  pool: Pool | null = null;
  slot = false;
  /** Its CPU work in the pod (cpu/ps.ts), or an event loop it holds; null otherwise. */
  cpu: Job | null = null;
  // this visit's own calls
  step = 0;
  callEdge: REdge | null = null;
  route: REdge | null = null;
  attempt = 0;
  child: Req | null = null;
  token = 0;
  // kind specifics
  write = false;
  hit = false;
  /** This visit's last call to a cache was a hit (cache-aside: skip its onCacheMiss calls). */
  cacheHit = false;
  sub: Subscription | null = null;
  // tracing
  trace: Trace | null = null;
  spanId = 0;
  where = '';
  /** The pod a caller's balancer chose for this attempt (gateway/balancer.ts). */
  picked: Pod | null = null;
}

/** Requests allocated between two calls of the pool's audit (the run's memory budget check). */
const AUDIT_EVERY = 16_384;

export class ReqPool {
  private free: Req[] = [];
  live = 0;
  private allocs = 0;
  constructor(
    private readonly maxLive: number,
    private readonly audit: (nowMs: number) => void = () => {},
  ) {}

  alloc(nowMs: number): Req {
    if (++this.allocs === AUDIT_EVERY) {
      this.allocs = 0;
      this.audit(nowMs);
    }
    if (++this.live > this.maxLive) {
      throw new BudgetError(
        `Memory budget exceeded at t=${(nowMs / 1000).toFixed(1)} s: more than ` +
          `${this.maxLive.toLocaleString('en-US')} requests in flight. A queue is growing without ` +
          `bound: lower the load, add capacity, or lower queueCapacity / timeouts.`,
      );
    }
    return this.free.pop() ?? new Req();
  }

  release(r: Req): void {
    this.live--;
    r.gen++;
    r.node = null;
    r.parent = null;
    r.edge = null;
    r.pod = null;
    r.podPrev = null;
    r.podNext = null;
    r.pool = null;
    r.slot = false;
    r.cpu = null;
    r.callEdge = null;
    r.route = null;
    r.child = null;
    r.token = 0;
    r.sub = null;
    r.trace = null;
    r.cause = 0;
    r.cacheHit = false;
    r.picked = null;
    this.free.push(r);
  }
}
