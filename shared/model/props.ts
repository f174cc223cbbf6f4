import { z } from 'zod';
import { Distribution, constant, exponential } from './distributions';
import { Hpa } from './hpaProps';
import { Resources, Runtime } from './podProps';
import { share } from './share';

export { HPA_BEHAVIOR_DEFAULTS, Hpa, HpaBehavior } from './hpaProps';
export { Resources, Runtime } from './podProps';

// Every field has a default, a unit in its name, a range, and a description that the inspector
// shows as help. Kinds add fields here; renaming one is a format change (see migrations.ts).

const probability = share;

/** The highest request rate a client may have, whatever its shape (requests/s). */
export const MAX_RPS = 10_000_000;
const rate = (help: string) => z.number().min(0).max(MAX_RPS).describe(help);

export const TrafficShape = z.discriminatedUnion('shape', [
  z.object({
    shape: z.literal('ramp'),
    fromS: z.number().min(0),
    toS: z.number().min(0),
    toRps: rate('Rate reached at toS (requests/s)'),
  }),
  z.object({
    shape: z.literal('step'),
    atS: z.number().min(0),
    rps: rate('Rate from atS on (requests/s)'),
  }),
  z.object({
    shape: z.literal('spike'),
    atS: z.number().min(0),
    forS: z.number().gt(0),
    factor: z.number().min(0).max(1000).describe('Multiplier on the rate during the spike'),
  }),
  z.object({
    shape: z.literal('sine'),
    periodS: z.number().gt(0),
    amplitude: z.number().min(0).max(1).describe('Share of the base rate the sine swings by'),
  }),
  z.object({
    shape: z.literal('trace'),
    csv: z.string().max(5_000_000).describe('Lines of "t,rps" (seconds, requests/s)'),
  }),
]);
export type TrafficShape = z.infer<typeof TrafficShape>;

export const ClientProps = z.object({
  rps: z.number().min(0).max(MAX_RPS).default(100).describe('Mean request rate (requests/s)'),
  arrival: z
    .enum(['poisson', 'constant'])
    .default('poisson')
    .describe('poisson: exponential gaps; constant: evenly spaced'),
  shapes: z.array(TrafficShape).max(100).default([]).describe('Traffic shapes over time'),
});

export const RollingUpdate = z.object({
  maxSurge: z.union([z.number().int().min(0), z.string().regex(/^\d+%$/)]).default('25%'),
  maxUnavailable: z
    .union([
      z.number().int().min(0),
      z
        .string()
        .regex(/^\d+%$/)
        .refine((v) => parseInt(v, 10) <= 100, 'must not be greater than 100%'),
    ])
    .default('25%'),
});

const PROBE_HANDLERS = ['httpGet', 'tcpSocket', 'exec', 'grpc'] as const;

const Probe = z
  .object({
    httpGet: z.object({ path: z.string(), port: z.number().int() }).optional(),
    tcpSocket: z.object({ port: z.number().int() }).optional(),
    exec: z.object({ command: z.array(z.string()) }).optional(),
    grpc: z.object({ port: z.number().int(), service: z.string().optional() }).optional(),
    initialDelaySeconds: z.number().int().min(0).default(0),
    periodSeconds: z.number().int().min(1).default(10),
    timeoutSeconds: z.number().int().min(1).default(1),
    successThreshold: z.number().int().min(1).default(1),
    failureThreshold: z.number().int().min(1).default(3),
  })
  .superRefine((probe, ctx) => {
    // Kubernetes validateHandler: exactly one handler.
    const given = PROBE_HANDLERS.filter((h) => probe[h] !== undefined);
    if (given.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: 'must specify a handler type: httpGet, tcpSocket, exec or grpc',
        path: ['httpGet'],
      });
    } else if (given.length > 1) {
      ctx.addIssue({
        code: 'custom',
        message: `may not specify more than 1 handler type (has ${given.join(', ')})`,
        path: [given[1] as string],
      });
    }
  });
export type Probe = z.infer<typeof Probe>;

