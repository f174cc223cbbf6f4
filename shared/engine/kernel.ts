// The discrete-event kernel: a virtual clock in ms and a binary heap of events ordered by
// (time, sequence). Scheduling allocates nothing:
//  - an event lives in a *slot* of parallel typed arrays (sequence, numeric type, argument, and
//    an object); freed slots are recycled through a stack;
//  - the heap holds only each event's time and slot index, so a sift moves two numbers, and the
//    sequence is read through the slot only when two times tie;
//  - removing the top uses Floyd's bottom-up variant: the hole goes down to a leaf along the
//    smaller children (one comparison a level), then the heap's last event rises into it (usually
//    not at all, since it came from the bottom).
// Every (time, sequence) key is distinct, so any correct heap pops the same events in the same
// order: the run is byte-identical whatever the heap's inner layout.
import { BudgetError } from './api';

export class Kernel {
  /** Simulated time (ms). */
  now = 0;
  /** The event being dispatched (set by next()). */
  type = 0;
  obj: unknown = null;
  arg = 0;

  private size = 0;
  private seq = 0;
  // The heap, in heap order: time and slot of each pending event.
  private heapTime: Float64Array;
  private heapSlot: Int32Array;
  // Per slot: the event's insertion sequence (the tie-break), type, argument and object.
  private slotSeq: Float64Array;
  private slotType: Int32Array;
  private slotArg: Float64Array;
  private slotObj: unknown[];
  // Free slots, a stack: free[0 … freeCount).
  private free: Int32Array;
  private freeCount: number;
  // Handles (sequences) cancelled but not yet popped; `cancelledCount` spares the Set lookup on
  // every pop while nothing is cancelled, which is the common case.
  private readonly cancelled = new Set<number>();
  private cancelledCount = 0;

  constructor(
    private readonly maxEvents: number,
    capacity = 1024,
  ) {
    this.heapTime = new Float64Array(capacity);
    this.heapSlot = new Int32Array(capacity);
    this.slotSeq = new Float64Array(capacity);
    this.slotType = new Int32Array(capacity);
    this.slotArg = new Float64Array(capacity);
    this.slotObj = new Array<unknown>(capacity).fill(null);
    this.free = new Int32Array(capacity);
    // Slot 0 on top of the stack first.
    for (let i = 0; i < capacity; i++) this.free[i] = capacity - 1 - i;
    this.freeCount = capacity;
  }

  get pending(): number {
    return this.size;
  }

  /** Events scheduled since the start (for benchmarks). */
  get scheduled(): number {
    return this.seq;
  }

  /** Schedule an event at absolute time `at` (ms, ≥ now); returns a handle for cancel(). */
  at(at: number, type: number, obj: unknown, arg: number): number {
    if (this.size === this.heapTime.length) this.grow();
    const seq = this.seq++;
    const slot = this.free[--this.freeCount] as number;
    this.slotSeq[slot] = seq;
    this.slotType[slot] = type;
    this.slotArg[slot] = arg;
    this.slotObj[slot] = obj;
    // Sift up: a later sequence loses every tie, so only a strictly later time moves a parent.
    const time = this.heapTime;
    const slots = this.heapSlot;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = time[p] as number;
      if (pt <= at) break;
      time[i] = pt;
      slots[i] = slots[p] as number;
      i = p;
    }
    time[i] = at;
    slots[i] = slot;
    return seq;
  }

  /** Schedule after a delay (ms). */
  after(delay: number, type: number, obj: unknown, arg: number): number {
    return this.at(this.now + delay, type, obj, arg);
  }

  /** Cancel a scheduled event; cancelling one already run or cancelled does nothing harmful. */
  cancel(handle: number): void {
    if (handle >= this.seq || this.cancelled.has(handle)) return;
    this.cancelled.add(handle);
    this.cancelledCount++;
  }

  /** Time of the next event, or Infinity. */
  peekTime(): number {
    return this.size === 0 ? Infinity : (this.heapTime[0] as number);
  }

  /**
   * Pop the next event at or before `limit` into type/obj/arg and move the clock to it.
   * Returns false (clock untouched) when there is none.
   */
  next(limit: number): boolean {
    for (;;) {
      if (this.size === 0) return false;
      const t = this.heapTime[0] as number;
      if (t > limit) return false;
      const slot = this.heapSlot[0] as number;
      this.removeTop();
      this.free[this.freeCount++] = slot;
      if (this.cancelledCount > 0 && this.cancelled.delete(this.slotSeq[slot] as number)) {
        this.cancelledCount--;
        this.slotObj[slot] = null;
        continue;
      }
      this.type = this.slotType[slot] as number;
      this.obj = this.slotObj[slot];
      this.arg = this.slotArg[slot] as number;
      // The slot keeps its object until reused: objects scheduled are the run's own (pooled
      // requests, nodes, edges), alive anyway, and not clearing saves a store per event.
      this.now = t;
      return true;
    }
  }

  /** Is the event at heap index a before the one at b? (time, then sequence) */
  private before(a: number, b: number): boolean {
    const ta = this.heapTime[a] as number;
    const tb = this.heapTime[b] as number;
    if (ta !== tb) return ta < tb;
    const seqs = this.slotSeq;
    const slots = this.heapSlot;
    return (seqs[slots[a] as number] as number) < (seqs[slots[b] as number] as number);
  }

  private removeTop(): void {
    const n = --this.size;
    if (n === 0) return;
    const time = this.heapTime;
    const slots = this.heapSlot;
    // Hole from the root down to a leaf, always along the earlier child.
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.before(c + 1, c)) c++;
      time[i] = time[c] as number;
      slots[i] = slots[c] as number;
      i = c;
    }
    // The last event fills the hole, rising while its parent comes after it.
    const lt = time[n] as number;
    const ls = slots[n] as number;
    const seqs = this.slotSeq;
    const lseq = seqs[ls] as number;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = time[p] as number;
      if (pt < lt || (pt === lt && (seqs[slots[p] as number] as number) < lseq)) break;
      time[i] = pt;
      slots[i] = slots[p] as number;
      i = p;
    }
    time[i] = lt;
    slots[i] = ls;
  }

  private grow(): void {
    const old = this.heapTime.length;
    const n = old * 2;
    if (this.size >= this.maxEvents) {
      throw new BudgetError(
        `Memory budget exceeded at t=${(this.now / 1000).toFixed(1)} s: more than ` +
          `${this.maxEvents.toLocaleString('en-US')} pending events. Lower the load or bound the queues.`,
      );
    }
    const widen = <A extends Float64Array | Int32Array>(a: A, next: A): A => {
      next.set(a);
      return next;
    };
    this.heapTime = widen(this.heapTime, new Float64Array(n));
    this.heapSlot = widen(this.heapSlot, new Int32Array(n));
    this.slotSeq = widen(this.slotSeq, new Float64Array(n));
    this.slotType = widen(this.slotType, new Int32Array(n));
    this.slotArg = widen(this.slotArg, new Float64Array(n));
    const objs = new Array<unknown>(n).fill(null);
    for (let i = 0; i < old; i++) objs[i] = this.slotObj[i];
    this.slotObj = objs;
    // Every old slot is in use (the heap was full); the new ones are free.
    this.free = new Int32Array(n);
    for (let i = 0; i < old; i++) this.free[i] = n - 1 - i;
    this.freeCount = old;
  }
}
