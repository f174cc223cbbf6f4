// What the data plane sees of a Kubernetes pod: the kubelet's view copied into the engine's Pod
// (listening, warming up, hung, leaking, a buggy version's extra latency and errors).
import type { PodRt } from './service';

/** Copy the kubelet's view into the data plane's pod. */
export function applyPodFlags(prt: PodRt): void {
  const { pod, life } = prt;
  const b = life.spec.behaviour;
  const started = life.containerStartedAtMs;
  const listening =
    started !== null &&
    !prt.sigterm &&
    (life.phase === 'Running' || life.phase === 'Terminating') &&
    b.kind !== 'crash-on-start';
  pod.refusing = !pod.alive || !listening;
  const at = started ?? 0;
  pod.startedMs = at;
  pod.acceptFromMs = b.kind === 'slow-warmup' ? at + b.warmupS * 1000 : 0;
  pod.stallFromMs = b.kind === 'hang' ? at + b.afterS * 1000 : Infinity;
  pod.leakMsPerS = b.kind === 'leak' ? b.msPerS : 0;
  pod.extraMs = prt.rs.template.bug.latencyMs;
  pod.errorRate = prt.rs.template.bug.errorRate;
}