const workload = {
  concurrency: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(4)
    .describe('Requests one pod serves at once; the rest wait in its FIFO queue'),
  queueCapacity: z
    .number()
    .int()
    .min(0)
    .max(10_000_000)
    .default(1000)
    .describe('Waiting requests a pod holds before it rejects with queue_full'),
  serviceTime: Distribution.default(exponential(10)).describe('Time a pod spends on one request'),
  errorRate: probability('Share of requests that fail with an internal error').default(0),
};

export const CircuitBreaker = z.object({
  slidingWindowType: z.enum(['COUNT_BASED', 'TIME_BASED']).default('COUNT_BASED'),
  slidingWindowSize: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(100)
    .describe('Calls (COUNT_BASED) or seconds (TIME_BASED) in the window'),
  minimumNumberOfCalls: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(100)
    .describe('Calls needed before a rate is computed'),
  failureRateThreshold: z.number().gt(0).max(100).default(50).describe('Opens at this failure %'),
  slowCallRateThreshold: z.number().gt(0).max(100).default(100).describe('Opens at this slow %'),
  slowCallDurationThresholdMs: z
    .number()
    .min(1)
    .max(3_600_000)
    .default(60_000)
    .describe('A call longer than this is slow'),
  waitDurationInOpenStateMs: z
    .number()
    .min(1)
    .max(3_600_000)
    .default(60_000)
    .describe('Time OPEN before trying HALF_OPEN'),
  permittedNumberOfCallsInHalfOpenState: z.number().int().min(1).max(10_000).default(10),
  automaticTransitionFromOpenToHalfOpenEnabled: z.boolean().default(false),
});

export const OutlierDetection = z.object({
  consecutive5xx: z.number().int().min(1).max(1000).default(5),
  intervalMs: z.number().min(1).max(3_600_000).default(10_000).describe('Ejection sweep period'),
  baseEjectionTimeMs: z
    .number()
    .min(1)
    .max(3_600_000)
    .default(30_000)
    .describe('Ejected for this × times ejected'),
  maxEjectionPercent: z.number().min(0).max(100).default(10),
  maxEjectionTimeMs: z.number().min(1).max(3_600_000).default(300_000),
});

/** A PodDisruptionBudget: one of minAvailable or maxUnavailable, as Kubernetes writes it. */
export const DisruptionBudget = z.object({
  minAvailable: z.union([z.number().int().min(0), z.string().regex(/^\d+%$/)]).optional(),
  maxUnavailable: z.union([z.number().int().min(0), z.string().regex(/^\d+%$/)]).optional(),
});

