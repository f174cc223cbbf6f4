// Error causes: a request ends ok (0) or with one of these. Index = numeric code.
export const CAUSES = [
  'ok',
  'timeout',
  'queue_full',
  'pool_timeout',
  'internal',
  'unauthorized',
  'upstream_error',
  'unavailable',
  'connection_reset',
  'overloaded',
  'hop_limit',
  'connection_refused',
  'rate_limited',
  'circuit_open',
  'injected_error',
] as const;
export type Cause = (typeof CAUSES)[number];

export const OK = 0;
export const TIMEOUT = 1;
export const QUEUE_FULL = 2;
export const POOL_TIMEOUT = 3;
export const INTERNAL = 4;
export const UNAUTHORIZED = 5;
export const UPSTREAM_ERROR = 6;
export const UNAVAILABLE = 7;
export const CONNECTION_RESET = 8;
export const OVERLOADED = 9;
export const HOP_LIMIT = 10;
/** Nothing listens on the pod (it died, got SIGTERM, or has not started): a stale endpoint. */
export const CONNECTION_REFUSED = 11;
/** HTTP 429 from a gateway's rate limiter. */
export const RATE_LIMITED = 12;
/** A circuit breaker is OPEN (Resilience4j CallNotPermittedException). */
export const CIRCUIT_OPEN = 13;
/** A fault's abort: the caller's proxy answered with an HTTP error (faults/network.ts). */
export const INJECTED_ERROR = CAUSES.indexOf('injected_error');
export const CAUSE_COUNT = CAUSES.length;

/** Causes a caller does not retry: the answer would be the same (4xx) or the chain is too deep. */
export function retryable(cause: number): boolean {
  return (
    cause !== UNAUTHORIZED &&
    cause !== HOP_LIMIT &&
    cause !== RATE_LIMITED &&
    cause !== CIRCUIT_OPEN
  );
}

/** `{ timeout: 3, … }` from counts indexed by cause, zero counts left out. */
export function causeCounts(counts: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 1; i < CAUSE_COUNT; i++) {
    const n = counts[i] ?? 0;
    if (n > 0) out[CAUSES[i] as string] = n;
  }
  return out;
}
