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
