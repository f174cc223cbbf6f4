import { describe, expect, it } from 'vitest';
import { Histogram } from '../../../shared/engine/histogram';
import { Rng } from '../../../shared/engine/rng';

describe('HDR histogram', () => {
  it('is within 1 % of exact percentiles over six decades', () => {
    const h = new Histogram();
    const rng = new Rng(1);
    const values: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      const v = Math.exp(rng.next() * Math.log(1e6)) / 100; // 0.01 ms … 10 s, log-uniform
      values.push(v);
      h.record(v);
    }
    values.sort((a, b) => a - b);
    for (const q of [0.5, 0.9, 0.95, 0.99, 0.999]) {
      const exact = values[Math.ceil(q * values.length) - 1]!;
      expect(Math.abs(h.quantile(q) - exact) / exact).toBeLessThan(0.01);
    }
    expect(h.max).toBe(values[values.length - 1]);
  });

  it('keeps exact small values, sum and reset', () => {
    const h = new Histogram();
    for (const v of [0.001, 0.05, 0.1]) h.record(v);
    expect(h.quantile(0.5)).toBe(0.05);
    expect(h.mean).toBeCloseTo(0.151 / 3, 12);
    h.reset();
    expect(h.count).toBe(0);
    expect(h.quantile(0.5)).toBe(0);
  });

  it('reads p50, p95 and p99 in one walk exactly as one quantile at a time', () => {
    const rng = new Rng(7);
    const qs = [0.5, 0.95, 0.99];
    const out = [0, 0, 0];
    for (let trial = 0; trial < 300; trial++) {
      const h = new Histogram();
      const n = trial % 7 === 0 ? trial % 3 : 1 + Math.floor(rng.next() * 400);
      const spread = 10 ** (rng.next() * 4);
      for (let i = 0; i < n; i++) h.record(rng.next() * spread);
      h.quantilesInto(qs, out);
      expect(out, `trial ${trial}, ${n} values`).toEqual(qs.map((q) => h.quantile(q)));
    }
  });
});

describe('Rng', () => {
  it('streams are stable per name and differ between names', () => {
    const a = Rng.stream(1, 'node:api');
    const b = Rng.stream(1, 'node:api');
    const c = Rng.stream(1, 'node:db');
    const xs = [a.next(), a.next()];
    expect([b.next(), b.next()]).toEqual(xs);
    expect(c.next()).not.toBe(xs[0]);
  });

  it('has a uniform mean and exponential mean', () => {
    const r = new Rng(42);
    let u = 0;
    let e = 0;
    for (let i = 0; i < 200_000; i++) {
      u += r.next();
      e += r.exponential(10);
    }
    expect(u / 200_000).toBeCloseTo(0.5, 2);
    expect(e / 200_000).toBeCloseTo(10, 0);
  });
});
