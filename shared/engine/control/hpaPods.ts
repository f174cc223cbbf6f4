// The replica calculator's GetResourceReplicas for pods measured one by one
// (pkg/controller/podautoscaler/replica_calculator.go): the utilisation of the Ready pods with a
// sample, then, when some pods had none (missing) or are not Ready yet (unready), the
// conservative second pass — on a scale-down a missing pod counts as using max(100 %, target) of
// its request, on a scale-up missing and unready pods count as using nothing — which may cancel
// the change when it falls within the tolerance or turns the direction.

/** One pod as the metric sees it: its usage and request in cores. */
export interface PodSample {
  usage: number;
  request: number;
}

export interface PodMetrics {
  /** Ready pods with a usage sample over the period. */
  ready: PodSample[];
  /** Ready pods without a sample yet (their requests, cores). */
  missing: number[];
  /** Pods not Ready yet (their requests, cores). */
  unready: number[];
}

/** GetResourceUtilizationRatio: Σ usage × 100 / Σ requests, truncated to a whole percent. */
function utilizationOf(samples: PodSample[]): number {
  let usage = 0;
  let request = 0;
  for (const s of samples) {
    usage += s.usage;
    request += s.request;
  }
  return request > 0 ? Math.trunc((100 * usage) / request) : 0;
}

const within = (ratio: number, tolerance: number) =>
  1.0 - tolerance <= ratio && ratio <= 1.0 + tolerance;

/** The proposal and the utilisation the status reports (of the Ready pods with samples). */
export function proposeFromPods(
  current: number,
  pods: PodMetrics,
  target: number,
  tolerance: number,
): { proposal: number; utilization: number } {
  const utilization = utilizationOf(pods.ready);
  if (pods.ready.length === 0) return { proposal: current, utilization };
  const ratio = utilization / target;
  const scaleUpWithUnready = pods.unready.length > 0 && ratio > 1.0;
  if (!scaleUpWithUnready && pods.missing.length === 0) {
    if (within(ratio, tolerance)) return { proposal: current, utilization };
    return { proposal: Math.ceil(ratio * pods.ready.length), utilization };
  }
  const samples = [...pods.ready];
  if (ratio < 1.0) {
    const fallback = Math.max(100, target) / 100;
    for (const request of pods.missing) samples.push({ usage: request * fallback, request });
  } else if (ratio > 1.0) {
    for (const request of pods.missing) samples.push({ usage: 0, request });
  }
  if (scaleUpWithUnready) for (const request of pods.unready) samples.push({ usage: 0, request });
  const newRatio = utilizationOf(samples) / target;
  if (
    within(newRatio, tolerance) ||
    (ratio < 1.0 && newRatio > 1.0) ||
    (ratio > 1.0 && newRatio < 1.0)
  )
    return { proposal: current, utilization };
  const proposal = Math.ceil(newRatio * samples.length);
  if ((newRatio < 1.0 && proposal > current) || (newRatio > 1.0 && proposal < current))
    return { proposal: current, utilization };
  return { proposal, utilization };
}
