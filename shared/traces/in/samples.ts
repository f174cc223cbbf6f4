// A growable list of numbers in a Float64Array.
export class Samples {
  private a = new Float64Array(16);
  size = 0;
  push(x: number): void {
    if (this.size === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.size++] = x;
  }
  /** The values, sorted ascending (a copy). */
  sorted(): Float64Array {
    return this.a.slice(0, this.size).sort();
  }
}

/** The q-quantile (0…1) of sorted values, interpolated linearly between order statistics. */
export function quantile(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? 0;
  const b = sorted[Math.min(n - 1, lo + 1)] ?? a;
  return a + (h - lo) * (b - a);
}
