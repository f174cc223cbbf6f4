// Rate limiters against docs/semantics.md §11.1 (token bucket, leaky bucket as a queue, fixed
// window, sliding window counter approximation as Cloudflare describes it in "How we built rate
// limiting capable of scaling to millions of domains"). Numbers worked by hand.
import { describe, expect, it } from 'vitest';
import {
  RateLimiters,
  newLimiter,
  slidingEstimate,
  tryAcquire,
  type RateLimitConfig,
} from '../../../shared/engine/control/rateLimit';

const config = (c: Partial<RateLimitConfig>): RateLimitConfig => ({
  algorithm: 'token-bucket',
  capacity: 5,
  ratePerS: 2,
  windowMs: 1000,
  ...c,
});

function admitted(s: ReturnType<typeof newLimiter>, times: number[]): number[] {
  return times.filter((t) => tryAcquire(s, t).admitted);
}

describe('token bucket (b = 5, r = 2/s): tokens = min(b, tokens + r·Δt)', () => {
  it('admits a burst of b, then r per second', () => {
    const s = newLimiter(config({}));
    // 8 at t = 0: the 5 tokens go, 3 are rejected.
    expect(admitted(s, [0, 0, 0, 0, 0, 0, 0, 0])).toEqual([0, 0, 0, 0, 0]);
    // One request every 100 ms: 0.2 token each, a whole token every 500 ms.
    const every100 = Array.from({ length: 20 }, (_, i) => (i + 1) * 100);
    expect(admitted(s, every100)).toEqual([500, 1000, 1500, 2000]);
  });

  it('refills to b and no further: after 10 s idle, a burst of 5 again', () => {
    const s = newLimiter(config({}));
    admitted(s, [0, 0, 0, 0, 0]);
    expect(
      admitted(
        s,
        Array.from({ length: 7 }, () => 10_000),
      ),
    ).toHaveLength(5);
  });

  it('rejects with 429, cause rate_limited, and the time until the next token', () => {
    const s = newLimiter(config({}));
    admitted(s, [0, 0, 0, 0, 0]);
    expect(tryAcquire(s, 0)).toEqual({
      admitted: false,
      cause: 'rate_limited',
      status: 429,
      retryAfterMs: 500,
    });
    expect(tryAcquire(s, 300)).toMatchObject({ admitted: false, retryAfterMs: 200 });
  });
});

describe('leaky bucket as a queue (capacity 3, r = 10/s)', () => {
  it('queues up to capacity and lets one leave every 100 ms; overflow is rejected', () => {
    const s = newLimiter(config({ algorithm: 'leaky-bucket', capacity: 3, ratePerS: 10 }));
    const out = Array.from({ length: 6 }, () => tryAcquire(s, 0));
    expect(out.map((a) => (a.admitted ? a.departAtMs : 'rejected'))).toEqual([
      0,
      100,
      200,
      300,
      'rejected',
      'rejected',
    ]);
    // At 150 ms the one leaving at 100 is gone: one place is free, next departure at 400.
    expect(tryAcquire(s, 150)).toEqual({ admitted: true, departAtMs: 400 });
    expect(tryAcquire(s, 150)).toMatchObject({ admitted: false, retryAfterMs: 50 });
  });
});

describe('fixed window (limit 10 per 1 s)', () => {
  it('allows 2× the limit in a burst across a boundary', () => {
    const s = newLimiter(config({ algorithm: 'fixed-window', capacity: 10 }));
    const before = Array.from({ length: 11 }, (_, i) => 900 + i * 9); // 900 … 990
    const after = Array.from({ length: 11 }, (_, i) => 1000 + i * 9); // 1000 … 1090
    expect(admitted(s, before)).toHaveLength(10);
    expect(admitted(s, after)).toHaveLength(10);
    // 20 requests admitted within 190 ms although the limit is 10 per second.
    expect(tryAcquire(s, 1500)).toMatchObject({ admitted: false, retryAfterMs: 500 });
  });
});

describe('sliding window counter (limit 10 per 1 s): prev × (1 − elapsed/T) + curr', () => {
  it('weights the previous window by the share of it still inside the sliding window', () => {
    const s = newLimiter(config({ algorithm: 'sliding-window', capacity: 10 }));
    expect(
      admitted(
        s,
        Array.from({ length: 8 }, () => 500),
      ),
    ).toHaveLength(8);
    // t = 1250: 8 × 0.75 + 0 = 6 → admits while 6 + curr < 10: 4 requests.
    expect(slidingEstimate(s, 1250)).toBe(6);
    expect(
      admitted(
        s,
        Array.from({ length: 6 }, () => 1250),
      ),
    ).toHaveLength(4);
    // t = 1500: 8 × 0.5 + 4 = 8 → 2 more.
    expect(slidingEstimate(s, 1500)).toBe(8);
    expect(
      admitted(
        s,
        Array.from({ length: 5 }, () => 1500),
      ),
    ).toHaveLength(2);
    // t = 2100: the previous window (1000–2000) had 6: 6 × 0.9 = 5.4 → 5 more (5.4 + 4 < 10).
    expect(slidingEstimate(s, 2100)).toBeCloseTo(5.4, 10);
    expect(
      admitted(
        s,
        Array.from({ length: 8 }, () => 2100),
      ),
    ).toHaveLength(5);
    // Two windows later nothing of the past is left.
    expect(slidingEstimate(s, 4000)).toBe(0);
  });
});

describe('per-key limiters (per route or per client)', () => {
  it('keeps one bucket per key', () => {
    const limits = new RateLimiters(config({ capacity: 1, ratePerS: 1 }));
    expect(limits.tryAcquire('alice', 0).admitted).toBe(true);
    expect(limits.tryAcquire('alice', 0).admitted).toBe(false);
    expect(limits.tryAcquire('bob', 0).admitted).toBe(true);
  });
});
