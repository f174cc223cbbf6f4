// Requests cut when a pod's container stops (killed, failed, crashed): what it queued and what it
// was serving end with connection_reset, as a client of a dead TCP peer sees.
import { CONNECTION_RESET } from './causes';
import { finish } from './flow';
import type { Pod } from './graph';
import { releaseHeld } from './capacity';
import type { Req } from './request';
import type { World } from './world';

export function cutRequests(w: World, pod: Pod): void {
  const stats = pod.node.stats;
  while (pod.queue.length > 0) {
    const r = pod.queue.shift();
    stats.level(w.k.now);
    stats.queued--;
    finish(w, r, CONNECTION_RESET);
  }
  const victims: Req[] = [];
  for (let r = pod.active; r !== null; r = r.podNext) victims.push(r);
  for (const r of victims) {
    // Finishing one victim can end another on the way (a call chain through the same pod).
    if (r.pod !== pod) continue;
    releaseHeld(w, r);
    finish(w, r, CONNECTION_RESET);
  }
}
