// The USL fit against curves whose parameters are known: exact USL data gives back its σ, κ, λ
// and N* = √((1 − σ)/κ) (Gunther, "Guerrilla Capacity Planning", ch. 4), and noisy data still
// lands near them.
import { describe, expect, it } from 'vitest';
import { fitUsl, uslThroughput, type UslPoint } from '../../../shared/analysis/usl';
import { seeded } from '../../../shared/sweep/stats';

const curve = (lambda: number, sigma: number, kappa: number, ns: number[]): UslPoint[] =>
  ns.map((n) => ({ n, throughput: uslThroughput({ lambda, sigma, kappa }, n) }));

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, k) => a + k);

describe('fitUsl', () => {
  it.each([
    [100, 0.05, 0.002],
    [995.6, 0.02, 0.0001],
    [40, 0.3, 0],
    [12, 0, 0.01],
  ])('recovers λ=%s σ=%s κ=%s from exact data', (lambda, sigma, kappa) => {
    const fit = fitUsl(curve(lambda, sigma, kappa, range(1, 32)));
    expect(fit.lambda).toBeCloseTo(lambda, 3);
    expect(fit.sigma).toBeCloseTo(sigma, 5);
    expect(fit.kappa).toBeCloseTo(kappa, 6);
    expect(fit.r2).toBeCloseTo(1, 9);
    if (kappa > 0) expect(fit.nStar).toBeCloseTo(Math.sqrt((1 - sigma) / kappa), 2);
    else expect(fit.nStar).toBe(Infinity);
  });

  it('recovers σ and κ when N=1 is missing and the points are out of order', () => {
    const pts = curve(250, 0.08, 0.0015, [16, 2, 8, 24, 4, 12, 32, 6]);
    const fit = fitUsl(pts);
    expect(fit.sigma).toBeCloseTo(0.08, 4);
    expect(fit.kappa).toBeCloseTo(0.0015, 6);
    expect(fit.lambda).toBeCloseTo(250, 2);
  });

  it('lands near the truth under 2 % noise, with R² near 1', () => {
    const rand = seeded(7);
    const pts = curve(100, 0.05, 0.002, range(1, 40)).map((p) => ({
      n: p.n,
      throughput: p.throughput * (1 + 0.02 * (2 * rand() - 1)),
    }));
    const fit = fitUsl(pts);
    expect(Math.abs(fit.sigma - 0.05)).toBeLessThan(0.01);
    expect(Math.abs(fit.kappa - 0.002) / 0.002).toBeLessThan(0.15);
    expect(Math.abs(fit.nStar - Math.sqrt(0.95 / 0.002)) / 21.8).toBeLessThan(0.1);
    expect(fit.r2).toBeGreaterThan(0.95);
  });

  it('explains a flat line poorly', () => {
    const rand = seeded(3);
    const pts = range(1, 20).map((n) => ({ n, throughput: 50 + 20 * rand() }));
    expect(fitUsl(pts).r2).toBeLessThan(0.9);
  });

  it('names a bad point', () => {
    expect(() => fitUsl([{ n: 0, throughput: 1 }, ...curve(1, 0, 0, [1, 2])])).toThrow(/point 0/);
    expect(() => fitUsl(curve(1, 0, 0, [1, 2]))).toThrow(/three or more/);
    expect(() => fitUsl([1, 2, 3].map((n) => ({ n, throughput: 0 })))).toThrow(/every/);
  });
});
