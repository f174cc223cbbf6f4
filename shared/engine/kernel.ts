// The discrete-event kernel: a virtual clock in ms and a binary heap of events ordered by
// (time, sequence). An event is a record in parallel typed arrays — a numeric type, an object
// and a numeric argument — so scheduling allocates nothing; the simulation dispatches on the type.
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
  private time: Float64Array;
  private order: Float64Array;
  private types: Int32Array;
  private args: Float64Array;
  private objs: unknown[];
  private readonly cancelled = new Set<number>();

  constructor(
    private readonly maxEvents: number,
    capacity = 1024,
  ) {
    this.time = new Float64Array(capacity);
    this.order = new Float64Array(capacity);
    this.types = new Int32Array(capacity);
    this.args = new Float64Array(capacity);
    this.objs = new Array<unknown>(capacity).fill(null);
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
    if (this.size === this.time.length) this.grow();
    const seq = this.seq++;
    const time = this.time;
    const order = this.order;
    const types = this.types;
    const args = this.args;
    const objs = this.objs;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = time[p] as number;
      if (pt < at || (pt === at && (order[p] as number) < seq)) break;
      time[i] = pt;
      order[i] = order[p] as number;
      types[i] = types[p] as number;
      args[i] = args[p] as number;
      objs[i] = objs[p];
      i = p;
    }
    time[i] = at;
    order[i] = seq;
    types[i] = type;
    args[i] = arg;
    objs[i] = obj;
    return seq;
  }

  /** Schedule after a delay (ms). */
  after(delay: number, type: number, obj: unknown, arg: number): number {
    return this.at(this.now + delay, type, obj, arg);
  }

  /** Cancel a scheduled event; cancelling one already run or cancelled does nothing harmful. */
  cancel(handle: number): void {
    this.cancelled.add(handle);
  }

  /** Time of the next event, or Infinity. */
  peekTime(): number {
    return this.size === 0 ? Infinity : (this.time[0] as number);
  }

  /**
   * Pop the next event at or before `limit` into type/obj/arg and move the clock to it.
   * Returns false (clock untouched) when there is none.
   */
  next(limit: number): boolean {
    for (;;) {
      if (this.size === 0) return false;
      const t = this.time[0] as number;
      if (t > limit) return false;
      const seq = this.order[0] as number;
      this.type = this.types[0] as number;
      this.obj = this.objs[0];
      this.arg = this.args[0] as number;
      this.removeTop();
      if (this.cancelled.size > 0 && this.cancelled.delete(seq)) continue;
      this.now = t;
      return true;
    }
  }

  private removeTop(): void {
    const n = --this.size;
    const time = this.time;
    const order = this.order;
    const types = this.types;
    const args = this.args;
    const objs = this.objs;
    const lt = time[n] as number;
    const ls = order[n] as number;
    const ltype = types[n] as number;
    const larg = args[n] as number;
    const lobj = objs[n];
    objs[n] = null;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let ct = time[c] as number;
      const r = c + 1;
      if (r < n) {
        const rt = time[r] as number;
        if (rt < ct || (rt === ct && (order[r] as number) < (order[c] as number))) {
          c = r;
          ct = rt;
        }
      }
      if (lt < ct || (lt === ct && ls < (order[c] as number))) break;
      time[i] = ct;
      order[i] = order[c] as number;
      types[i] = types[c] as number;
      args[i] = args[c] as number;
      objs[i] = objs[c];
      i = c;
    }
    time[i] = lt;
    order[i] = ls;
    types[i] = ltype;
    args[i] = larg;
    objs[i] = lobj;
  }

  private grow(): void {
    const n = this.time.length * 2;
    if (this.size >= this.maxEvents) {
      throw new BudgetError(
        `Memory budget exceeded at t=${(this.now / 1000).toFixed(1)} s: more than ` +
          `${this.maxEvents.toLocaleString('en-US')} pending events. Lower the load or bound the queues.`,
      );
    }
    const time = new Float64Array(n);
    time.set(this.time);
    this.time = time;
    const order = new Float64Array(n);
    order.set(this.order);
    this.order = order;
    const types = new Int32Array(n);
    types.set(this.types);
    this.types = types;
    const args = new Float64Array(n);
    args.set(this.args);
    this.args = args;
    const objs = new Array<unknown>(n).fill(null);
    for (let i = 0; i < this.size; i++) objs[i] = this.objs[i];
    this.objs = objs;
  }
}
