// HDR-style latency histogram: values in whole microseconds, log-linear buckets — exact below
// 128 µs, then 64 linear sub-buckets per power of two (≤ 0.8 % error at the bucket midpoint).
// 1,664 buckets cover 0 µs … 35 min whatever the run length; larger values land in the last one.
// min, max and the exact sum are kept beside the buckets.

const SUB_BITS = 6;
const BUCKETS = (31 - SUB_BITS) * 64 + 64; // 1664
const MAX_US = 2 ** 31 - 1;

function indexOf(us: number): number {
  if (us < 128) return us;
  const e = 31 - Math.clz32(us);
  return ((e - SUB_BITS) << SUB_BITS) + (us >>> (e - SUB_BITS));
}

/** The bucket of a value in ms. */
export function bucketOf(ms: number): number {
  const x = ms * 1000;
  // From 0.5 µs on, Math.round(x) is floor(x + 0.5), exactly (the sum rounds across an integer
  // only below 0.5), and the truncation to an integer is that floor: no rounding instruction.
  if (x >= 0.5 && x < MAX_US) return indexOf((x + 0.5) | 0);
  let us = Math.round(x);
  if (us > MAX_US) us = MAX_US;
  if (us < 0) us = 0;
  return indexOf(us);
}

/** Midpoint of a bucket in µs. */
function valueOf(index: number): number {
  if (index < 128) return index;
  const e = (index >> SUB_BITS) + SUB_BITS - 1;
  const sub = (index & 63) + 64;
  const width = 2 ** (e - SUB_BITS);
  return sub * width + (width - 1) / 2;
}

export class Histogram {
  count = 0;
  sum = 0;
  min = Infinity;
  max = 0;
  private counts: Float64Array | null = null;
  private lo = BUCKETS;
  private hi = -1;

  record(ms: number): void {
    this.add(bucketOf(ms), ms);
  }

  /** Record `ms` whose bucket is `i` = bucketOf(ms) (for recording one value in two histograms). */
  add(i: number, ms: number): void {
    let counts = this.counts;
    if (counts === null) counts = this.counts = new Float64Array(BUCKETS);
    counts[i] = (counts[i] as number) + 1;
    if (i < this.lo) this.lo = i;
    if (i > this.hi) this.hi = i;
    this.count++;
    this.sum += ms;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
  }

  get mean(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  /** Value at quantile q (0…1) in ms, clamped to the exact min and max; 0 when empty. */
  quantile(q: number): number {
    const counts = this.counts;
    if (counts === null || this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = this.lo; i <= this.hi; i++) {
      seen += counts[i] as number;
      if (seen >= rank) {
        const ms = valueOf(i) / 1000;
        return Math.min(this.max, Math.max(this.min, ms));
      }
    }
    return this.max;
  }

  /**
   * quantile(q) for each of `qs` (ascending), in one walk over the buckets instead of one walk a
   * quantile: the per-second p50, p95 and p99 of every node (metrics.ts). Same values as
   * quantile().
   */
  quantilesInto(qs: readonly number[], out: number[]): void {
    const counts = this.counts;
    const n = qs.length;
    if (counts === null || this.count === 0) {
      for (let k = 0; k < n; k++) out[k] = 0;
      return;
    }
    let k = 0;
    let rank = Math.max(1, Math.ceil((qs[0] as number) * this.count));
    let seen = 0;
    for (let i = this.lo; i <= this.hi && k < n; i++) {
      seen += counts[i] as number;
      while (k < n && seen >= rank) {
        const ms = valueOf(i) / 1000;
        out[k++] = Math.min(this.max, Math.max(this.min, ms));
        if (k < n) rank = Math.max(1, Math.ceil((qs[k] as number) * this.count));
      }
    }
    for (; k < n; k++) out[k] = this.max;
  }

  /** Each non-empty bucket as (index, count), in index order (windowed SLOs, sloWindow.ts). */
  forEachBucket(fn: (index: number, n: number) => void): void {
    const counts = this.counts;
    if (counts === null) return;
    for (let i = this.lo; i <= this.hi; i++) {
      const n = counts[i] as number;
      if (n !== 0) fn(i, n);
    }
  }

  /**
   * Add `n` values (or take them away, n < 0) in bucket `index`, for a rolling window's running
   * sum of per-second histograms (sloWindow.ts). Only the counts move: the caller sets min and
   * max, which quantile() clamps to; sum and mean are not kept.
   */
  shift(index: number, n: number): void {
    let counts = this.counts;
    if (counts === null) counts = this.counts = new Float64Array(BUCKETS);
    counts[index] = (counts[index] as number) + n;
    if (index < this.lo) this.lo = index;
    if (index > this.hi) this.hi = index;
    this.count += n;
  }

  /** Empty it again, touching only the buckets in use. */
  reset(): void {
    if (this.counts !== null && this.hi >= this.lo) this.counts.fill(0, this.lo, this.hi + 1);
    this.lo = BUCKETS;
    this.hi = -1;
    this.count = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = 0;
  }
}
