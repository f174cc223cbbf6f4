// The container's resources and what runs inside a pod (docs/semantics.md §16).
import { z } from 'zod';
import { Distribution, constant, exponential } from './distributions';
import { parseQuantity, quantityProblem } from './quantity';
import { share } from './share';

/** A Kubernetes quantity ("250m", "1.5", 2, "512Mi", "1G"), checked as apimachinery parses it. */
const Quantity = z.union([z.string().max(64), z.number()]).superRefine((q, ctx) => {
  const problem = quantityProblem(q);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});
const ResourceList = z.object({
  cpu: Quantity.optional().describe('CPU cores ("250m" = a quarter of a core)'),
  memory: Quantity.optional().describe('Bytes ("512Mi", "1G")'),
});

/**
 * The container's requests and limits as Kubernetes writes them. limits.cpu is the CFS quota,
 * limits.memory the OOM kill line, requests.cpu the HPA's 100 % (engine/cpu/).
 */
export const Resources = z
  .object({
    requests: ResourceList.optional(),
    limits: ResourceList.optional(),
  })
  .superRefine((r, ctx) => {
    // ValidateResourceRequirements: a request may not exceed its limit.
    for (const k of ['cpu', 'memory'] as const) {
      const req = r.requests?.[k];
      const lim = r.limits?.[k];
      if (req === undefined || lim === undefined) continue;
      const a = parseQuantity(req);
      const b = parseQuantity(lim);
      if (a !== null && b !== null && a > b)
        ctx.addIssue({
          code: 'custom',
          message: `must be less than or equal to ${k} limit of ${String(lim)}`,
          path: ['requests', k],
        });
    }
  });

const micros = (def: number, help: string) =>
  z.number().min(0).max(1_000_000).default(def).describe(help);

/** What runs inside each pod (engine/cpu/): absent = a pod is `concurrency` plain slots. */
export const Runtime = z.object({
  model: z
    .enum(['threadPool', 'eventLoop'])
    .default('threadPool')
    .describe(
      'threadPool: one thread (of concurrency) per request, held through its IO and calls; eventLoop: workers loops, held only on CPU',
    ),
  workers: z
    .number()
    .int()
    .min(1)
    .max(1024)
    .default(1)
    .describe('Event loops per pod (nginx worker_processes, Node cluster)'),
  cpuTime: Distribution.default(exponential(5)).describe(
    'CPU work of one request (ms of one core)',
  ),
  ioTime: Distribution.default(constant(0)).describe('Off-CPU wait of one request (disk, sleep)'),
  blockingShare: share(
    'Event loop: share of requests whose IO and calls block the loop (a synchronous driver call)',
  ).default(0),
  lock: z
    .object({
      kind: z
        .enum(['none', 'spin', 'mutex', 'adaptive'])
        .default('none')
        .describe('spin: busy-wait; mutex: sleep in the kernel; adaptive: spin, then sleep'),
      criticalShare: share('Share of a request’s CPU time spent inside one pod-wide lock').default(
        0,
      ),
      spinLimitUs: micros(50, 'adaptive: spin this long (µs), then sleep'),
    })
    .prefault({})
    .describe('One lock all threads of a pod share'),
  contextSwitchUs: micros(3, 'CPU cost of one context switch (µs)'),
  syscallUs: micros(0.5, 'CPU cost of one system call (µs)'),
  syscallsPerRequest: z
    .number()
    .min(0)
    .max(100_000)
    .default(10)
    .describe('System calls one request makes (accept, read, write, epoll …)'),
  stackKiB: z.number().min(0).max(1_048_576).default(1024).describe('Memory per thread (KiB)'),
  memoryPerRequestKiB: z
    .number()
    .min(0)
    .max(1_048_576)
    .default(64)
    .describe('Memory per request in the pod, served or queued (KiB)'),
  baseMemoryMi: z
    .number()
    .min(0)
    .max(1_048_576)
    .default(64)
    .describe('Memory of the process at rest (MiB)'),
});
export type Runtime = z.infer<typeof Runtime>;
