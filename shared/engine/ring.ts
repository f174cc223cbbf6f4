// Growable FIFO ring buffers: one for objects, one for numbers. No allocation once grown.

export class Ring<T> {
  private items: (T | null)[] = new Array<T | null>(8).fill(null);
  private head = 0;
  length = 0;

  push(item: T): void {
    if (this.length === this.items.length) this.grow();
    this.items[(this.head + this.length) & (this.items.length - 1)] = item;
    this.length++;
  }

  /** The oldest item; call only when length > 0. */
  peek(): T {
    return this.items[this.head] as T;
  }

  shift(): T {
    const item = this.items[this.head] as T;
    this.items[this.head] = null;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.length--;
    return item;
  }

  private grow(): void {
    const next = new Array<T | null>(this.items.length * 2).fill(null);
    for (let i = 0; i < this.length; i++)
      next[i] = this.items[(this.head + i) & (this.items.length - 1)] ?? null;
    this.items = next;
    this.head = 0;
  }
}

export class NumberRing {
  private items = new Float64Array(8);
  private head = 0;
  length = 0;

  push(value: number): void {
    if (this.length === this.items.length) this.grow();
    this.items[(this.head + this.length) & (this.items.length - 1)] = value;
    this.length++;
  }

  peek(): number {
    return this.items[this.head] as number;
  }

  shift(): number {
    const value = this.items[this.head] as number;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.length--;
    return value;
  }

  private grow(): void {
    const next = new Float64Array(this.items.length * 2);
    for (let i = 0; i < this.length; i++)
      next[i] = this.items[(this.head + i) & (this.items.length - 1)] as number;
    this.items = next;
    this.head = 0;
  }
}

/**
 * A FIFO of (item, token, time) triples in one ring (an edge's attempts waiting on its timeout):
 * one bounds check and one head to move per entry instead of three rings'.
 */
export class TripleRing<T> {
  private items: (T | null)[] = new Array<T | null>(8).fill(null);
  // token and time of entry i at 2i and 2i + 1.
  private nums = new Float64Array(16);
  private head = 0;
  length = 0;

  push(item: T, token: number, time: number): void {
    if (this.length === this.items.length) this.grow();
    const i = (this.head + this.length) & (this.items.length - 1);
    this.items[i] = item;
    this.nums[2 * i] = token;
    this.nums[2 * i + 1] = time;
    this.length++;
  }

  /** The oldest entry's item, token and time; call only when length > 0. */
  peekItem(): T {
    return this.items[this.head] as T;
  }
  peekToken(): number {
    return this.nums[2 * this.head] as number;
  }
  peekTime(): number {
    return this.nums[2 * this.head + 1] as number;
  }

  /** Drop the oldest entry. */
  shift(): void {
    this.items[this.head] = null;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.length--;
  }

  private grow(): void {
    const n = this.items.length;
    const items = new Array<T | null>(n * 2).fill(null);
    const nums = new Float64Array(n * 4);
    for (let k = 0; k < this.length; k++) {
      const j = (this.head + k) & (n - 1);
      items[k] = this.items[j] ?? null;
      nums[2 * k] = this.nums[2 * j] as number;
      nums[2 * k + 1] = this.nums[2 * j + 1] as number;
    }
    this.items = items;
    this.nums = nums;
    this.head = 0;
  }
}
