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
  ])
  .describe('Latency distribution');
export type Distribution = z.infer<typeof Distribution>;

export const constant = (meanMs: number): Distribution => ({ dist: 'constant', meanMs });
export const exponential = (meanMs: number): Distribution => ({ dist: 'exponential', meanMs });

/** Mean of a distribution in ms (lognormal from its p50/p99). */
export function meanOf(d: Distribution): number {
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
