import { z } from 'zod';

/** A latency distribution, in milliseconds. Used for service times, database and network latency. */
export const Distribution = z
  .discriminatedUnion('dist', [
    z.object({
      dist: z.literal('constant'),
      meanMs: z
        .number()
        .min(0)
        .max(3_600_000)
        .describe('Every sample takes exactly this long (ms)'),
    }),
    z.object({
      dist: z.literal('exponential'),
      meanMs: z
        .number()
        .min(0)
        .max(3_600_000)
        .describe('Mean of the exponential distribution (ms)'),
    }),
    z
      .object({
        dist: z.literal('lognormal'),
        p50Ms: z.number().gt(0).max(3_600_000).describe('Median (ms)'),
        p99Ms: z.number().gt(0).max(3_600_000).describe('99th percentile (ms)'),
      })
      .refine((d) => d.p99Ms >= d.p50Ms, { message: 'must be ≥ p50Ms', path: ['p99Ms'] }),
    z
      .object({
        dist: z.literal('empirical'),
        quantiles: z
          .array(
            z.object({
              p: z.number().min(0).max(1).describe('Cumulative probability (0…1)'),
              ms: z.number().min(0).max(3_600_000).describe('Time at that quantile (ms)'),
            }),
          )
          .min(2)
          .max(1000)
          .describe(
            'Quantile table from p = 0 (the least time) to p = 1 (the most), sampled by inverse ' +
              'CDF with linear interpolation between rows',
          ),
      })
      .superRefine((d, ctx) => {
        for (const issue of quantileTableIssues(d.quantiles)) ctx.addIssue(issue);
      }),
  ])
  .describe('Latency distribution');
export type Distribution = z.infer<typeof Distribution>;

export const constant = (meanMs: number): Distribution => ({ dist: 'constant', meanMs });
export const exponential = (meanMs: number): Distribution => ({ dist: 'exponential', meanMs });

export interface Quantile {
  p: number;
  ms: number;
}

/** What is wrong with a quantile table, each with its path inside the distribution. */
export function quantileTableIssues(
  q: readonly Quantile[],
): { code: 'custom'; message: string; path: (string | number)[] }[] {
  const out: { code: 'custom'; message: string; path: (string | number)[] }[] = [];
  const first = q[0];
  const last = q[q.length - 1];
  if (first !== undefined && first.p !== 0)
    out.push({
      code: 'custom',
      message: 'the first row must have p = 0',
      path: ['quantiles', 0, 'p'],
    });
  if (last !== undefined && q.length > 1 && last.p !== 1)
    out.push({
      code: 'custom',
      message: 'the last row must have p = 1',
      path: ['quantiles', q.length - 1, 'p'],
    });
  for (let i = 1; i < q.length; i++) {
    const a = q[i - 1] as Quantile;
    const b = q[i] as Quantile;
    if (b.p <= a.p)
      out.push({
        code: 'custom',
        message: `p must increase: ${b.p} follows ${a.p}`,
        path: ['quantiles', i, 'p'],
      });
    if (b.ms < a.ms)
      out.push({
        code: 'custom',
        message: `ms must not decrease: ${b.ms} follows ${a.ms}`,
        path: ['quantiles', i, 'ms'],
      });
  }
  return out;
}

/** Mean of a piecewise-linear inverse CDF: each row pair's share times its midpoint. */
export function empiricalMean(q: readonly Quantile[]): number {
  let sum = 0;
  for (let i = 1; i < q.length; i++) {
    const a = q[i - 1] as Quantile;
    const b = q[i] as Quantile;
    sum += (b.p - a.p) * (a.ms + b.ms) * 0.5;
  }
  return sum;
}

/** Mean of a distribution in ms (lognormal from its p50/p99). */
export function meanOf(d: Distribution): number {
  if (d.dist === 'empirical') return empiricalMean(d.quantiles);
  if (d.dist !== 'lognormal') return d.meanMs;
  const { mu, sigma } = lognormalParams(d.p50Ms, d.p99Ms);
  return Math.exp(mu + (sigma * sigma) / 2);
}

/** z-score of the 99th percentile of the standard normal distribution. */
export const Z99 = 2.3263478740408408;

/** μ and σ of the underlying normal for a lognormal given by its median and 99th percentile. */
export function lognormalParams(p50Ms: number, p99Ms: number): { mu: number; sigma: number } {
  const mu = Math.log(p50Ms);
  const sigma = Math.log(p99Ms / p50Ms) / Z99;
  return { mu, sigma };
}
