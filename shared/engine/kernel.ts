// The discrete-event kernel: a virtual clock in ms and a binary heap of events ordered by
// (time, sequence). Scheduling allocates nothing:
//  - an event lives in a *slot* of parallel typed arrays (sequence, numeric type, argument and an
//    object); freed slots are recycled through a stack;
//  - the heap holds only each event's time and slot index, so a sift moves two numbers, and the
//    sequence is read through the slot only when two times tie;
//  - removing the top uses Floyd's bottom-up variant: the hole goes down to a leaf along the
//    smaller children (one comparison a level), then the heap's last event rises into it (usually
//    not at all, since it came from the bottom).
//
// Lanes: events scheduled a constant delay after `now` (a network hop, a gateway's overhead) come
// due in the order they were scheduled. A lane is a FIFO of such events, held in the lane's own
// arrays (no slot), so scheduling one is an append; the world keeps one lane per delay (lane.ts).
// Only the lanes' heads are ordered, in a second small heap (one entry a non-empty lane); next()
// takes the earlier of the two heaps' tops. When a head is popped the lane's next event takes its
// place at that heap's root and sinks through a few lanes, not through every event in flight. An
// event that would come due before its lane's last one (the delay shrank) skips the lane and goes
// in the main heap directly.
//
// Every (time, sequence) key is distinct, and a lane holds its events in key order, so any
// arrangement pops the same events in the same order: the run is byte-identical whatever the
// heap's inner layout and whichever events go through lanes.
import { BudgetError } from './api';
import { removeRoot, siftUp, sinkRoot } from './heap';
import { Lane } from './lane';

/**
 * Sequences of atFirst() events are shifted down by this much, of atLast() ones up: they keep
 * their order among themselves and tie with nothing else (exact in a double up to 2^53).
 */
const PRIORITY_BAND = 2 ** 51;

export class Kernel {
  /** Simulated time (ms). */
  now = 0;
  /** The event being dispatched (set by next()). */
  type = 0;
  obj: unknown = null;
  arg = 0;

  /** Events in the heap (lane events are not: they wait in their lanes). */
  private size = 0;
  private seq = 0;
  // The heap, in heap order: time and slot of each event in it.
  private heapTime: Float64Array;
  private heapSlot: Int32Array;
  // Per slot: insertion sequence (the tie-break), type, argument and object.
  private slotSeq: Float64Array;
  private slotType: Int32Array;
  private slotArg: Float64Array;
  private slotObj: unknown[];
  // Free slots, a stack: free[0 … freeCount).
  private free: Int32Array;
  private freeCount: number;
  private readonly lanes: Lane[] = [];
  /** Events waiting in lanes. */
  private laned = 0;
  // The lanes' heads, a heap of its own (time and lane index), one entry a non-empty lane:
  // popping one sinks the next head through a few lanes, not through every event in flight.
  // laneSeq[lane] is the sequence of that lane's head (the heap's tie-break).
  private laneSize = 0;
  private laneTime = new Float64Array(8);
  private laneIdx = new Int32Array(8);
  private laneSeq = new Float64Array(8);
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

  /** Events scheduled and not yet popped. */
  get pending(): number {
    return this.slotSeq.length - this.freeCount + this.laned;
  }

  /** Events scheduled since the start (for benchmarks). */
  get scheduled(): number {
    return this.seq;
  }

  /** A new lane for events scheduled at a constant delay; pass its id to atLane(). */
  lane(): number {
    this.lanes.push(new Lane());
    if (this.lanes.length > this.laneTime.length) {
      const n = this.laneTime.length * 2;
      const time = new Float64Array(n);
      const idx = new Int32Array(n);
      const seq = new Float64Array(n);
      time.set(this.laneTime);
      idx.set(this.laneIdx);
      seq.set(this.laneSeq);
      this.laneTime = time;
      this.laneIdx = idx;
      this.laneSeq = seq;
    }
    return this.lanes.length - 1;
  }

  /** Schedule an event at absolute time `at` (ms, ≥ now); returns a handle for cancel(). */
  at(at: number, type: number, obj: unknown, arg: number): number {
    const slot = this.take(type, obj, arg);
    this.insert(at, slot);
    return this.seq - 1;
  }

  /**
   * Schedule like at(), through a lane: for events that come due in the order they are scheduled
   * (a constant delay after now). Correct whatever the times; fast when they keep that order.
   */
  atLane(lane: number, at: number, type: number, obj: unknown, arg: number): number {
    const q = this.lanes[lane] as Lane;
    if (q.length === 0) {
      // The lane's only event: its head, in the lanes' heap.
      this.admit();
      const seq = this.seq++;
      q.push(seq, at, type, obj, arg);
      this.laneSeq[lane] = seq;
      this.laneTime[this.laneSize] = at;
      this.laneIdx[this.laneSize] = lane;
      siftUp(this.laneTime, this.laneIdx, this.laneSeq, this.laneSize++);
    } else if (at >= q.tailTime) {
      // Behind the lane's last event (a later sequence wins no tie): wait in the lane.
      this.admit();
      q.push(this.seq++, at, type, obj, arg);
    } else this.insert(at, this.take(type, obj, arg));
    return this.seq - 1;
  }

  /**
   * Schedule like at(), ahead of every ordinary event at the same time (in the order such events
   * are scheduled): for observers that close an interval [t − 1 s, t) before anything at t happens
   * (the per-second tick).
   */
  atFirst(at: number, type: number, obj: unknown, arg: number): number {
    const slot = this.take(type, obj, arg);
    this.slotSeq[slot] = (this.slotSeq[slot] as number) - PRIORITY_BAND;
    this.insert(at, slot);
    return this.slotSeq[slot] as number;
  }

