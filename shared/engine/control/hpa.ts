// HorizontalPodAutoscaler (autoscaling/v2) on CPU utilisation, after the Kubernetes docs
// "Horizontal Pod Autoscaling" (Algorithm details, Configurable scaling behavior) and
// kube-controller-manager's pkg/controller/podautoscaler: one sync of reconcileAutoscaler —
// the first sync records the current size as a recommendation (recordInitialRecommendation); at 0
// replicas autoscaling is off; outside [minReplicas, maxReplicas] the size is brought back
// in; otherwise the replica calculator proposes ceil(current × utilisation / target) unless the
// ratio is within the tolerance, and hpaRules.ts stabilizes and rate-limits the proposal. A
// change is written as the controller's SuccessfulRescale event.
import { event, type ControlEvent } from './events';
import { proposeFromPods, type PodMetrics } from './hpaPods';
import {
  normalizeWithBehavior,
  normalizeWithoutBehavior,
  storeScaleEvent,
  type Behavior,
  type Normalized,
  type RulesState,
} from './hpaRules';

export type { Behavior, ScalingPolicy, ScalingRules } from './hpaRules';
export type { PodMetrics, PodSample } from './hpaPods';

export interface HpaConfig {
  /** The scale target (a Deployment); names the events. */
  name: string;
  minReplicas: number;
  maxReplicas: number;
  /** metrics[0].resource.target.averageUtilization: % of requests.cpu. */
  targetUtilization: number;
  /** spec.behavior with every field filled in, or null: the HPA has none (the older rule). */
  behavior: Behavior | null;
  /** --horizontal-pod-autoscaler-downscale-stabilization, default 300 s (without behavior). */
  downscaleStabilizationSeconds: number;
  /** --horizontal-pod-autoscaler-tolerance, default 0.1. */
  tolerance: number;
  /** --horizontal-pod-autoscaler-sync-period, default 15 s. */
  syncPeriodSeconds: number;
}

/**
 * The controller's flags (tolerance 0.1, a 15 s sync period, a 300 s downscale window) and the
 * API's defaults (minReplicas 1, CPU target 80 %); a behavior's defaults are the model's
 * HPA_BEHAVIOR_DEFAULTS (pkg/apis/autoscaling/v2/defaults.go).
 */
export const HPA_DEFAULTS = {
  minReplicas: 1,
  maxReplicas: 10,
  targetUtilization: 80,
  tolerance: 0.1,
  syncPeriodSeconds: 15,
  downscaleStabilizationSeconds: 300,
} as const;

export interface HpaState extends RulesState {
  /** False until the first sync has recorded the current size as a recommendation. */
  started: boolean;
}

export interface HpaDecision {
  state: HpaState;
  desiredReplicas: number;
  /** The replica count from the metric alone, before stabilization and limits. */
  proposal: number;
  /** The utilisation the status reports (whole %). */
  utilization: number;
  events: ControlEvent[];
}

export function newHpaState(): HpaState {
  return { started: false, recommendations: [], scaleUpEvents: [], scaleDownEvents: [] };
}

function copyState(s: HpaState): HpaState {
  return {
    started: s.started,
    recommendations: s.recommendations.map((r) => ({ ...r })),
    scaleUpEvents: s.scaleUpEvents.map((e) => ({ ...e })),
    scaleDownEvents: s.scaleDownEvents.map((e) => ({ ...e })),
  };
}

/**
 * GetResourceReplicas without unready or missing pods: `utilization` is the mean over the pods of
 * usage / request × 100, truncated to a whole percent as GetResourceUtilizationRatio does; within
 * the tolerance the size stays.
 */
export function proposeReplicas(
  current: number,
  utilization: number,
  target: number,
  tolerance: number,
): number {
  const ratio = Math.trunc(utilization) / target;
  if (1.0 - tolerance <= ratio && ratio <= 1.0 + tolerance) return current;
  return Math.ceil(ratio * current);
}

const ABOVE_TARGET = 'cpu resource utilization (percentage of request) above target';

/**
 * One sync of the controller for this HPA at `nowMs`. `metric` is the pods' CPU utilisation in %
 * (one mean for all pods), or the pods measured one by one (see hpaPods.ts).
 */
export function hpaSync(
  config: HpaConfig,
  prior: HpaState,
  nowMs: number,
  currentReplicas: number,
  metric: number | PodMetrics,
): HpaDecision {
  const state = copyState(prior);
  if (!state.started) {
    state.started = true;
    state.recommendations.push({ atMs: nowMs, replicas: currentReplicas });
  }
  const measured =
    typeof metric === 'number'
      ? null
      : proposeFromPods(currentReplicas, metric, config.targetUtilization, config.tolerance);
  const utilization = measured === null ? Math.trunc(metric as number) : measured.utilization;
  // "Autoscaling is disabled when the current replica count is 0."
  if (currentReplicas === 0)
    return { state, desiredReplicas: 0, proposal: 0, utilization, events: [] };

  let desired: number;
  let reason: string;
  let proposal = currentReplicas;
  let normalized: Normalized | null = null;
  if (currentReplicas > config.maxReplicas) {
    desired = config.maxReplicas;
    reason = 'Current number of replicas above Spec.MaxReplicas';
  } else if (currentReplicas < config.minReplicas) {
    desired = config.minReplicas;
    reason = 'Current number of replicas below Spec.MinReplicas';
  } else {
    proposal =
      measured === null
        ? proposeReplicas(currentReplicas, utilization, config.targetUtilization, config.tolerance)
        : measured.proposal;
    reason =
      proposal > currentReplicas
        ? ABOVE_TARGET
        : proposal < currentReplicas
          ? 'All metrics below target'
          : '';
    const at = {
      nowMs,
      current: currentReplicas,
      minReplicas: config.minReplicas,
      maxReplicas: config.maxReplicas,
    };
    normalized =
      config.behavior === null
        ? normalizeWithoutBehavior(state, config.downscaleStabilizationSeconds, at, proposal)
        : normalizeWithBehavior(state, config.behavior, at, proposal);
    desired = normalized.desired;
  }

  const events: ControlEvent[] = [];
  if (desired !== currentReplicas) {
    events.push(
      event(
        nowMs,
        'Normal',
        'SuccessfulRescale',
        config.name,
        `New size: ${desired}; reason: ${reason}`,
        {
          from: currentReplicas,
          to: desired,
          utilization,
          target: config.targetUtilization,
          proposal,
          ...(normalized?.limitedBy == null ? {} : { limitedBy: normalized.limitedBy }),
        },
      ),
    );
    if (config.behavior !== null)
      storeScaleEvent(state, config.behavior, nowMs, currentReplicas, desired);
  }
  return { state, desiredReplicas: desired, proposal, utilization, events };
}
