// The kernel's OOM killer: a pod whose memory (threads × stack + requests in flight × per-request
// memory + the process's base) passes limits.memory loses its container with exit code 137. A
// Deployment's pod goes through the kubelet (control/pod.ts: OOMKilled, then the restart with its
// CrashLoopBackOff); a bare pod's container restarts at once.
import type { Pod } from '../graph';
import { cutRequests } from '../podCut';
import type { World } from '../world';

export const OOM_EXIT_CODE = 137;

export function oomKill(w: World, pod: Pod): void {
  if (!pod.alive || pod.refusing) return;
  const nc = pod.node.cpu;
  if (nc !== null) nc.oomKills++;
  if (pod.rt !== null) return pod.rt.oomKilled();
  w.log.add(
    w.k.now,
    'Warning',
    'OOMKilled',
    pod.name,
    `Container ${pod.node.id} was OOMKilled (exit code ${OOM_EXIT_CODE}): memory above its limit`,
    { node: pod.node.id, exitCode: OOM_EXIT_CODE },
  );
  cutRequests(w, pod);
}
