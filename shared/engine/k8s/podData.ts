// What the data plane sees of a Kubernetes pod: the kubelet's view copied into the engine's Pod
// (listening, warming up, hung, leaking, a buggy version's extra latency and errors), and the
// requests cut when its container ends.
import { CONNECTION_RESET } from '../causes';
import { finish } from '../flow';
import type { RNode } from '../graph';
import { releaseHeld } from '../nodes';
import type { Req } from '../request';
import type { World } from '../world';
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

/** Requests queued on or served by the pod's container end with connection_reset. */
export function cutPod(w: World, node: RNode, prt: PodRt): void {
  const pod = prt.pod;
  const stats = node.stats;
  while (pod.queue.length > 0) {
    const r = pod.queue.shift();
    stats.level(w.k.now);
    stats.queued--;
    finish(w, r, CONNECTION_RESET);
  }
  const victims: Req[] = [];
  for (let r = pod.active; r !== null; r = r.podNext) victims.push(r);
  for (const r of victims) {
    if (r.pod !== pod) continue;
    releaseHeld(w, r);
    finish(w, r, CONNECTION_RESET);
  }
}
