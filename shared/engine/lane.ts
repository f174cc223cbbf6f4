// A kernel lane (kernel.ts): events scheduled a constant delay after now, which come due in the
// order they are scheduled, kept in a FIFO of their own.

/**
 * A FIFO of events in (time, sequence) order, kept in the lane itself (no slot: appending one
 * is a few stores, popping one a few loads); only its head is in the lanes' heap.
 */
export class Lane {
  seq = new Float64Array(16);
  time = new Float64Array(16);
  type = new Int32Array(16);
  arg = new Float64Array(16);
  obj: unknown[] = new Array<unknown>(16).fill(null);
  head = 0;
  length = 0;
  /** Time of the last event appended (valid while length > 0). */
  tailTime = 0;

  push(seq: number, time: number, type: number, obj: unknown, arg: number): void {
    if (this.length === this.seq.length) this.grow();
    const i = (this.head + this.length) & (this.seq.length - 1);
    this.seq[i] = seq;
    this.time[i] = time;
    this.type[i] = type;
    this.arg[i] = arg;
    this.obj[i] = obj;
    this.length++;
    this.tailTime = time;
  }

  /** Drop the head; returns the new head's index, or -1 when the lane is empty. */
  shift(): number {
    this.head = (this.head + 1) & (this.seq.length - 1);
    return --this.length === 0 ? -1 : this.head;
  }

  private grow(): void {
    const n = this.seq.length * 2;
    const mask = this.seq.length - 1;
    const seq = new Float64Array(n);
    const time = new Float64Array(n);
    const type = new Int32Array(n);
    const arg = new Float64Array(n);
    const obj = new Array<unknown>(n).fill(null);
    for (let i = 0; i < this.length; i++) {
      const j = (this.head + i) & mask;
      seq[i] = this.seq[j] as number;
      time[i] = this.time[j] as number;
      type[i] = this.type[j] as number;
      arg[i] = this.arg[j] as number;
      obj[i] = this.obj[j];
    }
    this.seq = seq;
    this.time = time;
    this.type = type;
    this.arg = arg;
    this.obj = obj;
    this.head = 0;
  }
}
