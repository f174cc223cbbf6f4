// One pod's CPU (docs/semantics.md "The pod's inside"): its runnable threads share the machine's
// cores by processor sharing, as CFS approximates: n runnable threads on P cores each run at
// min(1, P/n). Past P runnable, the scheduler preempts every time slice (CFS: sched_latency 6 ms
// × (1 + log2 min(P, 8)) spread over the threads of a core, at least min_granularity 0.75 ms × the
// same factor); each switch costs contextSwitchUs of the core's time, counted as system time.
//
// Event-driven: a virtual clock V grows at the per-thread rate, each runnable job finishes at a
// tag F = V(start) + work, and one kernel timer is set to the earliest of the next finish, the
// quota running out and the period's end; a change (start, end, lock hand-off) moves it.
//
// A CPU limit is the CFS bandwidth controller: quota = limit × 100 ms per period; when the
// period's quota is spent every thread of the pod waits for the next period. Periods in which the
// pod had runnable threads count (nr_periods), those that ran out of quota are throttled
// (nr_throttled), as cAdvisor reports them.
//
// The lock: a pod-wide lock held for the request's critical CPU work, handed in FIFO order.
// A spinner stays runnable and burns its share (and the quota) until handed the lock; a mutex
// waiter pays a futex syscall and a switch, sleeps, and on hand-off is switched back in (the
// releasing thread pays the futex wake); adaptive spins up to spinLimitUs, then sleeps.
import { sample } from '../distribution';
import type { Pod } from '../graph';
import type { Req } from '../request';
import { Ring } from '../ring';
import type { Timer } from '../timer';
import type { World } from '../world';
import { EV_TIMER, EV_WORK_DONE } from '../world';
import { JobHeap } from './jobHeap';
import {
  G_CRIT,
  G_POST,
  G_PRE,
  G_SLEEP,
  G_WAKE,
  Job,
  S_DONE,
  S_LOOP_WAIT,
  S_RUN,
  S_SLEEP,
  S_SPIN,
} from './job';
import type { NodeCpu } from './spec';
import {
  CFS_PERIOD_MS,
  LOCK_ADAPTIVE,
  LOCK_MUTEX,
  LOCK_SPIN,
  MODEL_EVENT_LOOP,
  type CpuSpec,
} from './spec';

/** A finish tag this close to the virtual clock is due (ms of one core). */
const EPS = 1e-7;
const OOM = -1;

/** CFS's scaling factor of its latency and granularity: 1 + log2(min(cpus, 8)). */
function cfsFactor(cores: number): number {
  let f = 1;
  for (let c = Math.min(cores, 8); c >= 2; c >>= 1) f++;
  return f;
}

export class PodCpu implements Timer {
  readonly spec: CpuSpec;
  private readonly cores: number;
  private readonly latencyMs: number;
  private readonly granularityMs: number;
  private readonly quotaMs: number;
  /** In-flight requests the memory limit allows (served or queued). */
  readonly maxInFlight: number;
  /** CPU time this pod used (ms of one core): the per-pod usage the HPA reads. */
  usageMs = 0;
  private v = 0;
  private lastT: number;
  private readonly heap = new JobHeap();
  private spinners = 0;
  private readonly spinDeadlines = new Ring<Job>();
  private holder: Job | null = null;
  private readonly waiters = new Ring<Job>();
  private freeLoops: number;
  private readonly loopQueue = new Ring<Job>();
  /** Live jobs in loopQueue (dead ones wait there until skipped). */
  private loopWaiting = 0;
  /** Up to when the loops' held and waiting time is counted into NodeCpu. */
  private loopT: number;
  private jobs = 0;
  // CFS bandwidth: the current period's end, quota left, and what happened in it.
  private periodEnd: number;
  private quotaLeft: number;
  private throttled = false;
  private periodActive = false;
  private periodThrottled = false;
  private token = 0;
  private timerAt = Infinity;
  private oomPending = false;

