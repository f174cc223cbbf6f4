// Reading a fault's params: numbers with their units in their names, checked with a message that
// names the param (`scenarios[0].timeline[2].params.percent`).
import type { ActionCheck } from '../actionRegistry';
import type { Sampler } from '../distribution';
import { samplerOf } from '../distribution';
import { Distribution } from '../../model/distributions';

export function num(
  c: ActionCheck,
  key: string,
  min: number,
  max: number,
  fallback?: number,
): number {
  const v = c.entry.params[key];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max) return v;
  c.bad(`${key} must be a number from ${min} to ${max}`, `params.${key}`);
  return fallback ?? min;
}

export function int(
  c: ActionCheck,
  key: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const v = c.entry.params[key];
  if (v === undefined) return fallback;
  if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
  c.bad(`${key} must be an integer from ${min} to ${max}`, `params.${key}`);
  return fallback;
}

/** A latency distribution param (`{ dist: 'exponential', meanMs: 50 }`), as service times are. */
export function distribution(c: ActionCheck, key: string): Sampler | null {
  const v = c.entry.params[key];
  if (v === undefined) return null;
  const parsed = Distribution.safeParse(v);
  if (parsed.success) return samplerOf(parsed.data);
  c.bad(
    `${key} must be a distribution: { dist: "constant" | "exponential", meanMs } or ` +
      '{ dist: "lognormal", p50Ms, p99Ms }',
    `params.${key}`,
  );
  return null;
}

export function strings(c: ActionCheck, key: string): string[] | null {
  const v = c.entry.params[key];
  if (v === undefined) return null;
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) return v;
  c.bad(`${key} must be a non-empty list of ids`, `params.${key}`);
  return null;
}

/** The end of a fault with a duration, as the built-in actions schedule it. */
export const forOf = (forMs: number): string =>
  forMs === Infinity ? 'until the end' : `for ${forMs / 1000} s`;
