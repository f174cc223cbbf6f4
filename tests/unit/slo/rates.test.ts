// Error-rate and availability SLOs, end to end and per node, whole run and windowed.
import { describe, expect, it } from 'vitest';
import { runToEnd, type RunResult } from '../../../shared/engine';
import { shop } from './docs';

const dbOutage = [{ atS: 10, action: 'fail-node', target: 'db', params: {}, forS: 5 }];

/** Brute force over the clients' per-second series: the worst W-second window's error rate. */
function worstErrorRate(r: RunResult, w: number): { rate: number; fromS: number } {
  const s = r.nodes['users']?.series;
  if (!s) throw new Error('no series');
  const errors = s.t.map((_, i) => Object.values(s.errors).reduce((n, l) => n + (l[i] ?? 0), 0));
  let best = { rate: -1, fromS: -1 };
  for (let i = 0; i + w <= s.t.length; i++) {
    let e = 0;
    let d = 0;
    for (let k = i; k < i + w; k++) {
      e += errors[k] ?? 0;
      d += (s.ok[k] ?? 0) + (errors[k] ?? 0);
    }
    if (e / d > best.rate) best = { rate: e / d, fromS: s.t[i] ?? i };
  }
  return best;
}

describe('error-rate and availability SLOs', () => {
  it('a 5 s database outage in 30 s: 499 of 2,998 requests fail end to end and at db', () => {
    // Sent every 10 ms from 10 ms: 2,999 requests, the last still in flight at 30 s. Those sent at
    // 10.01 … 14.99 s find db failed (the one sent at exactly 10 s gets there first: timeline
    // actions run last at their instant): 499 unavailable. 499 / 2,998 = 0.166444.
    const r = runToEnd(
      shop(
        [
          { name: 'errors < 20 %', metric: 'error-rate', value: 0.2 },
          { name: 'errors < 1 %', metric: 'error-rate', value: 0.01 },
          { name: 'availability ≥ 99.9 %', metric: 'availability', op: '>=', value: 0.999 },
          { name: 'availability ≥ 80 %', metric: 'availability', op: '>=', value: 0.8 },
          { name: 'db errors', metric: 'error-rate', value: 0.2, target: 'db' },
          { name: 'api availability', metric: 'availability', op: '>', value: 0.8, target: 'api' },
        ],
        dbOutage,
      ),
      { scenario: 'drill' },
    );
    expect(r.summary).toMatchObject({ requests: 2998, ok: 2499 });
    const rate = Math.round((499 / 2998) * 1e6) / 1e6;
    const avail = Math.round((2499 / 2998) * 1e6) / 1e6;
    expect(r.slos.map((s) => [s.value, s.pass, s.requests])).toEqual([
      [rate, true, 2998],
      [rate, false, 2998],
      [avail, false, 2998],
      [avail, true, 2998],
      [rate, true, 2998],
      [avail, true, 2998],
    ]);
  });

  it('windowed: the worst 10 s window holds all 499 errors (≈ 50 %) — sums of ok and errors', () => {
    const r = runToEnd(
      shop(
        [
          { name: 'errors < 20 % over 10 s', metric: 'error-rate', value: 0.2, windowS: 10 },
          {
            name: 'availability ≥ 40 % over 10 s',
            metric: 'availability',
            op: '>=',
            value: 0.4,
            windowS: 10,
          },
          {
            name: 'errors < 1 % over 3 s, db',
            metric: 'error-rate',
            value: 0.01,
            windowS: 3,
            target: 'db',
          },
        ],
        dbOutage,
      ),
      { scenario: 'drill' },
    );
    // Every second finishes 100 requests (each takes 15 ms); the windows [5, 15) … [10, 20) hold
    // seconds 10…14 and all 499 errors: 499 / 1,000; ties keep the earliest, [5, 15).
    const brute = worstErrorRate(r, 10);
    expect(brute).toEqual({ rate: 0.499, fromS: 5 });
    expect(r.slos[0]).toMatchObject({
      value: 0.499,
      pass: false,
      requests: 1000,
      worstWindow: { fromS: 5, toS: 15 },
    });
    // Passes over the whole run (0.166 < 0.2) and fails in its worst window.
    expect(r.slos[0]?.value).toBeGreaterThan(0.2);
    expect(r.slos[1]).toMatchObject({
      value: 0.501,
      pass: true,
      worstWindow: { fromS: 5, toS: 15 },
    });
    // At db, seconds 11, 12, 13 are all errors: the worst 3 s window is 100 %.
    expect(r.slos[2]).toMatchObject({ value: 1, pass: false, worstWindow: { fromS: 11, toS: 14 } });
  });
});