export const ServiceProps = z
  .object({
    replicas: z.number().int().min(0).max(10_000).default(2).describe('Desired pods (Deployment)'),
    ...workload,
    loadBalancing: z
      .enum(['round-robin', 'random', 'least-connection'])
      .default('round-robin')
      .describe('How the Service spreads requests over ready pods'),
    strategy: z
      .object({
        type: z.enum(['RollingUpdate', 'Recreate']).default('RollingUpdate'),
        rollingUpdate: RollingUpdate.default({ maxSurge: '25%', maxUnavailable: '25%' }),
      })
      .superRefine((strategy, ctx) => {
        // ValidateRollingUpdateDeployment: both zero would never let the rollout progress.
        const { maxSurge, maxUnavailable } = strategy.rollingUpdate;
        const zero = (v: number | string) => (typeof v === 'number' ? v : parseInt(v, 10)) === 0;
        if (strategy.type === 'RollingUpdate' && zero(maxSurge) && zero(maxUnavailable)) {
          ctx.addIssue({
            code: 'custom',
            message: 'may not be 0 when maxSurge is 0 (the rollout could never make progress)',
            path: ['rollingUpdate', 'maxUnavailable'],
          });
        }
      })
      .default({
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      }),
    minReadySeconds: z.number().int().min(0).default(0),
    progressDeadlineSeconds: z.number().int().min(1).default(600),
    revisionHistoryLimit: z.number().int().min(0).default(10),
    terminationGracePeriodSeconds: z.number().int().min(0).default(30),
    startupSeconds: z
      .number()
      .min(0)
      .max(3600)
      .default(2)
      .describe('Image pull and start time (s)'),
    readinessProbe: Probe.optional(),
    livenessProbe: Probe.optional(),
    startupProbe: Probe.optional(),
    version: z.string().max(64).default('v1').describe('Version label of the pod template'),
    schedulingDelaySeconds: z
      .number()
      .min(0)
      .max(600)
      .default(0)
      .describe('Time a new pod stays Pending before it is scheduled (s)'),
    preStopSeconds: z
      .number()
      .min(0)
      .max(3600)
      .default(0)
      .describe('preStop hook run before SIGTERM on termination (s)'),
    behaviour: z
      .enum(['healthy', 'hang', 'crash-on-start', 'leak', 'slow-warmup', 'unready'])
      .default('healthy')
      .describe(
        'What the pods do, to teach probes: hang (requests stall), crash-on-start, leak (slower with uptime), slow-warmup (refuses connections at first), unready (health check answers 503)',
      ),
    behaviourAfterS: z
      .number()
      .min(0)
      .max(86_400)
      .default(30)
      .describe('hang / crash-on-start: after this long running; slow-warmup: the warm-up (s)'),
    leakMsPerS: z
      .number()
      .min(0)
      .max(10_000)
      .default(5)
      .describe('leak: latency added per second of uptime (ms/s)'),
    hpa: Hpa.optional().describe('HorizontalPodAutoscaler on CPU'),
    image: z.string().max(500).optional().describe('Container image (import and export only)'),
    resources: Resources.optional().describe(
      'Container requests and limits: limits.cpu is a CFS quota, limits.memory the OOM line',
    ),
    runtime: Runtime.optional().describe(
      'What runs inside each pod: thread pool or event loop, CPU and IO per request, a lock',
    ),
    podDisruptionBudget: DisruptionBudget.optional().describe(
      'PodDisruptionBudget (import and export only)',
    ),
    sessionAffinity: z
      .enum(['None', 'ClientIP'])
      .default('None')
      .describe('ClientIP pins each client to one pod'),
    sessionAffinityTimeoutSeconds: z
      .number()
      .int()
      .min(1)
      .max(86_400)
      .default(10_800)
      .describe('sessionAffinityConfig.clientIP.timeoutSeconds'),
    proxyMode: z
      .enum(['iptables', 'ipvs-rr', 'ipvs-lc'])
      .optional()
      .describe('kube-proxy mode; when set it decides over loadBalancing'),
    endpointsDelayMs: z
      .number()
      .min(0)
      .max(60_000)
      .default(1000)
      .describe('Time an endpoint change takes to reach kube-proxy'),
  })
  .superRefine((props, ctx) => {
    // Kubernetes validateProbe: successThreshold must be 1 for liveness and startup probes.
    for (const key of ['livenessProbe', 'startupProbe'] as const) {
      const probe = props[key];
      if (probe !== undefined && probe.successThreshold !== 1) {
        ctx.addIssue({ code: 'custom', message: 'must be 1', path: [key, 'successThreshold'] });
      }
    }
  });

export const PodProps = z.object({
  ...workload,
  resources: Resources.optional().describe('Container requests and limits'),
  runtime: Runtime.optional().describe('What runs inside the pod (see service)'),
});

export const GatewayProps = z.object({
  overheadMs: z
    .number()
    .min(0)
    .max(60_000)
    .default(1)
    .describe('Time the gateway adds per request'),
  concurrency: z.number().int().min(1).max(1_000_000).default(1000).describe('Requests in flight'),
  authFailureRate: probability('Share of requests rejected 401 at the gateway').default(0),
  routes: z
    .array(
      z.object({
        prefix: z.string().max(200),
        target: z.string(),
        weight: z
          .number()
          .min(0)
          .max(1_000_000)
          .default(1)
          .describe('Share of requests (canary split); all 1 = round robin'),
      }),
    )
    .max(500)
    .default([])
    .describe('Path prefix → target node id; empty means every outgoing call edge'),
  rateLimit: z
    .object({
      algorithm: z
        .enum(['token-bucket', 'leaky-bucket', 'fixed-window', 'sliding-window'])
        .default('token-bucket'),
      capacity: z
        .number()
        .int()
        .min(1)
        .max(10_000_000)
        .default(100)
        .describe('Bucket size (burst), queue length, or requests per window'),
      ratePerS: z
        .number()
        .gt(0)
        .max(10_000_000)
        .default(50)
        .describe('Refill or leak rate (requests/s)'),
      windowMs: z.number().min(1).max(86_400_000).default(1000).describe('Window length'),
      per: z
        .enum(['route', 'client'])
        .default('route')
        .describe('One limit per route or per client'),
    })
    .optional()
    .describe('Requests over the limit get 429 (rate_limited)'),
  loadBalancing: z
    .enum(['round-robin', 'weighted', 'least-request', 'ring-hash'])
    .default('round-robin')
    .describe('How the gateway spreads requests over upstream pods'),
  circuitBreaker: CircuitBreaker.optional().describe('Resilience4j circuit breaker per upstream'),
  retryBudgetPercent: z
    .number()
    .min(0)
    .max(100)
    .optional()
    .describe(
      'Envoy retry budget: retries allowed as a share of active requests (%), at least 3 at once; unset = no budget (e.g. 20)',
    ),
  fallback: z
    .enum(['none', 'static', 'cached'])
    .default('none')
    .describe('Answer when the upstream fails or its circuit is open'),
});

