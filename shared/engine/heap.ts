// Binary min-heaps on (time, sequence) over parallel arrays: heap index → time and slot; the
// sequence is read through the slot only when two times tie. The kernel (kernel.ts) keeps two of
// them (its events, its lanes' heads) and both go through these functions.

/** Of two events with the same time at heap indices a and b, was a scheduled first? */
function earlier(seqs: Float64Array, slots: Int32Array, a: number, b: number): boolean {
  return (seqs[slots[a] as number] as number) < (seqs[slots[b] as number] as number);
}

/**
 * The event at index n (time[n], slots[n]) rises to its place among its ancestors. The caller put
 * it there: a new event at the end of a heap of `n`, or the last event moved into a hole. (Times
 * travel through the arrays, not as arguments: a double passed to a function the optimiser does
 * not inline is boxed, one allocation per event.)
 */
export function siftUp(time: Float64Array, slots: Int32Array, seqs: Float64Array, n: number): void {
  const at = time[n] as number;
  const slot = slots[n] as number;
  const seq = seqs[slot] as number;
  let i = n;
  while (i > 0) {
    const p = (i - 1) >> 1;
    const pt = time[p] as number;
    if (pt < at || (pt === at && (seqs[slots[p] as number] as number) < seq)) break;
    time[i] = pt;
    slots[i] = slots[p] as number;
    i = p;
  }
  time[i] = at;
  slots[i] = slot;
}

/**
 * Remove the root of a heap that now holds `n` events (its last one at index n). Floyd's
 * bottom-up variant: the hole goes down to a leaf along the earlier children (one comparison a
 * level), then the last event rises into it (usually not at all, since it came from the bottom).
 */
export function removeRoot(
  time: Float64Array,
  slots: Int32Array,
  seqs: Float64Array,
  n: number,
): void {
  if (n === 0) return;
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) break;
    let ct = time[c] as number;
    if (c + 1 < n) {
      // The right child when it comes first: a 0/1 added, not a branch (which one comes first
      // is a coin toss the CPU would mispredict half the time); equal times are rare.
      const rt = time[c + 1] as number;
      c += rt === ct ? Number(earlier(seqs, slots, c + 1, c)) : Number(rt < ct);
      ct = time[c] as number;
    }
    time[i] = ct;
    slots[i] = slots[c] as number;
    i = c;
  }
  // The last event moves into the hole and rises from there.
  time[i] = time[n] as number;
  slots[i] = slots[n] as number;
  siftUp(time, slots, seqs, i);
}

/** The caller put a new root (time[0], slots[0]) in a heap of `n` events: sink it (stops early). */
export function sinkRoot(
  time: Float64Array,
  slots: Int32Array,
  seqs: Float64Array,
  n: number,
): void {
  const t = time[0] as number;
  const slot = slots[0] as number;
  const seq = seqs[slot] as number;
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) break;
    let ct = time[c] as number;
    if (c + 1 < n) {
      const rt = time[c + 1] as number;
      c += rt === ct ? Number(earlier(seqs, slots, c + 1, c)) : Number(rt < ct);
      ct = time[c] as number;
    }
    if (t < ct || (t === ct && seq < (seqs[slots[c] as number] as number))) break;
    time[i] = ct;
    slots[i] = slots[c] as number;
    i = c;
  }
  time[i] = t;
  slots[i] = slot;
}
