// What a service's (or bare pod's) `runtime` and `resources` make of its pods, compiled once:
// the CPU model (thread pool or event loop), CPU and IO per request, the pod-wide lock, kernel
// costs, the CFS quota and the memory line; and the node's CPU figures summed over its pods.
import type { Runtime } from '../../model/props';
import { cpuCores, memoryBytes, parseQuantity } from '../../model/quantity';
import type { Sampler } from '../distribution';
import { samplerOf } from '../distribution';
import type { Pod } from '../graph';
import type { World } from '../world';

export const MODEL_THREAD_POOL = 0;
export const MODEL_EVENT_LOOP = 1;

export const LOCK_NONE = 0;
export const LOCK_SPIN = 1;
export const LOCK_MUTEX = 2;
export const LOCK_ADAPTIVE = 3;
const LOCKS = { none: LOCK_NONE, spin: LOCK_SPIN, mutex: LOCK_MUTEX, adaptive: LOCK_ADAPTIVE };

/** Cores of the machine a pod runs on when its zone does not say. */
export const DEFAULT_CORES = 4;
/** The CFS bandwidth period (cpu.cfs_period_us default, 100 ms). */
export const CFS_PERIOD_MS = 100;
/**
 * Connections an event-loop pod accepts at once: a loop holds no thread per request, so the
 * slot count is no limit (memory is, see memory below).
 */
export const EVENT_LOOP_SLOTS = 1_000_000;

interface ResourcesLike {
  requests?:
    { cpu?: string | number | undefined; memory?: string | number | undefined } | undefined;
  limits?: { cpu?: string | number | undefined; memory?: string | number | undefined } | undefined;
}

export class CpuSpec {
  readonly model: number;
  readonly workers: number;
  readonly cpuTime: Sampler;
  readonly ioTime: Sampler;
  readonly blockingShare: number;
  readonly lock: number;
  readonly criticalShare: number;
  readonly spinLimitMs: number;
  readonly switchMs: number;
  readonly syscallMs: number;
  readonly syscallsPerRequest: number;
  /** limits.cpu in cores; 0 = no limit (the machine's cores). */
  readonly limitCores: number;
  /** requests.cpu in cores; 0 = none (utilization undefined). */
  readonly requestCores: number;
  /** limits.memory in bytes; Infinity = none. */
  readonly memoryLimitBytes: number;
  readonly stackBytes: number;
  readonly perRequestBytes: number;
  readonly baseBytes: number;
  /** Cores of the machine (the zone's `cores`), set once zones are known. */
  cores = DEFAULT_CORES;

  constructor(rt: Runtime, res: ResourcesLike | undefined) {
    this.model = rt.model === 'eventLoop' ? MODEL_EVENT_LOOP : MODEL_THREAD_POOL;
    this.workers = rt.workers;
    this.cpuTime = samplerOf(rt.cpuTime);
    this.ioTime = samplerOf(rt.ioTime);
    this.blockingShare = rt.blockingShare;
    this.lock = rt.lock.criticalShare > 0 ? LOCKS[rt.lock.kind] : LOCK_NONE;
    this.criticalShare = this.lock === LOCK_NONE ? 0 : rt.lock.criticalShare;
    this.spinLimitMs = rt.lock.spinLimitUs / 1000;
    this.switchMs = rt.contextSwitchUs / 1000;
    this.syscallMs = rt.syscallUs / 1000;
    this.syscallsPerRequest = rt.syscallsPerRequest;
    const q = (v: string | number | undefined, read: (x: string | number) => number) =>
      v === undefined || parseQuantity(v) === null ? 0 : read(v);
    this.limitCores = q(res?.limits?.cpu, cpuCores);
    this.requestCores = q(res?.requests?.cpu, cpuCores) || this.limitCores;
    const mem = q(res?.limits?.memory, memoryBytes);
    this.memoryLimitBytes = mem > 0 ? mem : Infinity;
    this.stackBytes = rt.stackKiB * 1024;
    this.perRequestBytes = rt.memoryPerRequestKiB * 1024;
    this.baseBytes = rt.baseMemoryMi * 2 ** 20;
  }
}

/** The CPU figures of a node, summed over its pods (dead ones too), and their per-second series. */
export class NodeCpu {
  usageMs = 0;
  systemMs = 0;
  spinMs = 0;
  lockWaitMs = 0;
  throttledMs = 0;
  periods = 0;
  throttledPeriods = 0;
  switches = 0;
  /** Event loop: loop-ms held (on CPU or blocking) and request-ms waiting for a loop. */
  loopHeldMs = 0;
  loopWaitMs = 0;
  /** Requests waiting for a loop now, all pods, and the most there ever were. */
  loopWaiting = 0;
  loopWaitingMax = 0;
  oomKills = 0;
  /** Ends a pod's container past its memory limit (cpu/oom.ts), set at compile. */
  oom: ((w: World, pod: Pod) => void) | null = null;
  /** The counters when the warm-up ended (figures are after it). */
  warm = new Float64Array(10);
  // Per-second series and the counters at the last second's end.
  readonly usageSeries: number[] = [];
  readonly throttledSeries: number[] = [];
  private tickUsage = 0;
  private tickPeriods = 0;
  private tickThrottled = 0;
  private tickLoopHeld = 0;
  private tickLoopWait = 0;
  constructor(readonly spec: CpuSpec) {}

  counters(): number[] {
    return [
      this.usageMs,
      this.systemMs,
      this.spinMs,
      this.lockWaitMs,
      this.throttledMs,
      this.periods,
      this.throttledPeriods,
      this.switches,
      this.loopHeldMs,
      this.loopWaitMs,
    ];
  }

  /**
   * dt ms of an event-loop pod with `held` loops held (on CPU or blocking, what Node's
   * eventLoopUtilization counts) and `waiting` requests waiting for a loop.
   */
  loopTime(held: number, waiting: number, dt: number): void {
    this.loopHeldMs += held * dt;
    this.loopWaitMs += waiting * dt;
  }

  /** A request starts (+1) or stops (−1) waiting for a loop, in any pod. */
  loopQueued(delta: number): void {
    this.loopWaiting += delta;
    if (this.loopWaiting > this.loopWaitingMax) this.loopWaitingMax = this.loopWaiting;
  }

  markWarm(): void {
    this.warm.set(this.counters());
  }

  /** Close the second that ends now: mean cores used, and throttled periods / periods. */
  second(spanMs: number): void {
    const used = this.usageMs - this.tickUsage;
    const periods = this.periods - this.tickPeriods;
    const throttled = this.throttledPeriods - this.tickThrottled;
    this.usageSeries.push(spanMs > 0 ? Math.round((used / spanMs) * 1000) / 1000 : 0);
    this.throttledSeries.push(periods > 0 ? Math.round((throttled / periods) * 1000) / 1000 : 0);
    this.tickUsage = this.usageMs;
    this.tickPeriods = this.periods;
    this.tickThrottled = this.throttledPeriods;
  }

  /**
   * An event loop's second that ends now: loop-ms held and request-ms waiting since the last
   * call (the node's figures put its utilisation and queue on loops, not on its slots).
   */
  loopSecond(): { heldMs: number; waitMs: number } {
    const out = {
      heldMs: this.loopHeldMs - this.tickLoopHeld,
      waitMs: this.loopWaitMs - this.tickLoopWait,
    };
    this.tickLoopHeld = this.loopHeldMs;
    this.tickLoopWait = this.loopWaitMs;
    return out;
  }
}