  constructor(
    private readonly w: World,
    readonly pod: Pod,
    readonly nc: NodeCpu,
  ) {
    const spec = (this.spec = nc.spec);
    this.cores = spec.cores;
    const f = cfsFactor(spec.cores);
    this.latencyMs = 6 * f;
    this.granularityMs = 0.75 * f;
    this.quotaMs = spec.limitCores * CFS_PERIOD_MS;
    this.quotaLeft = this.quotaMs;
    const now = w.k.now;
    this.lastT = now;
    this.periodEnd = (Math.floor(now / CFS_PERIOD_MS) + 1) * CFS_PERIOD_MS;
    this.freeLoops = spec.workers;
    this.loopT = now;
    const threads = spec.model === MODEL_EVENT_LOOP ? spec.workers : pod.slots;
    const room = spec.memoryLimitBytes - spec.baseBytes - threads * spec.stackBytes;
    this.maxInFlight =
      spec.memoryLimitBytes === Infinity
        ? Infinity
        : spec.perRequestBytes > 0
          ? Math.floor(room / spec.perRequestBytes)
          : room < 0
            ? -1
            : Infinity;
  }

  private get runnable(): number {
    return this.heap.size + this.spinners;
  }

  /** Per-thread speed with n runnable threads (1 = a whole core), switch costs taken off. */
  private rate(n: number): number {
    if (n <= this.cores) return 1;
    const eff = 1 - this.spec.switchMs / this.sliceMs(n);
    return (this.cores / n) * (eff > 0 ? eff : 0);
  }

  private sliceMs(n: number): number {
    const s = (this.latencyMs * this.cores) / n;
    return s > this.granularityMs ? s : this.granularityMs;
  }

  // ── Time ────────────────────────────────────────────────────────────────────────────────────

  /** Bring the clock, the counters and the CFS period up to `now`. */
  advance(now: number): void {
    this.countLoops(now);
    if (this.quotaMs > 0) {
      while (now >= this.periodEnd) {
        this.span(this.periodEnd);
        this.closePeriod();
        const n = this.runnable;
        this.periodEnd =
          n === 0 && now >= this.periodEnd + CFS_PERIOD_MS
            ? (Math.floor(now / CFS_PERIOD_MS) + 1) * CFS_PERIOD_MS
            : this.periodEnd + CFS_PERIOD_MS;
        if (this.lastT < this.periodEnd - CFS_PERIOD_MS)
          this.lastT = this.periodEnd - CFS_PERIOD_MS;
        this.quotaLeft = this.quotaMs;
        this.throttled = false;
        this.periodActive = n > 0;
        this.periodThrottled = false;
      }
    }
    this.span(now);
  }

  private closePeriod(): void {
    if (!this.periodActive) return;
    this.nc.periods++;
    if (this.periodThrottled) this.nc.throttledPeriods++;
  }

  private span(t: number): void {
    const dt = t - this.lastT;
    if (dt <= 0) return;
    this.lastT = t;
    const n = this.runnable;
    if (n === 0) return;
    const nc = this.nc;
    if (this.throttled) {
      nc.throttledMs += dt;
      return;
    }
    const p = this.cores;
    const busy = n < p ? n : p;
    let rate = 1;
    if (n > p) {
      const slice = this.sliceMs(n);
      rate = this.rate(n);
      nc.switches += (p * dt) / slice;
      nc.systemMs += busy * dt * (1 - (rate * n) / p);
    }
    this.v += rate * dt;
    const used = busy * dt;
    this.usageMs += used;
    nc.usageMs += used;
    if (this.spinners > 0) nc.spinMs += this.spinners * rate * dt;
    if (this.quotaMs > 0) this.quotaLeft -= used;
  }

