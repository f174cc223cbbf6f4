// What actions and faults may do to pods and nodes, whoever runs the pods: a service's pods go
// through its Deployment runtime (k8s/service.ts), a bare pod is handled here. Faults call these
// rather than dispatching another action.
import { dispatch } from './capacity';
import type { Pod, RNode } from './graph';
import { serviceOf } from './k8s/attach';
import type { PodRt } from './k8s/service';
import { cutRequests } from './podCut';
import { markReady, removePod, unready } from './pods';
import type { Rng } from './rng';
import type { World } from './world';

/** The node's pods that run and are not being stopped, in creation order. */
export function runningPods(node: RNode): Pod[] {
  return node.pods.filter((p) => p.alive && !p.terminating);
}

/** A running pod: by `name`, else the `index`-th (wrapping), else (index < 0) one drawn from `rng`. */
export function pickPod(node: RNode, index: number, rng: Rng, name?: string): Pod | null {
  const alive = runningPods(node);
  if (name !== undefined) return alive.find((p) => p.name === name) ?? null;
  if (alive.length === 0) return null;
  return (index < 0 ? alive[rng.int(alive.length)] : alive[index % alive.length]) ?? null;
}

/**
 * `kubectl delete pod --grace-period=0 --force`: the pod is gone at once and its requests reset.
 * A service's ReplicaSet creates a replacement (its endpoints still list the old pod until the
 * change propagates); a bare pod stays dead.
 */
export function killPod(w: World, pod: Pod, source: Record<string, unknown>): void {
  const svc = serviceOf(pod.node);
  if (svc !== null) {
    svc.deletePod(pod.rt as PodRt, true);
    svc.requestSync();
    return;
  }
  w.log.add(w.k.now, 'Normal', 'Killing', pod.name, `Stopping container ${pod.node.kubeName}`, {
    ...source,
    pod: pod.name,
    node: pod.node.id,
  });
  unready(pod, w.k.now);
  pod.alive = false;
  removePod(pod);
  cutRequests(w, pod);
}

/** The pod's requests fail with connection_reset and it leaves the endpoints (it stays alive). */
export function failPod(w: World, pod: Pod): void {
  unready(pod, w.k.now);
  cutRequests(w, pod);
}

/** A failed pod is back in the endpoints and takes messages again. */
export function restorePod(w: World, pod: Pod): void {
  if (!pod.alive || pod.terminating) return;
  markReady(pod, w.k.now);
  for (const sub of pod.node.subs) if (sub.consumer === pod.node) dispatch(w, sub);
}

/** A node whose faults (node.failed) all ended takes requests and messages again. */
export function nodeRecovered(w: World, node: RNode): void {
  if (node.failed === 0) for (const sub of node.subs) if (sub.consumer === node) dispatch(w, sub);
}
