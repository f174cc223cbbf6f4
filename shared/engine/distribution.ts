// Latency distributions compiled to a sampler: a numeric kind and two parameters, no closures.
import type { Distribution } from '../model';
import { Z99 } from '../model/distributions';
import type { Rng } from './rng';
import { exp, log } from './detMath';

export const DIST_CONSTANT = 0;
export const DIST_EXPONENTIAL = 1;
export const DIST_LOGNORMAL = 2;

export interface Sampler {
  kind: number;
  /** constant/exponential: mean (ms); lognormal: μ of the underlying normal. */
  a: number;
  /** lognormal: σ of the underlying normal. */
  b: number;
}

export function samplerOf(d: Distribution): Sampler {
  if (d.dist === 'constant') return { kind: DIST_CONSTANT, a: d.meanMs, b: 0 };
  if (d.dist === 'exponential') return { kind: DIST_EXPONENTIAL, a: d.meanMs, b: 0 };
  // μ and σ of the underlying normal, with the deterministic log (see detMath.ts).
  return { kind: DIST_LOGNORMAL, a: log(d.p50Ms), b: log(d.p99Ms / d.p50Ms) / Z99 };
}

export function sample(s: Sampler, rng: Rng): number {
  if (s.kind === DIST_EXPONENTIAL) return -s.a * log(1 - rng.next());
  if (s.kind === DIST_CONSTANT) return s.a;
  return exp(s.a + s.b * rng.normal());
}
