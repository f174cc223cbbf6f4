// Gateway rate limiters with the formulas of docs/semantics.md §11.1: token bucket, leaky bucket
// (as a queue), fixed window, sliding window (counter approximation). A limiter is plain data that
// `tryAcquire` updates in place (it runs once per request); a rejection is HTTP 429 with cause
// `rate_limited`. Limits apply per route or per client: `RateLimiters` keeps one state per key.

export type RateLimitAlgorithm =
  'token-bucket' | 'leaky-bucket' | 'fixed-window' | 'sliding-window';

export interface RateLimitConfig {
  algorithm: RateLimitAlgorithm;
  /** Token bucket: bucket size b (the burst). Leaky bucket: queue length. Windows: the limit. */
  capacity: number;
  /** Token bucket: refill r tokens/s. Leaky bucket: leak rate r requests/s. */
  ratePerS: number;
  /** Windows: window length T. */
  windowMs: number;
}

export type Admission =
  | { admitted: true; /** Leaky bucket: when the request leaves the queue. */ departAtMs: number }
  | { admitted: false; cause: 'rate_limited'; status: 429; retryAfterMs: number };

export interface LimiterState {
  config: RateLimitConfig;
  /** Token bucket: tokens × 1000 (milli-tokens keep whole-number rates exact). */
  milliTokens: number;
  lastMs: number;
  /** Leaky bucket: departure times of the requests still waiting, oldest first. */
  queue: number[];
  lastDepartureMs: number;
  /** Windows: start of the current window and its count; the previous window's count. */
  windowStartMs: number;
  count: number;
  previousCount: number;
}

export function newLimiter(config: RateLimitConfig, nowMs = 0): LimiterState {
  return {
    config,
    milliTokens: config.capacity * 1000,
    lastMs: nowMs,
    queue: [],
    lastDepartureMs: -Infinity,
    windowStartMs: Math.floor(nowMs / config.windowMs) * config.windowMs,
    count: 0,
    previousCount: 0,
  };
}

function reject(retryAfterMs: number): Admission {
  return { admitted: false, cause: 'rate_limited', status: 429, retryAfterMs };
}

/** Admit or reject one request arriving at `nowMs` (times never go backwards). */
export function tryAcquire(s: LimiterState, nowMs: number): Admission {
  switch (s.config.algorithm) {
    case 'token-bucket':
      return tokenBucket(s, nowMs);
    case 'leaky-bucket':
      return leakyBucket(s, nowMs);
    case 'fixed-window':
      return fixedWindow(s, nowMs);
    case 'sliding-window':
      return slidingWindow(s, nowMs);
  }
}

/** tokens = min(b, tokens + r·Δt); admit if tokens ≥ 1, then tokens −= 1. */
function tokenBucket(s: LimiterState, nowMs: number): Admission {
  const { capacity, ratePerS } = s.config;
  // r tokens/s = r milli-tokens/ms.
  s.milliTokens = Math.min(capacity * 1000, s.milliTokens + ratePerS * (nowMs - s.lastMs));
  s.lastMs = nowMs;
  if (s.milliTokens >= 1000) {
    s.milliTokens -= 1000;
    return { admitted: true, departAtMs: nowMs };
  }
  return reject(ratePerS > 0 ? Math.ceil((1000 - s.milliTokens) / ratePerS) : Infinity);
}

/**
 * Requests wait in a queue of `capacity` and leave one every 1/r s; a request finding the queue
 * full is rejected. One arriving at an idle bucket leaves at once (it never waits).
 */
function leakyBucket(s: LimiterState, nowMs: number): Admission {
  const intervalMs = 1000 / s.config.ratePerS;
  while (s.queue.length > 0 && (s.queue[0] as number) <= nowMs) s.queue.shift();
  if (s.queue.length >= s.config.capacity) {
    return reject((s.queue[0] as number) - nowMs);
  }
  const departAtMs = Math.max(nowMs, s.lastDepartureMs + intervalMs);
  s.lastDepartureMs = departAtMs;
  if (departAtMs > nowMs) s.queue.push(departAtMs);
  return { admitted: true, departAtMs };
}

function rollWindow(s: LimiterState, nowMs: number): number {
  const T = s.config.windowMs;
  const start = Math.floor(nowMs / T) * T;
  if (start !== s.windowStartMs) {
    s.previousCount = start - s.windowStartMs === T ? s.count : 0;
    s.count = 0;
    s.windowStartMs = start;
  }
  return start;
}

/** Count per window of length T, reset at the boundaries (so 2× bursts across one). */
function fixedWindow(s: LimiterState, nowMs: number): Admission {
  const start = rollWindow(s, nowMs);
  if (s.count >= s.config.capacity) return reject(start + s.config.windowMs - nowMs);
  s.count++;
  return { admitted: true, departAtMs: nowMs };
}

/** The sliding-window estimate at `nowMs`: prev_count × (1 − elapsed/T) + curr_count. */
export function slidingEstimate(s: LimiterState, nowMs: number): number {
  const start = rollWindow(s, nowMs);
  const elapsed = nowMs - start;
  return s.previousCount * (1 - elapsed / s.config.windowMs) + s.count;
}

function slidingWindow(s: LimiterState, nowMs: number): Admission {
  if (slidingEstimate(s, nowMs) < s.config.capacity) {
    s.count++;
    return { admitted: true, departAtMs: nowMs };
  }
  return reject(Math.max(1, s.windowStartMs + s.config.windowMs - nowMs));
}

/** One limiter per key (a route prefix or a client id), created on first use. */
export class RateLimiters {
  private readonly byKey = new Map<string, LimiterState>();
  constructor(readonly config: RateLimitConfig) {}

  tryAcquire(key: string, nowMs: number): Admission {
    let s = this.byKey.get(key);
    if (s === undefined) {
      s = newLimiter(this.config, nowMs);
      this.byKey.set(key, s);
    }
    return tryAcquire(s, nowMs);
  }
}
