// A request's CPU work in a pod, from its first cycle to its last: one per visit (never reused,
// so a stale one left in a queue is only skipped).
import type { Req } from '../request';

/** Event loop: waiting for a free loop. */
export const S_LOOP_WAIT = 0;
/** Runnable (in the heap): sharing the cores. */
export const S_RUN = 1;
/** Spinning for the lock: runnable, burning its share, no end of its own. */
export const S_SPIN = 2;
/** Asleep on the mutex (futex): not runnable. */
export const S_SLEEP = 3;
/** Its CPU work is over (an event loop job may still hold its loop). */
export const S_DONE = 4;

/** Syscalls, blocking-wait switches and the CPU work outside the lock. */
export const G_PRE = 0;
/** futex wait: a syscall and a switch out, before sleeping. */
export const G_SLEEP = 1;
/** Switched back in, holding the lock handed to it. */
export const G_WAKE = 2;
/** Inside the lock. */
export const G_CRIT = 3;
/** futex wake of the waiter it handed the lock to. */
export const G_POST = 4;

export class Job {
  heapIdx = -1;
  /** Virtual time at which the current segment's work is done. */
  finish = 0;
  state = S_RUN;
  seg = G_PRE;
  /** CPU work of the first segment (ms of one core), and the system part of it. */
  preMs = 0;
  preSysMs = 0;
  critMs = 0;
  ioMs = 0;
  /** When its wait for the lock began (ms). */
  waitFrom = 0;
  spinDeadline = Infinity;
  /** The lock was handed to it while it was still going to sleep. */
  handed = false;
  dead = false;
  /** Event loop: holds its loop through its IO and calls (blockingShare). */
  blocking = false;
  /** Event loop: it holds a loop. */
  hasLoop = false;
  constructor(
    readonly r: Req,
    /** Order of creation: ties in the heap go to the older job. */
    readonly seq: number,
  ) {}
}
