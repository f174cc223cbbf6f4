// An empirical (quantile table) service time: sampled by inverse CDF with linear interpolation,
// its quantiles come back out of a run within the sampling error and the histogram's error.
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import { inverseCdf, samplerOf } from '../../../shared/engine/distribution';
import { meanOf } from '../../../shared/model/distributions';
import { buildDoc, direct } from '../../fixtures/build';

const TABLE = [
  { p: 0, ms: 2 },
  { p: 0.5, ms: 10 },
  { p: 0.9, ms: 30 },
  { p: 0.99, ms: 80 },
  { p: 1, ms: 200 },
];

/** The table's quantile at p (linear between rows) and its density there (dp per ms). */
function quantileOf(p: number): { ms: number; density: number } {
  for (let i = 1; i < TABLE.length; i++) {
    const a = TABLE[i - 1]!;
    const b = TABLE[i]!;
    if (p <= b.p) {
      const density = (b.p - a.p) / (b.ms - a.ms);
      return { ms: a.ms + (p - a.p) / density, density };
    }
  }
  throw new Error('p above 1');
}

describe('empirical distribution', () => {
  it('the inverse CDF hits every row and interpolates between them', () => {
    const q = samplerOf({ dist: 'empirical', quantiles: TABLE }).q;
    expect(TABLE.map((row) => inverseCdf(q, row.p))).toEqual([2, 10, 30, 80, 200]);
    expect(inverseCdf(q, 0.25)).toBe(6);
    expect(inverseCdf(q, 0.95)).toBeCloseTo(30 + (50 * 0.05) / 0.09, 9);
    expect(meanOf({ dist: 'empirical', quantiles: TABLE })).toBeCloseTo(
      0.5 * 6 + 0.4 * 20 + 0.09 * 55 + 0.01 * 140,
      9,
    );
  });

  it('a service with an empirical service time gives back its p50 and p95', () => {
    const n = 100_000;
    const doc = buildDoc()
      .client('users', { rps: 1000 })
      .service('api', {
        replicas: 1,
        concurrency: 100_000,
        serviceTime: { dist: 'empirical', quantiles: TABLE },
      })
      .call('users', 'api', direct)
      .scenario({ durationS: n / 1000, warmupS: 0, seed: 7 })
      .build();
    const r = runToEnd(doc, { traceEvery: 0 });
    const got = r.summary.latencyMs;
    expect(r.summary.requests).toBeGreaterThan(0.95 * n);
    for (const [p, value] of [
      [0.5, got.p50],
      [0.95, got.p95],
    ] as const) {
      const { ms, density } = quantileOf(p);
      // Sampling error of a quantile: sqrt(p(1−p)/n) / density; the histogram's ≤ 0.8 %.
      const se = Math.sqrt((p * (1 - p)) / n) / density;
      expect(Math.abs(value - ms)).toBeLessThanOrEqual(4 * se + 0.008 * ms);
    }
  });
});
