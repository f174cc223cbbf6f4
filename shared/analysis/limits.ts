// What limits a service, in one sentence, from the figures of one run: memory (the container was
// OOMKilled), the CPU quota (most CFS periods throttled), a lock (threads spend most of their
// busy time waiting for or spinning on it), the cores (CPU use at what the pod may use), or the
// threads (every thread busy while the CPU idles: they wait on IO and calls). Checked in that
// order: each earlier cause hides the later ones (a throttled pod also shows busy threads).

export type Limit = 'memory' | 'quota' | 'lock' | 'cores' | 'threads' | 'none';

export interface LimitFigures {
  /** Mean cores one pod used. */
  usageCores: number;
  /** Cores one pod may use: its CPU limit, or its node's cores without one. */
  coresAvailable: number;
  /** The pod's CPU limit (cores), when it has one. */
  limitCores?: number | undefined;
  /** CFS periods throttled and periods in all (cAdvisor's counters). */
  throttledPeriods: number;
  periods: number;
  /** Thread-seconds spent sleeping for the lock and spinning on it. */
  lockWaitSeconds: number;
  spinSeconds: number;
  /** Thread-seconds threads (or loops) were held, over the same span. */
  busyThreadSeconds: number;
  /** Share of the pod's threads (or loops) busy, 0…1. */
  threadUtilisation: number;
  /** Mean requests waiting for a thread (or loop), per pod. */
  queued?: number | undefined;
  /** Threads (thread pool) or loops (event loop) per pod. */
  threads: number;
  model: 'threadPool' | 'eventLoop';
  /** The pod-wide lock's kind (how its waiters wait). */
  lockKind?: 'none' | 'spin' | 'mutex' | 'adaptive' | undefined;
  /** OOMKilled events in the run. */
  oomKilled: number;
}

export interface LimitVerdict {
  limit: Limit;
  sentence: string;
}

/** Thresholds: a share at or past these counts as saturated. */
export const SATURATED = 0.9;
export const THROTTLED = 0.25;
export const LOCKED = 0.3;

const WAITING = {
  none: 'waiting for',
  spin: 'spinning on',
  mutex: 'asleep waiting for',
  adaptive: 'spinning on or asleep waiting for',
} as const;

const pct = (x: number) => `${Math.round(x * 100)} %`;
const cores = (x: number) => (x >= 10 ? x.toFixed(0) : x.toFixed(x >= 1 ? 1 : 2));

export function limitingFactor(f: LimitFigures): LimitVerdict {
  const workers = f.model === 'eventLoop' ? 'loops' : 'threads';
  if (f.oomKilled > 0)
    return {
      limit: 'memory',
      sentence: `Memory limits it: the container was OOMKilled ${f.oomKilled} time${f.oomKilled === 1 ? '' : 's'} (exit code 137), since every thread's stack and every request in flight holds memory.`,
    };
  const throttled = f.periods > 0 ? f.throttledPeriods / f.periods : 0;
  if (f.limitCores !== undefined && throttled >= THROTTLED)
    return {
      limit: 'quota',
      sentence: `The CPU quota limits it: ${pct(throttled)} of the 100 ms periods were throttled at a limit of ${cores(f.limitCores)} cores, and every thread of the pod waits for the next period.`,
    };
  const lockShare =
    f.busyThreadSeconds > 0 ? (f.lockWaitSeconds + f.spinSeconds) / f.busyThreadSeconds : 0;
  if (lockShare >= LOCKED)
    return {
      limit: 'lock',
      sentence: `The lock limits it: ${workers} spend ${pct(lockShare)} of their busy time ${WAITING[f.lockKind ?? (f.spinSeconds >= f.lockWaitSeconds ? 'spin' : 'mutex')]} it, so more ${workers} add contention, not throughput.`,
    };
  const cpuShare = f.coresAvailable > 0 ? f.usageCores / f.coresAvailable : 0;
  if (cpuShare >= SATURATED)
    return {
      limit: 'cores',
      sentence: `The cores limit it: a pod uses ${cores(f.usageCores)} of the ${cores(f.coresAvailable)} cores it may use, so more ${workers} only share them.`,
    };
  const queued = f.queued ?? 0;
  // Busy most of the time, or busy often with a queue longer than the threads themselves.
  if (f.threadUtilisation >= SATURATED || (f.threadUtilisation >= 0.6 && queued >= f.threads))
    return {
      limit: 'threads',
      sentence: `The ${workers} limit it: the ${f.threads} per pod are busy ${pct(f.threadUtilisation)} of the time${queued >= 1 ? ` with ${Math.round(queued)} requests waiting for one` : ''}, while the CPU is ${pct(cpuShare)} used: ${f.model === 'threadPool' ? 'they are waiting on IO and calls; more threads or an event loop would serve more' : 'a loop runs one callback at a time on one core, and blocks on synchronous IO; more loops (workers) would use more of the cores'}.`,
    };
  return {
    limit: 'none',
    sentence: `Nothing limits it at this load: ${workers} are ${pct(f.threadUtilisation)} busy and the CPU ${pct(cpuShare)} used.`,
  };
}
