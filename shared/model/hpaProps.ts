import { z } from 'zod';

// HorizontalPodAutoscaler in autoscaling/v2's names. `behavior` left out is an HPA without one
// (the controller's older rule); given, every field left out takes the API server's default
// (pkg/apis/autoscaling/v2/defaults.go), and the limits are the API's validation's.
/** The defaults of a behavior's directions (the scale-down window is the controller flag's). */
export const HPA_BEHAVIOR_DEFAULTS = {
  scaleUp: {
    stabilizationWindowSeconds: 0,
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  },
  scaleDown: {
    stabilizationWindowSeconds: 300,
    policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
  },
} as const;

const ScalingPolicy = z.object({
  type: z
    .enum(['Pods', 'Percent'])
    .describe('Pods: a number of pods; Percent: a share of the pods'),
  value: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .describe('Pods or percent that may change within periodSeconds'),
  periodSeconds: z
    .number()
    .int()
    .min(1)
    .max(1800)
    .describe('How far back the policy looks at past rescales (s)'),
});

const scalingRules = (direction: 'up' | 'down') => {
  const d = direction === 'up' ? HPA_BEHAVIOR_DEFAULTS.scaleUp : HPA_BEHAVIOR_DEFAULTS.scaleDown;
  return z.object({
    stabilizationWindowSeconds: z
      .number()
      .int()
      .min(0)
      .max(3600)
      .default(d.stabilizationWindowSeconds)
      .describe(
        direction === 'up'
          ? 'Scale up only to the lowest recommendation of this window (s)'
          : 'Scale down only to the highest recommendation of this window (s)',
      ),
    selectPolicy: z
      .enum(['Max', 'Min', 'Disabled'])
      .default('Max')
      .describe('Max: the policy allowing the biggest change; Min: the smallest; Disabled: none'),
    policies: z
      .array(ScalingPolicy)
      .min(1)
      .max(10)
      .default(() => d.policies.map((p) => ({ ...p })))
      .describe(
        'Rate limits: [{type: "Pods" | "Percent", value, periodSeconds}], chosen by selectPolicy',
      ),
  });
};

export const HpaBehavior = z.object({
  scaleUp: scalingRules('up').prefault({}).describe('How fast the HPA adds pods'),
  scaleDown: scalingRules('down').prefault({}).describe('How fast the HPA removes pods'),
});

const CpuUtilizationMetric = z.object({
  type: z.literal('Resource'),
  resource: z.object({
    name: z.literal('cpu'),
    target: z.object({
      type: z.literal('Utilization'),
      averageUtilization: z
        .number()
        .int()
        .min(1)
        .max(1000)
        .describe('Target mean CPU use over the pods, as a percentage of requests.cpu'),
    }),
  }),
});

export const Hpa = z.object({
  minReplicas: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(1)
    .describe('The HPA never scales below this many pods'),
  maxReplicas: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(10)
    .describe('The HPA never scales above this many pods'),
  metrics: z
    .array(CpuUtilizationMetric)
    .min(1)
    .max(1)
    .default(() => [
      {
        type: 'Resource' as const,
        resource: {
          name: 'cpu' as const,
          target: { type: 'Utilization' as const, averageUtilization: 80 },
        },
      },
    ])
    .describe(
      'CPU utilisation target: [{type: "Resource", resource: {name: "cpu", target: {type: "Utilization", averageUtilization: 80}}}] (% of requests.cpu)',
    ),
  behavior: HpaBehavior.optional().describe(
    'Scaling behavior: stabilization windows and rate limits per direction; left out, the controller scales up at most max(2 × current, 4) per sync and down to the highest recommendation of 300 s',
  ),
});
export type Hpa = z.infer<typeof Hpa>;
