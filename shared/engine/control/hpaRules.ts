// The HorizontalPodAutoscaler's normalisation of a proposal, as kube-controller-manager's
// pkg/controller/podautoscaler/horizontal.go does it: with `spec.behavior`
// (normalizeDesiredReplicasWithBehaviors) the stabilization windows over past recommendations
// (stabilizeRecommendationWithBehaviors), then the rate limits of the scaling policies over the
// scale events of their periods (convertDesiredReplicasWithBehaviorRate,
// calculateScaleUpLimitWithScalingRules, calculateScaleDownLimitWithBehaviors,
// getReplicasChangePerPeriod); without it the older rule (normalizeDesiredReplicas): the highest
// recommendation of the downscale window, at most max(2 × current, 4) per sync.
//
// Times are milliseconds of the run. The controller compares timestamps with Go's After/Before,
// which are strict: a record exactly `window` old is outside a behavior window but inside the
// older rule's window; the same comparisons are made here.

export type PolicyType = 'Pods' | 'Percent';
export type SelectPolicy = 'Max' | 'Min' | 'Disabled';

export interface ScalingPolicy {
  type: PolicyType;
  value: number;
  periodSeconds: number;
}

/** One direction of `spec.behavior`, every field filled in (as the API server defaults it). */
export interface ScalingRules {
  stabilizationWindowSeconds: number;
  selectPolicy: SelectPolicy;
  policies: ScalingPolicy[];
}

export interface Behavior {
  scaleUp: ScalingRules;
  scaleDown: ScalingRules;
}

export interface Recommendation {
  atMs: number;
  replicas: number;
}

/** A past rescale: `change` is positive in both lists (added for up, removed for down). */
export interface ScaleEvent {
  atMs: number;
  change: number;
  outdated: boolean;
}

export interface RulesState {
  recommendations: Recommendation[];
  scaleUpEvents: ScaleEvent[];
  scaleDownEvents: ScaleEvent[];
}

export interface Normalized {
  desired: number;
  /** The recommendation after the stabilization window, before the rate limits. */
  stabilized: number;
  /** ScalingLimited's reason: ScaleUpLimit, TooManyReplicas, ScaleDownLimit, TooFewReplicas. */
  limitedBy: string | null;
}

export interface Bounds {
  nowMs: number;
  current: number;
  minReplicas: number;
  maxReplicas: number;
}

/** Record a proposal: replace the last record old for every window, else append. */
function record(recs: Recommendation[], oldIndex: number, rec: Recommendation): void {
  if (oldIndex >= 0) recs[oldIndex] = rec;
  else recs.push(rec);
}

/** stabilizeRecommendationWithBehaviors: the proposal held between the windows' min and max. */
function stabilize(state: RulesState, b: Behavior, at: Bounds, proposal: number): number {
  const upCutoff = at.nowMs - b.scaleUp.stabilizationWindowSeconds * 1000;
  const downCutoff = at.nowMs - b.scaleDown.stabilizationWindowSeconds * 1000;
  let up = proposal;
  let down = proposal;
  let oldIndex = -1;
  state.recommendations.forEach((rec, i) => {
    if (rec.atMs > upCutoff) up = Math.min(rec.replicas, up);
    if (rec.atMs > downCutoff) down = Math.max(rec.replicas, down);
    if (rec.atMs < upCutoff && rec.atMs < downCutoff) oldIndex = i;
  });
  let recommendation = at.current;
  if (recommendation < up) recommendation = up;
  if (recommendation > down) recommendation = down;
  record(state.recommendations, oldIndex, { atMs: at.nowMs, replicas: proposal });
  return recommendation;
}

/** getReplicasChangePerPeriod: replicas changed by the events younger than the period. */
export function changeInPeriod(nowMs: number, periodSeconds: number, events: ScaleEvent[]): number {
  const cutoff = nowMs - periodSeconds * 1000;
  let replicas = 0;
  for (const e of events) if (e.atMs > cutoff) replicas += e.change;
  return replicas;
}

function periodStart(state: RulesState, nowMs: number, current: number, p: ScalingPolicy): number {
  const added = changeInPeriod(nowMs, p.periodSeconds, state.scaleUpEvents);
  const removed = changeInPeriod(nowMs, p.periodSeconds, state.scaleDownEvents);
  return current - added + removed;
}

