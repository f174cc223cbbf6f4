// The runtime graph that compile() builds: one object shape per concept, every field set in the
// constructor so the hot path stays monomorphic.
import type { Sampler } from './distribution';
import { NodeStats } from './metrics';
import { NumberRing, Ring, TripleRing } from './ring';
import type { Req } from './request';
import type { Rng } from './rng';
import type { Traffic } from './traffic';
import type { World } from './world';
import type { ZoneIndex } from './faults/zones';
import type { TxPlan } from './txrun/plan';
import { CAUSE_COUNT } from './causes';
import type { PodCpu } from './cpu/ps';
import type { NodeCpu } from './cpu/spec';

export const K_CLIENT = 0;
export const K_GATEWAY = 1;
export const K_SERVICE = 2;
export const K_POD = 3;
export const K_DATABASE = 4;
export const K_CACHE = 5;
export const K_QUEUE = 6;
export const K_EXTERNAL = 7;
export const KIND_NAMES = [
  'client',
  'gateway',
  'service',
  'pod',
  'database',
  'cache',
  'queue',
  'external',
] as const;

export const LB_ROUND_ROBIN = 0;
export const LB_RANDOM = 1;
export const LB_LEAST = 2;

const NO_SAMPLER: Sampler = { kind: 0, a: 0, b: 0 };

export class Pod {
  busy = 0;
  readonly queue = new Ring<Req>();
  ready = false;
  alive = true;
  terminating = false;
  /** Requests holding a slot here: an intrusive list through Req.podPrev/podNext. */
  active: Req | null = null;
  // Set by the Kubernetes runtime (k8s/): nothing listens (container down, SIGTERM, crash-on-
  // start), or listens from a time on (slow warm-up); requests stall from a time on (hang); added
  // latency (a version's bug, a leak growing with uptime); a version's added error rate.
  refusing = false;
  acceptFromMs = 0;
  stallFromMs = Infinity;
  extraMs = 0;
  leakMsPerS = 0;
  startedMs = 0;
  errorRate = 0;
  /** The Kubernetes runtime of a Deployment's pod: told when a terminating pod has drained. */
  rt: { drained(): void; oomKilled(): void } | null = null;
  /** Its threads, CPU, lock and memory (cpu/ps.ts) when the node has a runtime, made on first use. */
  cpu: PodCpu | null = null;
  constructor(
    readonly node: RNode,
    readonly name: string,
    readonly slots: number,
  ) {}
}

export class Pool {
  busy = 0;
  readonly waiters = new Ring<Req>();
  timerPending = false;
  /** The primary failed (db-failover): requests that reach it fail with unavailable. */
  down = false;
  constructor(
    readonly node: RNode,
    readonly size: number,
    readonly timeoutMs: number,
  ) {}
}

export class EdgeStats {
  attempts = 0;
  retries = 0;
  wasted = 0;
  readonly failures = new Float64Array(CAUSE_COUNT);
}

/** What the request flow calls instead of its own send and answer while an edge has a fault. */
export interface EdgeFaultHook {
  /** The request leg of attempt `c` (its timeout already armed); `baseMs` the edge's latency. */
  send(w: World, c: Req, baseMs: number): void;
  /** The answer leg of visit `r` back over the edge (r.cause is set). */
  answer(w: World, r: Req, baseMs: number): void;
}

export class REdge {
  extraMs = 0;
  /** Active network faults on this edge (faults/edge.ts), or null: the data plane's one check. */
  fault: EdgeFaultHook | null = null;
  timerPending = false;
  /** Pending timeouts in deadline order (constant timeout ⇒ FIFO): request, token, deadline. */
  /** Attempts over this edge waiting on its timeout: (caller's visit, token, deadline). */
  readonly timeouts = new TripleRing<Req>();
  readonly stats = new EdgeStats();
  /** Kernel lanes (see kernel.ts) for this edge's deliveries and answers: constant latency. */
  deliverLane = -1;
  responseLane = -1;
  /** Circuit breaker and gateway fallback of this call (gateway/guard.ts), or null. */
  guard: {
    permit(w: World): boolean;
    result(w: World, durationMs: number, failed: boolean): void;
    useFallback(): boolean;
  } | null = null;
  /** The caller's own pod choice and outlier detection (gateway/balancer.ts), or null. */
  lb: {
    pick(w: World, c: Req): Pod | null;
    answered(w: World, c: Req, cause: number): void;
  } | null = null;
  /** Cache-aside: skipped when the caller's last call to a cache was a hit (flow.ts nextStep). */
  onCacheMiss = false;
  /** A gateway's retry budget on this upstream call (gateway/retryBudget.ts), or null. */
  budget: { sent(r: Req): void; done(r: Req): void; mayRetry(r: Req): boolean } | null = null;
  constructor(
    readonly index: number,
    readonly id: string,
    readonly publish: boolean,
    readonly from: RNode,
    readonly to: RNode,
    /** One-way network latency (ms); set-latency changes it during a run. */
    public latencyMs: number,
    readonly timeoutMs: number,
    readonly retries: number,
    readonly backoffBaseMs: number,
    readonly backoffMaxMs: number,
    readonly jitter: boolean,
    /** Most times one request chain may take this edge (cycles); 0 = no limit. */
    readonly maxDepth: number,
  ) {}
}

