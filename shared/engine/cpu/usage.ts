// What the HPA reads of a pod's CPU: cumulative CPU-seconds (as the kubelet's cAdvisor counter
// container_cpu_usage_seconds_total) and the pod's requests.cpu; utilization over a window is
// (Δ CPU-seconds / Δ wall seconds) / requests.cpu, and may pass 100 %.
import type { Pod } from '../graph';

/** CPU-seconds the pod's container used up to `nowMs` (0 for a node without a runtime). */
export function podCpuSeconds(pod: Pod, nowMs: number): number {
  const cpu = pod.cpu;
  if (cpu === null) return 0;
  cpu.advance(nowMs);
  return cpu.usageMs / 1000;
}

/** The pod's requests.cpu in cores (limits.cpu when only a limit is set); 0 when none. */
export function podCpuRequestCores(pod: Pod): number {
  return pod.node.cpu?.spec.requestCores ?? 0;
}

/** Does this pod's node simulate CPU (a runtime)? Else the HPA falls back to busy slots. */
export function hasCpu(pod: Pod): boolean {
  return pod.node.cpu !== null;
}
