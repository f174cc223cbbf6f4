// Latency distributions compiled to a sampler: a numeric kind and two parameters, no closures.
import type { Distribution } from '../model';
import { Z99 } from '../model/distributions';
import type { Rng } from './rng';
import { exp, log } from './detMath';

export const DIST_CONSTANT = 0;
export const DIST_EXPONENTIAL = 1;
export const DIST_LOGNORMAL = 2;
export const DIST_EMPIRICAL = 3;

export interface Sampler {
  kind: number;
  /** constant/exponential: mean (ms); lognormal: μ of the underlying normal. */
  a: number;
  /** lognormal: σ of the underlying normal. */
  b: number;
  /** empirical: the table's cumulative probabilities and times, interleaved (p0, ms0, p1, ms1…). */
  q: Float64Array;
}

const NO_TABLE = new Float64Array(0);

export function samplerOf(d: Distribution): Sampler {
  if (d.dist === 'constant') return { kind: DIST_CONSTANT, a: d.meanMs, b: 0, q: NO_TABLE };
  if (d.dist === 'exponential') return { kind: DIST_EXPONENTIAL, a: d.meanMs, b: 0, q: NO_TABLE };
  if (d.dist === 'empirical') {
    const q = new Float64Array(d.quantiles.length * 2);
    d.quantiles.forEach((row, i) => {
      q[2 * i] = row.p;
      q[2 * i + 1] = row.ms;
    });
    return { kind: DIST_EMPIRICAL, a: 0, b: 0, q };
  }
  // μ and σ of the underlying normal, with the deterministic log (see detMath.ts).
  return { kind: DIST_LOGNORMAL, a: log(d.p50Ms), b: log(d.p99Ms / d.p50Ms) / Z99, q: NO_TABLE };
}

/** Inverse CDF of a quantile table at u in [0, 1): binary search, then linear interpolation. */
export function inverseCdf(q: Float64Array, u: number): number {
  let lo = 0;
  let hi = q.length / 2 - 1;
  // Invariant: p[lo] ≤ u < p[hi] (p[0] = 0, p[last] = 1).
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((q[2 * mid] as number) <= u) lo = mid;
    else hi = mid;
  }
  const p0 = q[2 * lo] as number;
  const m0 = q[2 * lo + 1] as number;
  const p1 = q[2 * hi] as number;
  const m1 = q[2 * hi + 1] as number;
  return m0 + ((m1 - m0) * (u - p0)) / (p1 - p0);
}

export function sample(s: Sampler, rng: Rng): number {
  if (s.kind === DIST_EXPONENTIAL) return -s.a * log(1 - rng.next());
  if (s.kind === DIST_CONSTANT) return s.a;
  if (s.kind === DIST_EMPIRICAL) return inverseCdf(s.q, rng.next());
  return exp(s.a + s.b * rng.normal());
}