/** A consumer service subscribed to a queue by a queue → service call edge. */
export class Subscription {
  readonly backlog = new NumberRing();
  delivered = 0;
  ok = 0;
  failed = 0;
  waitSum = 0;
  maxBacklog = 0;
  constructor(
    readonly queue: RNode,
    readonly edge: REdge,
    readonly consumer: RNode,
  ) {}
}

export class RNode {
  /** Outgoing call and publish edges, in document order: the steps of every request. */
  steps: REdge[] = [];
  /** Gateway routes (call edges to route targets); empty = perform `steps`. */
  routes: REdge[] = [];
  /** Gateway routes with weights (gateway/attach.ts): picks one; null = round robin. */
  routePick: (() => REdge) | null = null;
  /** Queue: its subscriptions. Service: the subscriptions it consumes. */
  subs: Subscription[] = [];
  subRr = 0;

  // workload (service, pod, gateway uses concurrency)
  concurrency = 1;
  queueCapacity = 0;
  serviceTime: Sampler = NO_SAMPLER;
  errorRate = 0;
  lb = LB_ROUND_ROBIN;
  replicas = 0;
  startupMs = 0;
  graceMs = 0;
  templateHash = '';
  /** A service's Deployment runtime (k8s/service.ts), or null. */
  k8s: object | null = null;
  /** kube-proxy's pick when proxyMode or session affinity is set (k8s/), else null. */
  proxy: { pick(r: Req): Pod | null } | null = null;
  pods: Pod[] = [];
  ready: Pod[] = [];
  rr = 0;
  // gateway
  overheadMs = 0;
  /**
   * Kernel lane (see kernel.ts): a gateway's constant overhead; a client's arrivals (each is
   * scheduled after the one before, so they come due in the order they are scheduled).
   */
  workLane = -1;
  authFailureRate = 0;
  /** Gateway admission: the rate limit (gateway/policy.ts), or null. */
  /** A gateway's rate limit: when an admitted request may go on (ms), or -1 when it is refused. */
  gw: { admit(w: World, r: Req): number; rejected(): number } | null = null;
  // database
  pools: Pool[] = [];
  writeRatio = 0;
  readLatency: Sampler = NO_SAMPLER;
  writeLatency: Sampler = NO_SAMPLER;
  // cache
  hitRatio = 0;
  // queue
  capacity = 0;
  // queue publish latency, cache hit latency, external latency
  latency: Sampler = NO_SAMPLER;
  // client
  traffic: Traffic | null = null;
  /** A client's pending arrival counts only if it carries this number (set-rps re-draws it). */
  arrivalGen = 0;
  // faults
  failed = 0;
  extraMs = 0;
  /** Own work × this (cpu-stress, dependency-slowdown); exactly 1 without such a fault. */
  slowFactor = 1;
  /** A flushed cache refilling (faults/cache.ts): told of every lookup's draw. */
  warmup: { lookup(node: RNode, u: number): void } | null = null;

  /** What runs inside its pods (cpu/spec.ts) when it has a runtime, else null. */
  cpu: NodeCpu | null = null;

  readonly stats = new NodeStats();

  constructor(
    readonly index: number,
    readonly id: string,
    readonly kind: number,
    readonly rng: Rng,
  ) {}
}

/** A timeline entry or live command, checked (engine/actions.ts) and ready to apply. */
export interface Action<D = unknown> {
  /** Index in the scenario's timeline, or -1 for a live command. */
  index: number;
  atMs: number;
  /** Its name in the action registry (actionRegistry.ts). */
  action: string;
  node: RNode | null;
  edge: REdge | null;
  /** A number the action's compile step read (kill-pod: pod index or -1; add-latency: ms …). */
  value: number;
  forMs: number;
  /** What the action's compile step made of the params, and the state it keeps while it runs. */
  data: D;
}

/** A fault of the scenario's timeline that has a duration (recovery SLOs, slo.ts). */
export interface FaultWindow {
  fromS: number;
  toS: number;
  label: string;
}

export interface SloSpec {
  name: string;
  metric: 'p50' | 'p95' | 'p99' | 'error-rate' | 'availability' | 'recovery';
  target: RNode | null;
  op: '<' | '<=' | '>' | '>=';
  value: number;
  /** Rolling window in whole seconds (sloWindow.ts); null = the whole run after warm-up. */
  windowS: number | null;
  /** recovery: the error rate (0…1) a recovered second stays at or under. */
  errorThreshold: number;
  /** recovery: the timeline's faults with a duration, and the first fault's start (any fault). */
  faults: FaultWindow[];
  firstFaultS: number | null;
}

export interface Graph {
  nodes: RNode[];
  edges: REdge[];
  byId: Map<string, RNode>;
  edgeById: Map<string, REdge>;
  /** The document's zones and the nodes in each (faults/zones.ts). */
  zones: ZoneIndex;
  scenario: string;
  seed: number;
  durationMs: number;
  warmupMs: number;
  actions: Action[];
  slos: SloSpec[];
  /** The transaction flows and faults (txrun/), or null when the document has none. */
  tx?: TxPlan | null;
}