  /** Set the one timer to the next thing that changes the rates. */
  schedule(): void {
    const n = this.runnable;
    let next = Infinity;
    const now = this.w.k.now;
    if (n > 0) {
      this.periodActive = true;
      if (this.throttled) next = this.periodEnd;
      else {
        if (this.heap.size > 0) next = now + (this.heap.peek().finish - this.v) / this.rate(n);
        if (this.quotaMs > 0) {
          const q = now + this.quotaLeft / (n < this.cores ? n : this.cores);
          if (q < next) next = q;
          if (this.periodEnd < next) next = this.periodEnd;
        }
        const sd = this.spinDeadlines;
        while (sd.length > 0 && (sd.peek().state !== S_SPIN || sd.peek().dead)) sd.shift();
        if (sd.length > 0 && sd.peek().spinDeadline < next) next = sd.peek().spinDeadline;
      }
    }
    if (next < now) next = now;
    if (next === this.timerAt) return;
    this.timerAt = next;
    this.token++;
    if (next !== Infinity) this.w.k.at(next, EV_TIMER, this, this.token);
  }

  fire(w: World, arg: number): void {
    if (arg === OOM) {
      this.oomPending = false;
      if (this.nc.oom !== null) this.nc.oom(w, this.pod);
      return;
    }
    if (arg !== this.token) return;
    this.timerAt = Infinity;
    const now = w.k.now;
    this.advance(now);
    if (this.quotaMs > 0 && !this.throttled && this.quotaLeft <= EPS && this.runnable > 0) {
      this.throttled = true;
      this.periodThrottled = true;
    }
    const heap = this.heap;
    while (heap.size > 0 && heap.peek().finish <= this.v + EPS) this.segmentDone(heap.pop());
    const sd = this.spinDeadlines;
    while (sd.length > 0) {
      const j = sd.peek();
      if (j.state === S_SPIN && !j.dead && j.spinDeadline > now) break;
      sd.shift();
      if (j.state !== S_SPIN || j.dead) continue;
      this.spinners--;
      this.sleep(j);
    }
    this.schedule();
  }

  // ── A request's CPU work ────────────────────────────────────────────────────────────────────

  /** A request got its thread (thread pool) or reached the pod (event loop). */
  start(r: Req, extraMs: number): void {
    const now = this.w.k.now;
    this.advance(now);
    const spec = this.spec;
    const node = this.pod.node;
    const cpu = sample(spec.cpuTime, node.rng) * node.slowFactor;
    const j = new Job(r, this.jobs++);
    r.cpu = j;
    j.ioMs = sample(spec.ioTime, node.rng) + extraMs;
    j.critMs = cpu * spec.criticalShare;
    let sys = spec.syscallsPerRequest * spec.syscallMs;
    if (spec.model === MODEL_EVENT_LOOP) {
      j.blocking = spec.blockingShare > 0 && node.rng.next() < spec.blockingShare;
    } else {
      // A thread blocks on its IO and on each call: a switch out and one back in for each.
      const waits = (j.ioMs > 0 ? 1 : 0) + node.steps.length;
      sys += 2 * waits * spec.switchMs;
      this.nc.switches += 2 * waits;
    }
    j.preSysMs = sys;
    j.preMs = cpu - j.critMs + sys;
    if (spec.model === MODEL_EVENT_LOOP) {
      if (this.freeLoops > 0) {
        this.freeLoops--;
        j.hasLoop = true;
        this.run(j, j.preMs);
      } else {
        j.state = S_LOOP_WAIT;
        this.loopQueue.push(j);
        this.loopWaiting++;
        this.nc.loopQueued(1);
      }
    } else this.run(j, j.preMs);
    this.schedule();
  }

  /** The visit ends or is cut (releaseHeld): drop what it still holds here. */
  released(r: Req): void {
    const j = r.cpu as Job;
    r.cpu = null;
    this.advance(this.w.k.now);
    if (j.state !== S_DONE) {
      j.dead = true;
      if (j.state === S_RUN) this.heap.remove(j);
      else if (j.state === S_SPIN) this.spinners--;
      else if (j.state === S_LOOP_WAIT) {
        this.loopWaiting--;
        this.nc.loopQueued(-1);
      }
      if (this.holder === j) this.handOff();
    }
    if (j.hasLoop) {
      j.hasLoop = false;
      this.freeLoop();
    }
    this.schedule();
  }

