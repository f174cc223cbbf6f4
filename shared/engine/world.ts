// The state of one run that every behaviour module shares: kernel, graph, request pool,
// observers, the actions it applies, the state its faults and transactions keep, and the numeric
// event types the simulation dispatches on.
import type { ActionRegistry } from './actionRegistry';
import { checkBudget } from './budget';
import { CAUSE_COUNT } from './causes';
import { EventLog } from './events';
import type { Graph } from './graph';
import { K_CLIENT, K_GATEWAY } from './graph';
import { Histogram } from './histogram';
import type { FaultState } from './faults/state';
import { Kernel } from './kernel';
import type { Req } from './request';
import { ReqPool } from './request';
import { Rng } from './rng';
import { TraceRecorder } from './traces';
import type { TxRun } from './txrun/run';

export const EV_ARRIVAL = 1;
export const EV_DELIVER = 2;
export const EV_WORK_DONE = 3;
export const EV_RESPONSE = 4;
export const EV_EDGE_TIMEOUT = 5;
export const EV_RETRY = 6;
export const EV_POOL_TIMER = 7;
export const EV_TICK = 8;
export const EV_WARM = 9;
export const EV_ACTION = 10;
export const EV_ACTION_END = 11;
/** A request leaves a gateway's leaky bucket and goes on to its steps. */
export const EV_LEAVE_BUCKET = 14;
/** A control-plane timer (timer.ts): the object's fire(w, arg). */
export const EV_TIMER = 20;

/** A request can cross at most this many hops; deeper it fails with hop_limit. */
export const HOP_LIMIT = 64;

export interface Budget {
  /** Requests in flight (each a pooled object of a few hundred bytes). */
  maxInFlight: number;
  /** Messages waiting in queues. */
  maxMessages: number;
  /** Numbers kept in per-second series (all nodes). */
  maxSeriesPoints: number;
  maxEvents: number;
  /** Bytes the run may hold, as budget.ts estimates them. */
  maxBytes: number;
}

export class EndToEnd {
  requests = 0;
  ok = 0;
  readonly errors = new Float64Array(CAUSE_COUNT);
  readonly latency = new Histogram();
  inFlight = 0;
}

/** What the run is made of besides its graph: handed in by the simulation (sim.ts). */
export interface WorldParts {
  /** The action registry (engineActions.ts). */
  actions: ActionRegistry;
  /** A request reaching its node: the node behaviours (nodes.ts arriveAt). */
  arrive: (w: World, r: Req) => void;
}

export class World {
  readonly k: Kernel;
  readonly actions: ActionRegistry;
  readonly arrive: (w: World, r: Req) => void;
  /** The faults active in this run (faults/state.ts), made when the first one starts. */
  faults: FaultState | null = null;
  /** The document's transaction flows (txrun/), or null when it has none. */
  tx: TxRun | null = null;
  readonly reqs: ReqPool;
  readonly log: EventLog;
  readonly traces: TraceRecorder;
  readonly e2e = new EndToEnd();
  readonly timelineRng: Rng;
  readonly podNames = new Map<string, Rng>();
  tokens = 0;
  messages = 0;

  constructor(
    readonly g: Graph,
    readonly budget: Budget,
    traceEvery: number,
    maxTraces: number,
    parts: WorldParts,
  ) {
    this.actions = parts.actions;
    this.arrive = parts.arrive;
    const k = (this.k = new Kernel(budget.maxInFlight * 4));
    // Events a constant delay after now come due in the order they are scheduled: one kernel
    // lane per delay, shared by every edge and gateway with that delay (the lanes' heads are
    // kept in a heap of their own, so fewer lanes make each lane event cheaper).
    const lanes = new Map<number, number>();
    const laneFor = (delayMs: number): number => {
      let lane = lanes.get(delayMs);
      if (lane === undefined) lanes.set(delayMs, (lane = k.lane()));
      return lane;
    };
    for (const e of g.edges) e.deliverLane = e.responseLane = laneFor(e.latencyMs);
    for (const node of g.nodes) {
      if (node.kind === K_GATEWAY) node.workLane = laneFor(node.overheadMs);
      // A client's arrivals: each is scheduled after the one before, so they keep their order.
      else if (node.kind === K_CLIENT) node.workLane = k.lane();
    }
    this.reqs = new ReqPool(budget.maxInFlight, (nowMs) => checkBudget(this, nowMs));
    this.log = new EventLog(budget.maxEvents);
    this.traces = new TraceRecorder(traceEvery, maxTraces);
    this.timelineRng = Rng.stream(g.seed, 'timeline');
  }

  podNamesOf(id: string): Rng {
    let rng = this.podNames.get(id);
    if (!rng) this.podNames.set(id, (rng = Rng.stream(this.g.seed, `pods-later:${id}`)));
    return rng;
  }
}