/** calculateScaleUpLimitWithScalingRules: the most replicas the policies allow now. */
export function scaleUpLimit(
  state: RulesState,
  nowMs: number,
  current: number,
  rules: ScalingRules,
): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pick = rules.selectPolicy === 'Min' ? Math.min : Math.max;
  let result = rules.selectPolicy === 'Min' ? Infinity : -Infinity;
  for (const p of rules.policies) {
    const start = periodStart(state, nowMs, current, p);
    // Percent is rounded up, or a small target would never grow.
    const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

/** calculateScaleDownLimitWithBehaviors: the fewest replicas the policies allow now. */
export function scaleDownLimit(
  state: RulesState,
  nowMs: number,
  current: number,
  rules: ScalingRules,
): number {
  if (rules.selectPolicy === 'Disabled') return current;
  // For scaling down the smallest change is the highest count.
  const pick = rules.selectPolicy === 'Min' ? Math.max : Math.min;
  let result = rules.selectPolicy === 'Min' ? -Infinity : Infinity;
  for (const p of rules.policies) {
    const start = periodStart(state, nowMs, current, p);
    // Go's int32(float64) conversion truncates.
    const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

/** convertDesiredReplicasWithBehaviorRate. */
function rateLimit(state: RulesState, b: Behavior, at: Bounds, desired: number): Normalized {
  const { nowMs, current } = at;
  if (desired > current) {
    const limit = Math.max(current, scaleUpLimit(state, nowMs, current, b.scaleUp));
    const [allowed, reason] =
      at.maxReplicas > limit ? [limit, 'ScaleUpLimit'] : [at.maxReplicas, 'TooManyReplicas'];
    if (desired > allowed) return { desired: allowed, stabilized: desired, limitedBy: reason };
  } else if (desired < current) {
    const limit = Math.min(current, scaleDownLimit(state, nowMs, current, b.scaleDown));
    const [allowed, reason] =
      at.minReplicas < limit ? [limit, 'ScaleDownLimit'] : [at.minReplicas, 'TooFewReplicas'];
    if (desired < allowed) return { desired: allowed, stabilized: desired, limitedBy: reason };
  }
  return { desired, stabilized: desired, limitedBy: null };
}

/** normalizeDesiredReplicasWithBehaviors: stabilize, then limit the rate. */
export function normalizeWithBehavior(
  state: RulesState,
  b: Behavior,
  at: Bounds,
  proposal: number,
): Normalized {
  return rateLimit(state, b, at, stabilize(state, b, at, proposal));
}

/**
 * normalizeDesiredReplicas, for an HPA without `behavior`: the highest recommendation not older
 * than the downscale window (`--horizontal-pod-autoscaler-downscale-stabilization`), then
 * convertDesiredReplicasWithRules with the scale-up limit max(2 × current, 4).
 */
export function normalizeWithoutBehavior(
  state: RulesState,
  downscaleWindowSeconds: number,
  at: Bounds,
  proposal: number,
): Normalized {
  const cutoff = at.nowMs - downscaleWindowSeconds * 1000;
  let stabilized = proposal;
  let oldIndex = -1;
  state.recommendations.forEach((rec, i) => {
    if (rec.atMs < cutoff) oldIndex = i;
    else if (rec.replicas > stabilized) stabilized = rec.replicas;
  });
  record(state.recommendations, oldIndex, { atMs: at.nowMs, replicas: proposal });
  const limit = Math.max(2 * at.current, 4);
  const [allowed, reason] =
    at.maxReplicas > limit ? [limit, 'ScaleUpLimit'] : [at.maxReplicas, 'TooManyReplicas'];
  if (stabilized < at.minReplicas)
    return { desired: at.minReplicas, stabilized, limitedBy: 'TooFewReplicas' };
  if (stabilized > allowed) return { desired: allowed, stabilized, limitedBy: reason };
  return { desired: stabilized, stabilized, limitedBy: null };
}

function longestPeriod(rules: ScalingRules): number {
  let longest = 0;
  for (const p of rules.policies) if (p.periodSeconds > longest) longest = p.periodSeconds;
  return longest;
}

/**
 * storeScaleEvent: events older than the direction's longest policy period are marked outdated,
 * and the new event takes the place of the last outdated one (outdated events still count in
 * getReplicasChangePerPeriod until they are replaced, as in the controller).
 */
export function storeScaleEvent(
  state: RulesState,
  b: Behavior,
  nowMs: number,
  from: number,
  to: number,
): void {
  const up = to > from;
  const events = up ? state.scaleUpEvents : state.scaleDownEvents;
  const cutoff = nowMs - longestPeriod(up ? b.scaleUp : b.scaleDown) * 1000;
  let oldIndex = -1;
  events.forEach((e, i) => {
    if (e.atMs < cutoff) e.outdated = true;
    if (e.outdated) oldIndex = i;
  });
  const event: ScaleEvent = { atMs: nowMs, change: Math.abs(to - from), outdated: false };
  if (oldIndex >= 0) events[oldIndex] = event;
  else events.push(event);
}
