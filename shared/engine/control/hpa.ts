// HorizontalPodAutoscaler on CPU, after the Kubernetes docs "Horizontal Pod Autoscaling —
// Algorithm details" and pkg/controller/podautoscaler (replica_calculator.go GetResourceReplicas,
// horizontal.go stabilizeRecommendationWithBehaviors, convertDesiredReplicasWithBehaviorRate) with
// the default autoscaling/v2 behavior: scale-up window 0 s, at most max(+100 %, +4 pods) per 15 s;
// scale-down window 300 s (the highest recommendation in it wins), up to −100 % per 15 s.
import { event, type ControlEvent } from './events';

export interface HpaConfig {
  /** The scale target (a Deployment); names the events. */
  name: string;
  minReplicas: number;
  maxReplicas: number;
  targetCPUUtilizationPercentage: number;
  /** behavior.scaleDown.stabilizationWindowSeconds, default 300. */
  scaleDownStabilizationSeconds: number;
  /** --horizontal-pod-autoscaler-tolerance, default 0.1. */
  tolerance: number;
  /** --horizontal-pod-autoscaler-sync-period, default 15 s. */
  syncPeriodSeconds: number;
}

export const HPA_DEFAULTS = {
  minReplicas: 1,
  scaleDownStabilizationSeconds: 300,
  tolerance: 0.1,
  syncPeriodSeconds: 15,
} as const;

export interface HpaState {
  /** Recommendations of past syncs (timestamp, replicas), for the stabilization window. */
  recommendations: { atMs: number; replicas: number }[];
}

export interface HpaDecision {
  state: HpaState;
  desiredReplicas: number;
  /** The replica count from the metric alone, before stabilization and limits. */
  proposal: number;
  events: ControlEvent[];
}

export function newHpaState(): HpaState {
  return { recommendations: [] };
}

/**
 * One sync: `cpuUtilizationPercent` is the mean over the ready pods of usage / request × 100,
 * truncated to an integer as GetResourceUtilizationRatio does.
 */
export function hpaSync(
  config: HpaConfig,
  state: HpaState,
  nowMs: number,
  currentReplicas: number,
  cpuUtilizationPercent: number,
): HpaDecision {
  // "Autoscaling is disabled when the current replica count is 0."
  if (currentReplicas === 0) {
    return { state, desiredReplicas: 0, proposal: 0, events: [] };
  }
  const utilization = Math.trunc(cpuUtilizationPercent);
  const ratio = utilization / config.targetCPUUtilizationPercentage;
  // Within tolerance: no change (the same float64 arithmetic as the controller).
  const proposal =
    Math.abs(1.0 - ratio) <= config.tolerance
      ? currentReplicas
      : Math.ceil(ratio * currentReplicas);

  // stabilizeRecommendationWithBehaviors: up window 0 s, down window the max over the window.
  const downCutoff = nowMs - config.scaleDownStabilizationSeconds * 1000;
  const kept = state.recommendations.filter((r) => r.atMs > downCutoff);
  let downRecommendation = proposal;
  for (const r of kept) downRecommendation = Math.max(downRecommendation, r.replicas);
  let recommendation = Math.max(currentReplicas, proposal);
  recommendation = Math.min(recommendation, downRecommendation);
  const next: HpaState = { recommendations: [...kept, { atMs: nowMs, replicas: proposal }] };

  // convertDesiredReplicasWithBehaviorRate with the default policies.
  const scaleUpLimit = Math.max(currentReplicas * 2, currentReplicas + 4);
  let desired = recommendation;
  let reason = '';
  if (desired > currentReplicas) {
    const max = Math.min(scaleUpLimit, config.maxReplicas);
    if (desired > max) {
      reason = max === config.maxReplicas ? 'TooManyReplicas' : 'ScaleUpLimit';
      desired = max;
    }
  } else if (desired < currentReplicas) {
    if (desired < config.minReplicas) {
      reason = 'TooFewReplicas';
      desired = config.minReplicas;
    }
  }
  desired = Math.max(config.minReplicas, Math.min(config.maxReplicas, desired));

  const events: ControlEvent[] = [];
  if (desired !== currentReplicas) {
    const why =
      desired > currentReplicas
        ? 'cpu resource utilization (percentage of request) above target'
        : 'All metrics below target';
    events.push(
      event(
        nowMs,
        'Normal',
        'SuccessfulRescale',
        config.name,
        `New size: ${desired}; reason: ${why}`,
        {
          from: currentReplicas,
          to: desired,
          utilization,
          target: config.targetCPUUtilizationPercentage,
          proposal,
          ...(reason === '' ? {} : { limitedBy: reason }),
        },
      ),
    );
  }
  return { state: next, desiredReplicas: desired, proposal, events };
}