  /**
   * Schedule like at(), behind every ordinary event at the same time, as if it were given from
   * outside the run once the clock has reached `at` (timeline actions: a live command applied
   * between two advances and its replay from the timeline then happen at the same point).
   */
  atLast(at: number, type: number, obj: unknown, arg: number): number {
    const slot = this.take(type, obj, arg);
    this.slotSeq[slot] = (this.slotSeq[slot] as number) + PRIORITY_BAND;
    this.insert(at, slot);
    return this.slotSeq[slot] as number;
  }

  /** Schedule after a delay (ms). */
  after(delay: number, type: number, obj: unknown, arg: number): number {
    return this.at(this.now + delay, type, obj, arg);
  }

  /** Cancel a scheduled event; cancelling one already run or cancelled does nothing harmful. */
  cancel(handle: number): void {
    const seq =
      handle >= PRIORITY_BAND
        ? handle - PRIORITY_BAND
        : handle < 0
          ? handle + PRIORITY_BAND
          : handle;
    if (seq >= this.seq || this.cancelled.has(handle)) return;
    this.cancelled.add(handle);
    this.cancelledCount++;
  }

  /** Time of the next event, or Infinity. */
  peekTime(): number {
    const t = this.size === 0 ? Infinity : (this.heapTime[0] as number);
    const l = this.laneSize === 0 ? Infinity : (this.laneTime[0] as number);
    return t < l ? t : l;
  }

  /**
   * Pop the next event at or before `limit` into type/obj/arg and move the clock to it.
   * Returns false (clock untouched) when there is none.
   */
  next(limit: number): boolean {
    for (;;) {
      // The earlier of the two heaps' tops (equal times: the earlier sequence).
      let t: number;
      let slot: number;
      const ln = this.laneSize;
      const lt = ln === 0 ? Infinity : (this.laneTime[0] as number);
      if (this.size === 0) {
        if (ln === 0 || lt > limit) return false;
        if (this.popLane()) return true;
        continue;
      } else {
        const ht = this.heapTime[0] as number;
        if (
          ht < lt ||
          (ht === lt &&
            (this.slotSeq[this.heapSlot[0] as number] as number) <
              (this.laneSeq[this.laneIdx[0] as number] as number))
        ) {
          if (ht > limit) return false;
          slot = this.heapSlot[0] as number;
          removeRoot(this.heapTime, this.heapSlot, this.slotSeq, --this.size);
          t = ht;
        } else {
          if (lt > limit) return false;
          if (this.popLane()) return true;
          continue;
        }
      }
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

  /** A free slot filled with the event's data and the next sequence. */
  private take(type: number, obj: unknown, arg: number): number {
    if (this.freeCount === 0) this.grow();
    const slot = this.free[--this.freeCount] as number;
    this.slotSeq[slot] = this.seq++;
    this.slotType[slot] = type;
    this.slotArg[slot] = arg;
    this.slotObj[slot] = obj;
    return slot;
  }

  /**
   * Take the lanes' earliest head out into now/type/obj/arg (false, clock untouched, if it was
   * cancelled); its lane's next event (if any) takes its place in the lanes' heap.
   */
  private popLane(): boolean {
    const lane = this.laneIdx[0] as number;
    const q = this.lanes[lane] as Lane;
    const i = q.head;
    const seq = q.seq[i] as number;
    const t = this.laneTime[0] as number;
    const type = q.type[i] as number;
    const obj = q.obj[i];
    const arg = q.arg[i] as number;
    const head = q.shift();
    this.laned--;
    if (head < 0) removeRoot(this.laneTime, this.laneIdx, this.laneSeq, --this.laneSize);
    else {
      this.laneSeq[lane] = q.seq[head] as number;
      this.laneTime[0] = q.time[head] as number;
      sinkRoot(this.laneTime, this.laneIdx, this.laneSeq, this.laneSize);
    }
    if (this.cancelledCount > 0 && this.cancelled.delete(seq)) {
      this.cancelledCount--;
      return false;
    }
    this.type = type;
    this.obj = obj;
    this.arg = arg;
    this.now = t;
    return true;
  }

  /** Count one more event waiting in a lane, within the budget of pending events. */
  private admit(): void {
    if (++this.laned + this.slotSeq.length - this.freeCount > this.maxEvents) {
      this.laned--;
      this.overBudget();
    }
  }

  /**
   * Put the slot's event in the heap. An ordinary event is the newest and would lose every tie,
   * but an atFirst() one wins ties and an atLast() one already there must lose to it: on equal
   * times the sequences decide.
   */
  private insert(at: number, slot: number): void {
    this.heapTime[this.size] = at;
    this.heapSlot[this.size] = slot;
    siftUp(this.heapTime, this.heapSlot, this.slotSeq, this.size++);
  }

  private overBudget(): never {
    throw new BudgetError(
      `Memory budget exceeded at t=${(this.now / 1000).toFixed(1)} s: more than ` +
        `${this.maxEvents.toLocaleString('en-US')} pending events. Lower the load or bound the queues.`,
    );
  }

  /** Double every array; called when no slot is free (so the heap is at most that full). */
  private grow(): void {
    const old = this.slotSeq.length;
    const n = old * 2;
    if (old >= this.maxEvents) this.overBudget();
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
    // Every old slot is in use; the new ones are free.
    this.free = new Int32Array(n);
    for (let i = 0; i < old; i++) this.free[i] = n - 1 - i;
    this.freeCount = old;
  }
}
