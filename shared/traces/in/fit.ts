// Fitting measured times: a lognormal by maximum likelihood (μ, σ of the logs, given to the
// model as its p50 and p99), and the empirical quantile table kept beside it. The document
// takes the lognormal when it matches the measured p10, p50, p90 and p99 within 5 %, else the
// table, so a shape a lognormal cannot follow is not bent into one.
import { Z99, type Distribution, type Quantile } from '../../model/distributions';
import { quantile } from './samples';

/** Rows of the empirical table: dense in the tail, where latency goals live. */
export const TABLE_PS = [
  0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999, 1,
];

/** Samples below this are taken as this in logs (ms): a measured zero is "under a microsecond". */
const FLOOR_MS = 0.001;
/** How close the lognormal must come to the measured quantiles to be chosen. */
export const LOGNORMAL_TOLERANCE = 0.05;

export interface Fit {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  lognormal: { p50Ms: number; p99Ms: number } | null;
  /** Largest relative gap of the lognormal from the measured p10/p50/p90/p99. */
  lognormalGap: number;
  table: Quantile[];
  /** What the document takes. */
  chosen: Distribution;
}

const round = (x: number) =>
  x >= 100 ? Math.round(x * 100) / 100 : Math.round(x * 10_000) / 10_000;

export type FitChoice = 'auto' | 'lognormal' | 'empirical';

export function fitTimes(sorted: Float64Array, choice: FitChoice = 'auto'): Fit {
  const n = sorted.length;
  const q = (p: number) => quantile(sorted, p);
  let mean = 0;
  let sl = 0;
  for (let i = 0; i < n; i++) {
    const x = sorted[i] as number;
    mean += x;
    sl += Math.log(Math.max(FLOOR_MS, x));
  }
  mean /= n;
  const mu = sl / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.log(Math.max(FLOOR_MS, sorted[i] as number)) - mu;
    ss += d * d;
  }
  const sigma = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const table: Quantile[] = [];
  for (const p of TABLE_PS) {
    const ms = round(q(p));
    const prev = table[table.length - 1];
    table.push({ p, ms: prev !== undefined && ms < prev.ms ? prev.ms : ms });
  }
  const p50 = q(0.5);
  const p99 = q(0.99);
  const allZero = (sorted[n - 1] ?? 0) < FLOOR_MS;
  const lognormal = allZero
    ? null
    : { p50Ms: round(Math.exp(mu)), p99Ms: round(Math.exp(mu + Z99 * sigma)) };
  let gap = Infinity;
  if (lognormal !== null) {
    gap = 0;
    for (const [p, z] of [
      [0.1, -1.2815515655446004],
      [0.5, 0],
      [0.9, 1.2815515655446004],
      [0.99, Z99],
    ] as const) {
      const m = q(p);
      const f = Math.exp(mu + z * sigma);
      gap = Math.max(gap, Math.abs(f - m) / Math.max(m, FLOOR_MS));
    }
  }
  const useLognormal =
    lognormal !== null &&
    lognormal.p50Ms > 0 &&
    (choice === 'lognormal' || (choice === 'auto' && gap <= LOGNORMAL_TOLERANCE));
  const chosen: Distribution = allZero
    ? { dist: 'constant', meanMs: 0 }
    : useLognormal && lognormal !== null
      ? {
          dist: 'lognormal',
          p50Ms: lognormal.p50Ms,
          p99Ms: Math.max(lognormal.p50Ms, lognormal.p99Ms),
        }
      : { dist: 'empirical', quantiles: table };
  return { n, p50, p90: q(0.9), p99, mean, lognormal, lognormalGap: gap, table, chosen };
}
