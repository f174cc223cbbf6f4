// The small steps of the inference (infer.ts): counting sorts over span columns, which callees of
// one request overlap, a service's self time, and the peaks of a series.
import type { EdgeStats, Inference, ServiceStats } from './infer';
import type { SpanStore } from './store';

/** Times closer than this (ms) are one instant: span clocks round to a microsecond. */
export const EPS_MS = 0.001;

/** Counting sort, step 1: where each key's items start (key k's items at [o[k], o[k+1])). */
export function offsets(key: Int32Array, n: number, keys: number, use: (i: number) => boolean) {
  const o = new Int32Array(keys + 1);
  for (let i = 0; i < n; i++)
    if (use(i)) o[(key[i] as number) + 1] = (o[(key[i] as number) + 1] as number) + 1;
  for (let k = 0; k < keys; k++) o[k + 1] = (o[k + 1] as number) + (o[k] as number);
  return o;
}

/** Counting sort, step 2: the items in key order. */
export function scatter(key: Int32Array, n: number, o: Int32Array, use: (i: number) => boolean) {
  const fill = o.slice(0, o.length - 1);
  const out = new Int32Array(Math.max(1, o[o.length - 1] as number));
  for (let i = 0; i < n; i++) {
    if (!use(i)) continue;
    const k = key[i] as number;
    out[fill[k] as number] = i;
    fill[k] = (fill[k] as number) + 1;
  }
  return out;
}

/** Largest number of distinct callees in one request compared pair by pair. */
const MAX_PAIRED = 64;

/**
 * For each two callees of one request: both called, and did a call of one overlap a call of
 * the other? `list` is sorted by callee, then start.
 */
export function pairs(
  from: string,
  list: { to: string; start: number; end: number }[],
  edgeOf: (a: string, b: string) => EdgeStats,
): void {
  const groups: { to: string; a: number; b: number }[] = [];
  for (let k = 0; k < list.length; k++) {
    const c = list[k] as { to: string };
    const g = groups[groups.length - 1];
    if (g !== undefined && g.to === c.to) g.b = k + 1;
    else groups.push({ to: c.to, a: k, b: k + 1 });
  }
  if (groups.length < 2 || groups.length > MAX_PAIRED) return;
  for (let x = 0; x < groups.length; x++)
    for (let y = x + 1; y < groups.length; y++) {
      const gx = groups[x] as (typeof groups)[0];
      const gy = groups[y] as (typeof groups)[0];
      const ov = overlap(list, gx.a, gx.b, gy.a, gy.b);
      for (const [p, q] of [
        [gx, gy],
        [gy, gx],
      ] as const) {
        const e = edgeOf(from, p.to);
        let s = e.beside.get(q.to);
        if (!s) e.beside.set(q.to, (s = { both: 0, overlapped: 0 }));
        s.both++;
        if (ov) s.overlapped++;
      }
    }
}

/** Does a call in list[a0, a1) overlap one in list[b0, b1)? Both runs sorted by start. */
function overlap(
  list: { start: number; end: number }[],
  a0: number,
  a1: number,
  b0: number,
  b1: number,
): boolean {
  let i = a0;
  let j = b0;
  while (i < a1 && j < b1) {
    const p = list[i] as { start: number; end: number };
    const q = list[j] as { start: number; end: number };
    if (Math.min(p.end, q.end) - Math.max(p.start, q.start) > EPS_MS) return true;
    if (p.end < q.end) i++;
    else j++;
  }
  return false;
}

/** The request's time minus the union of its calls' intervals, clipped to the request. */
export function selfTime(
  st: number,
  en: number,
  calls: { start: number; end: number }[],
  counts: Inference['counts'],
): number {
  if (calls.length === 0) return en - st;
  const iv = calls.map((c) => [c.start, c.end] as const).sort((a, b) => a[0] - b[0]);
  let busy = 0;
  let curA = -Infinity;
  let curB = -Infinity;
  for (const [a0, b0] of iv) {
    if (a0 < st - EPS_MS || b0 > en + EPS_MS) counts.callOutsideParent++;
    const a = Math.max(a0, st);
    const b = Math.min(b0, en);
    if (b <= a) continue;
    if (a > curB) {
      if (curB > curA) busy += curB - curA;
      curA = a;
      curB = b;
    } else if (b > curB) curB = b;
  }
  if (curB > curA) busy += curB - curA;
  return Math.max(0, en - st - busy);
}

/** Most requests of each service in flight at once (its server spans overlapping). */
export function peaks(
  store: SpanStore,
  parent: Int32Array,
  services: Map<string, ServiceStats>,
  svcName: (i: number) => string,
  isEntry: (i: number) => boolean,
): void {
  const byService = new Map<string, number[]>();
  for (let i = 0; i < store.size; i++) {
    if (!isEntry(i)) continue;
    const name = svcName(i);
    let l = byService.get(name);
    if (!l) byService.set(name, (l = []));
    l.push(i);
  }
  for (const [name, list] of byService) {
    const starts = new Float64Array(list.length);
    const ends = new Float64Array(list.length);
    list.forEach((i, k) => {
      starts[k] = store.start[i] as number;
      ends[k] = (store.start[i] as number) + (store.dur[i] as number);
    });
    starts.sort();
    ends.sort();
    let a = 0;
    let b = 0;
    let cur = 0;
    let peak = 0;
    while (a < starts.length) {
      if ((starts[a] as number) < (ends[b] as number)) {
        cur++;
        a++;
        if (cur > peak) peak = cur;
      } else {
        cur--;
        b++;
      }
    }
    const s = services.get(name);
    if (s) s.peakInFlight = peak;
  }
}