  /** Requests in flight in the pod (served or queued) changed: past the memory limit, OOM. */
  memoryCheck(): void {
    const pod = this.pod;
    if (this.oomPending || pod.busy + pod.queue.length <= this.maxInFlight) return;
    this.oomPending = true;
    this.w.k.at(this.w.k.now, EV_TIMER, this, OOM);
  }

  private run(j: Job, work: number): void {
    j.state = S_RUN;
    j.finish = this.v + work;
    this.heap.push(j);
  }

  private segmentDone(j: Job): void {
    const nc = this.nc;
    const spec = this.spec;
    switch (j.seg) {
      case G_PRE:
        nc.systemMs += j.preSysMs;
        if (j.critMs > 0) return this.acquire(j);
        return this.cpuDone(j);
      case G_SLEEP:
        nc.systemMs += spec.syscallMs + spec.switchMs;
        if (j.handed) return this.enter(j);
        j.state = S_SLEEP;
        return;
      case G_WAKE:
        nc.systemMs += spec.switchMs;
        return this.enter(j);
      case G_CRIT:
        if (this.handOff() && spec.syscallMs > 0) {
          j.seg = G_POST;
          return this.run(j, spec.syscallMs);
        }
        return this.cpuDone(j);
      case G_POST:
        nc.systemMs += spec.syscallMs;
        return this.cpuDone(j);
    }
  }

  private acquire(j: Job): void {
    j.waitFrom = this.w.k.now;
    if (this.holder === null) {
      this.holder = j;
      return this.enter(j);
    }
    this.waiters.push(j);
    const kind = this.spec.lock;
    if (kind === LOCK_MUTEX || (kind === LOCK_ADAPTIVE && this.spec.spinLimitMs <= 0))
      return this.sleep(j);
    j.state = S_SPIN;
    this.spinners++;
    if (kind === LOCK_SPIN) return;
    j.spinDeadline = this.w.k.now + this.spec.spinLimitMs;
    this.spinDeadlines.push(j);
  }

  /** futex wait: a syscall and a switch out, then asleep (unless handed the lock meanwhile). */
  private sleep(j: Job): void {
    j.seg = G_SLEEP;
    this.nc.switches++;
    this.run(j, this.spec.syscallMs + this.spec.switchMs);
  }

  private enter(j: Job): void {
    this.nc.lockWaitMs += this.w.k.now - j.waitFrom;
    j.seg = G_CRIT;
    this.run(j, j.critMs);
  }

  /** The holder lets go: the first live waiter gets the lock. True when it had to be woken. */
  private handOff(): boolean {
    this.holder = null;
    const waiters = this.waiters;
    while (waiters.length > 0) {
      const next = waiters.shift();
      if (next.dead) continue;
      this.holder = next;
      if (next.state === S_SPIN) {
        this.spinners--;
        this.enter(next);
        return false;
      }
      if (next.state === S_SLEEP) {
        next.seg = G_WAKE;
        this.nc.switches++;
        this.run(next, this.spec.switchMs);
        return true;
      }
      next.handed = true;
      return false;
    }
    return false;
  }

  private cpuDone(j: Job): void {
    j.state = S_DONE;
    const r = j.r;
    if (!j.blocking) {
      r.cpu = null;
      if (j.hasLoop) {
        j.hasLoop = false;
        this.freeLoop();
      }
    }
    this.w.k.at(this.w.k.now + j.ioMs, EV_WORK_DONE, r, r.gen);
  }

  private freeLoop(): void {
    this.countLoops(this.w.k.now);
    const q = this.loopQueue;
    while (q.length > 0) {
      const j = q.shift();
      if (j.dead) continue;
      this.loopWaiting--;
      this.nc.loopQueued(-1);
      j.hasLoop = true;
      return this.run(j, j.preMs);
    }
    this.freeLoops++;
  }

  /** An event loop's time up to now into NodeCpu: loops held and requests waiting for one. */
  private countLoops(now: number): void {
    const dt = now - this.loopT;
    if (dt <= 0) return;
    this.loopT = now;
    this.nc.loopTime(this.spec.workers - this.freeLoops, this.loopWaiting, dt);
  }
}