export const DatabaseProps = z.object({
  poolSize: z.number().int().min(1).max(100_000).default(20).describe('Connections in the pool'),
  poolTimeoutMs: z
    .number()
    .min(0)
    .max(3_600_000)
    .default(1000)
    .describe('Longest wait for a connection before pool_timeout'),
  readLatency: Distribution.default(exponential(2)).describe('Time of one read'),
  writeLatency: Distribution.default(exponential(5)).describe('Time of one write'),
  writeRatio: probability('Share of queries that are writes').default(0.2),
  replicas: z.number().int().min(0).max(100).default(0).describe('Read replicas'),
  failoverSeconds: z.number().min(0).max(3600).default(30).describe('Time to promote a replica'),
});

export const CacheProps = z.object({
  hitRatio: probability('Share of lookups answered by the cache').default(0.8),
  hitLatency: Distribution.default(constant(0.5)).describe('Time of a hit'),
});

export const QueueProps = z.object({
  capacity: z.number().int().min(1).max(1_000_000_000).default(1_000_000).describe('Messages'),
  publishLatency: Distribution.default(constant(1)).describe('Time to accept a publish'),
});

export const ExternalProps = z.object({
  latency: Distribution.default(exponential(50)).describe('Response time of the third party'),
  errorRate: probability('Share of calls that fail').default(0),
});

export const CallProps = z.object({
  latencyMs: z.number().min(0).max(600_000).default(1).describe('One-way network latency (ms)'),
  timeoutMs: z.number().min(0).max(3_600_000).default(1000).describe('Per attempt; 0 = no timeout'),
  retries: z.number().int().min(0).max(10).default(0).describe('Extra attempts after a failure'),
  backoffBaseMs: z.number().min(0).max(600_000).default(25).describe('First retry delay (ms)'),
  backoffMaxMs: z.number().min(0).max(600_000).default(250).describe('Largest retry delay (ms)'),
  jitter: z.boolean().default(true).describe('Full jitter on the backoff'),
  maxDepth: z
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe('Lets this edge close a call cycle: one request chain takes it at most this often'),
  probability: z
    .number()
    .min(0)
    .max(1)
    .default(1)
    .describe('Share of the caller’s requests that make this call'),
  calls: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(1)
    .describe('Times a request that makes this call makes it, one after another'),
  mode: z
    .enum(['sequential', 'parallel'])
    .default('sequential')
    .describe(
      'sequential: after the call before it has answered; parallel: started together with the ' +
        'parallel calls next to it, the caller waiting for all of them',
    ),
  optional: z
    .boolean()
    .optional()
    .describe('A failure of this call does not fail the caller’s request: it goes on without it'),
  circuitBreaker: CircuitBreaker.optional().describe('Resilience4j circuit breaker on this call'),
  outlierDetection: OutlierDetection.optional().describe('Envoy outlier detection of the pods'),
  onCacheMiss: z
    .boolean()
    .optional()
    .describe(
      'Cache-aside: make this call only when the caller’s call to a cache before it missed ' +
        '(orders → cache, then orders → database on a miss)',
    ),
});

export const PublishProps = z.object({
  latencyMs: z.number().min(0).max(600_000).default(1).describe('One-way network latency (ms)'),
});
