// A scenario's sweep (many runs over a grid of parameters and seeds) and the document's prices,
// which the sweep's cheapest-design objective reads.
import { z } from 'zod';

export const SWEEP_METRICS = [
  'throughputRps',
  'mean',
  'p50',
  'p95',
  'p99',
  'errorRate',
] as const satisfies readonly string[];
export type SweepMetric = (typeof SWEEP_METRICS)[number];

const Seed = z
  .number()
  .int()
  .min(0)
  .max(2 ** 32 - 1);

export const SweepRange = z
  .object({
    from: z.number(),
    to: z.number(),
    step: z.number().gt(0),
  })
  .refine((r) => r.to >= r.from, { message: '"to" must not be less than "from"', path: ['to'] });

export const SweepParameter = z.object({
  path: z
    .string()
    .min(1)
    .max(300)
    .describe(
      'The field, as the inspector names it: nodes.ID.props.FIELD, edges.ID.props.FIELD or clients.FIELD (every client)',
    ),
  values: z
    .union([
      z
        .array(z.union([z.number(), z.string(), z.boolean()]))
        .min(1, 'must list at least one value'),
      SweepRange,
    ])
    .describe('A list of values, or {from, to, step}'),
});
export type SweepParameter = z.infer<typeof SweepParameter>;

export const Sweep = z.object({
  parameters: z.array(SweepParameter).max(8).default([]),
  seeds: z
    .union([z.number().int().min(1).max(1_000_000), z.array(Seed).min(1)])
    .default(10)
    .describe(
      "Seeds every cell runs with: a count (the scenario's seed, seed+1, …) or a list; the same in every cell",
    ),
  confidence: z.number().gt(0).lt(1).default(0.95).describe('Level of the intervals'),
  stop: z
    .object({
      metric: z.enum(SWEEP_METRICS),
      relHalfWidth: z
        .number()
        .gt(0)
        .describe("Stop a cell once its interval's half-width is at most this share of its mean"),
      minRuns: z.number().int().min(2).default(5),
    })
    .optional(),
  objective: z
    .object({
      minimize: z.enum(['replicas', 'cpu', 'cost']),
      subjectTo: z.literal('slos').default('slos'),
      probability: z
        .number()
        .gt(0)
        .max(1)
        .default(0.95)
        .describe('Least share of runs in which every SLO must hold'),
    })
    .optional(),
});
export type Sweep = z.infer<typeof Sweep>;
export type SweepInput = z.input<typeof Sweep>;

export const Prices = z.object({
  coreHour: z.number().min(0).describe('Price of one CPU core requested for an hour'),
  gibHour: z.number().min(0).describe('Price of one GiB of memory requested for an hour'),
  currency: z.string().max(8).default('USD'),
  requests: z
    .object({
      cpu: z.number().min(0).default(1).describe('Cores a pod requests'),
      memoryGiB: z.number().min(0).default(1).describe('GiB a pod requests'),
    })
    .prefault({})
    .describe("A pod's requests where its node does not give its own"),
  nodes: z
    .record(
      z.string(),
      z.object({ cpu: z.number().min(0).optional(), memoryGiB: z.number().min(0).optional() }),
    )
    .default({})
    .describe('Requests per pod of one service or pod node, by node id'),
});
export type Prices = z.infer<typeof Prices>;
