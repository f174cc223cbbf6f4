// The sweep's intervals against distributions whose answers are known: quantiles against printed
// tables, and coverage — the share of intervals, over many samples, that contain the true value.
import { describe, expect, it } from 'vitest';
import {
  bootstrapInterval,
  normalQuantile,
  seeded,
  tInterval,
  tQuantile,
  wilsonInterval,
} from '../../../shared/sweep/stats';

/** Standard normal draws by Box–Muller from a seeded generator. */
function normals(rand: () => number) {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

describe('quantiles', () => {
  it('match the printed tables of t and z', () => {
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.7062, 4);
    expect(tQuantile(0.975, 9)).toBeCloseTo(2.2622, 4);
    expect(tQuantile(0.975, 29)).toBeCloseTo(2.0452, 4);
    expect(tQuantile(0.995, 5)).toBeCloseTo(4.0321, 4);
    expect(tQuantile(0.025, 29)).toBeCloseTo(-2.0452, 4);
    expect(normalQuantile(0.975)).toBeCloseTo(1.95996, 5);
    expect(normalQuantile(0.995)).toBeCloseTo(2.57583, 5);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.64485, 5);
  });
});

describe('coverage of 95 % intervals over 4,000 samples', () => {
  const REPS = 4000;
  // With 4,000 repetitions the share's standard error is √(.95·.05/4000) ≈ 0.0034.
  it('t interval of a normal mean, n = 10: 95 % ± 1.5 points', () => {
    const rand = seeded(1);
    const z = normals(rand);
    let hits = 0;
    for (let r = 0; r < REPS; r++) {
      const xs = Array.from({ length: 10 }, () => 50 + 8 * z());
      const i = tInterval(xs, 0.95);
      if (i.lo <= 50 && 50 <= i.hi) hits++;
    }
    expect(Math.abs(hits / REPS - 0.95)).toBeLessThan(0.015);
  });

  it('a normal interval (z instead of t) would undercover at n = 5, which the t interval does not', () => {
    const rand = seeded(2);
    const z = normals(rand);
    let tHits = 0;
    let zHits = 0;
    for (let r = 0; r < REPS; r++) {
      const xs = Array.from({ length: 5 }, () => z());
      const i = tInterval(xs, 0.95);
      const half = (i.hi - i.lo) / 2;
      const zHalf = (half * 1.959964) / tQuantile(0.975, 4);
      if (Math.abs(i.mean) <= half) tHits++;
      if (Math.abs(i.mean) <= zHalf) zHits++;
    }
    expect(Math.abs(tHits / REPS - 0.95)).toBeLessThan(0.015);
    expect(zHits / REPS).toBeLessThan(0.9);
  });

  it('bootstrap interval of an exponential mean, n = 40: 95 % within 3 points (percentile bootstrap runs a little low on skewed data)', () => {
    const rand = seeded(3);
    let hits = 0;
    const reps = 1000;
    for (let r = 0; r < reps; r++) {
      const xs = Array.from({ length: 40 }, () => -10 * Math.log(1 - rand()));
      const i = bootstrapInterval(xs, 0.95, r, 1000);
      if (i.lo <= 10 && 10 <= i.hi) hits++;
    }
    expect(hits / reps).toBeGreaterThan(0.92);
    expect(hits / reps).toBeLessThan(0.97);
  });

  it('Wilson interval of a pass probability 0.9, n = 30: at least 93 % (it is conservative-ish near the edge)', () => {
    const rand = seeded(4);
    let hits = 0;
    for (let r = 0; r < REPS; r++) {
      let passes = 0;
      for (let k = 0; k < 30; k++) if (rand() < 0.9) passes++;
      const i = wilsonInterval(passes, 30, 0.95);
      if (i.lo <= 0.9 && 0.9 <= i.hi) hits++;
    }
    expect(hits / REPS).toBeGreaterThan(0.93);
    expect(hits / REPS).toBeLessThan(0.98);
  });
});

describe('determinism and edges', () => {
  it('the bootstrap gives the same interval for the same seed, another for another', () => {
    const xs = [3, 9, 4, 12, 5, 30, 7, 8];
    expect(bootstrapInterval(xs, 0.95, 7)).toEqual(bootstrapInterval(xs, 0.95, 7));
    expect(bootstrapInterval(xs, 0.95, 7)).not.toEqual(bootstrapInterval(xs, 0.95, 8));
  });

  it('Wilson never leaves 0…1 and is not degenerate at 0 or n passes', () => {
    const none = wilsonInterval(0, 20, 0.95);
    const all = wilsonInterval(20, 20, 0.95);
    expect(none.lo).toBe(0);
    expect(none.hi).toBeGreaterThan(0.1);
    expect(all.hi).toBe(1);
    expect(all.lo).toBeCloseTo(0.8389, 3);
  });
});
